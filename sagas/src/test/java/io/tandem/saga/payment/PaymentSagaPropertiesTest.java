package io.tandem.saga.payment;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentSagaPropertiesTest {

    private static PaymentSagaProperties settings(String multiplier, Duration cap) {
        return new PaymentSagaProperties(Duration.ofSeconds(30), 5, new BigDecimal(multiplier), cap);
    }

    @Test
    void eachCheckWaitsTheMultiplierTimesLongerThanTheOneBefore() {
        PaymentSagaProperties settings = settings("2", Duration.ofHours(1));

        assertThat(settings.delayBeforeCheck(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.delayBeforeCheck(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.delayBeforeCheck(4)).isEqualTo(Duration.ofSeconds(240));
    }

    @Test
    void theWaitNeverExceedsTheMaximum() {
        PaymentSagaProperties settings = settings("3", Duration.ofMinutes(2));

        assertThat(settings.delayBeforeCheck(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.delayBeforeCheck(1_000)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aFractionalMultiplierRoundsTheWaitUpToTheMillisecond() {
        PaymentSagaProperties settings = new PaymentSagaProperties(Duration.ofMillis(1_001), 5, new BigDecimal("1.5"), Duration.ofHours(1));

        assertThat(settings.delayBeforeCheck(2)).isEqualTo(Duration.ofMillis(1_502));
    }

    @Test
    void settingsThatCouldNeverWorkAreRefusedAtStartup() {
        assertThatThrownBy(() -> new PaymentSagaProperties(Duration.ZERO, 5, BigDecimal.TEN, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PaymentSagaProperties(Duration.ofSeconds(30), 0, BigDecimal.TEN, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings("0.5", Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings("2", Duration.ofSeconds(10))).isInstanceOf(IllegalArgumentException.class);
    }
}
