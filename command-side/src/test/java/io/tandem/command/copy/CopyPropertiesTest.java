package io.tandem.command.copy;

import io.tandem.contracts.common.Cash;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CopyPropertiesTest {

    @Test
    void withNothingConfiguredACopyTakes100To2000000AndACopierHasAtMost100() {
        CopyProperties settings = bind(Map.of());

        assertThat(settings.minAmountCash()).isEqualTo(Cash.parse("100.00"));
        assertThat(settings.maxAmountCash()).isEqualTo(Cash.parse("2000000.00"));
        assertThat(settings.maxCopiesPerUser()).isEqualTo(100);
    }

    @Test
    void configuredValuesAreBoundFromKebabCase() {
        CopyProperties settings = bind(Map.of("tandem.copy.min-amount", "50.00", "tandem.copy.max-amount", "500.00",
                "tandem.copy.max-copies-per-user", "3"));

        assertThat(settings.minAmountCash()).isEqualTo(Cash.parse("50.00"));
        assertThat(settings.maxAmountCash()).isEqualTo(Cash.parse("500.00"));
        assertThat(settings.maxCopiesPerUser()).isEqualTo(3);
    }

    @Test
    void invalidSettingsStopTheApplicationAtStartup() {
        assertThatThrownBy(() -> bind(Map.of("tandem.copy.min-amount", "600.00", "tandem.copy.max-amount", "500.00")))
                .isInstanceOf(BindException.class).hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CopyProperties(BigDecimal.ZERO, BigDecimal.TEN, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CopyProperties(new BigDecimal("1.001"), BigDecimal.TEN, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CopyProperties(BigDecimal.ONE, BigDecimal.TEN, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static CopyProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("tandem.copy", CopyProperties.class);
    }
}
