package io.tandem.contracts;

import io.tandem.contracts.common.*;
import io.tandem.contracts.orderbook.InstrumentSpec;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstrumentSpecTest {

    private final InstrumentSpec acme = new InstrumentSpec(Symbol.of("ACME"), "Acme Corp",
            new BigDecimal("0.01"), new BigDecimal("0.0001"), new BigDecimal("0.001"), new BigDecimal("0.002"),
            Quantity.ofLots(1_000_000_0000L), Cash.parse("1000000.00"), new BigDecimal("0.10"));

    @Test
    void aSpecWithoutAMinimumGetsOneDollarOrItsMaximumWhenThatIsSmaller() {
        assertThat(acme.minOrderNotional()).isEqualTo(Cash.parse("1.00"));
        InstrumentSpec tiny = new InstrumentSpec(Symbol.of("TINY"), "Tiny", new BigDecimal("0.01"), BigDecimal.ONE,
                BigDecimal.ZERO, BigDecimal.ZERO, Quantity.ofLots(10), Cash.parse("0.50"), new BigDecimal("0.10"));
        assertThat(tiny.minOrderNotional()).isEqualTo(Cash.parse("0.50"));
    }

    @Test
    void parsesWholeTicksAndLotsAndFormatsThemBack() {
        assertThat(acme.priceOf("10.00")).isEqualTo(Price.ofTicks(1000));
        assertThat(acme.quantityOf("0.25")).isEqualTo(Quantity.ofLots(2500));
        assertThat(acme.format(Price.ofTicks(999))).isEqualTo("9.99");
        assertThat(acme.format(Quantity.ofLots(50000))).isEqualTo("5");
        assertThat(acme.format(Quantity.ofLots(2500))).isEqualTo("0.25");
    }

    @Test
    void refusesPricesOffTheTickAndQuantitiesOffTheLot() {
        assertThatThrownBy(() -> acme.priceOf("10.001")).extracting(e -> ((TandemException) e).code())
                .isEqualTo(ErrorCode.INVALID_TICK);
        assertThatThrownBy(() -> acme.quantityOf("0.00001")).extracting(e -> ((TandemException) e).code())
                .isEqualTo(ErrorCode.INVALID_LOT);
        assertThatThrownBy(() -> acme.priceOf("-1")).extracting(e -> ((TandemException) e).code())
                .isEqualTo(ErrorCode.INVALID_PRICE);
        assertThatThrownBy(() -> acme.quantityOf("abc")).extracting(e -> ((TandemException) e).code())
                .isEqualTo(ErrorCode.MALFORMED_REQUEST);
    }

    @Test
    void buyReservationRoundsNotionalAndFeeUpToTheCent() {
        // 0.0001 share at 10.01 = 0.1001 cents -> 1 cent; fee 0.1001 * 0.002 -> 1 cent
        assertThat(acme.buyReservation(acme.priceOf("10.01"), acme.quantityOf("0.0001"))).isEqualTo(Cash.ofCents(2));
        // 5 at 10.00 = 5000 cents; fee 10 cents
        assertThat(acme.buyReservation(acme.priceOf("10.00"), acme.quantityOf("5"))).isEqualTo(Cash.ofCents(5010));
    }

    @Test
    void marketCollarBoundsStayOnTheTickGrid() {
        assertThat(acme.marketBuyLimit(Price.ofTicks(1005))).isEqualTo(Price.ofTicks(1105));
        assertThat(acme.marketSellLimit(Price.ofTicks(1005))).isEqualTo(Price.ofTicks(905));
    }

    @Test
    void cashParsesExactlyTwoDecimalsAtMost() {
        assertThat(Cash.parse("10000.00")).isEqualTo(Cash.ofCents(1_000_000));
        assertThat(Cash.parse("0.5").toDecimalString()).isEqualTo("0.50");
        assertThatThrownBy(() -> Cash.parse("0.001")).isInstanceOf(TandemException.class);
    }
}
