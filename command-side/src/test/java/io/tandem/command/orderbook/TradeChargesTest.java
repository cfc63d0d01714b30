package io.tandem.command.orderbook;

import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.orderbook.InstrumentSpec;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cumulative per-order rounding of trade legs. The instrument trades 0.0001-share lots at cent
 * ticks, so {@code ticks x lots / 10000} is the exact notional in cents and most fills are
 * fractions of a cent.
 */
class TradeChargesTest {

    private static final InstrumentSpec FRACTIONAL = new InstrumentSpec(Symbol.of("FRAC"), "Fractional",
            new BigDecimal("0.01"), new BigDecimal("0.0001"), new BigDecimal("0.001"), new BigDecimal("0.002"),
            Quantity.ofLots(1_000_000_000L), Cash.parse("1000000.00"), new BigDecimal("0.10"));

    /** 50 ticks x 100 lots = 0.5 cents. */
    private static final Price HALF_CENT_PRICE = Price.ofTicks(50);
    private static final Quantity HALF_CENT_QUANTITY = Quantity.ofLots(100);

    private static OrderCharges charges(String notional, String fee, long notionalBilled, long feeBilled) {
        return new OrderCharges(new BigDecimal(notional), new BigDecimal(fee), notionalBilled, feeBilled);
    }

    @Test
    void aBuyerPaysTheRunningNotionalRoundedUpSoSmallFillsAreNotEachRoundedUp() {
        TradeCharges.Charged first = TradeCharges.charge(FRACTIONAL, HALF_CENT_PRICE, HALF_CENT_QUANTITY,
                OrderCharges.NONE, false, OrderCharges.NONE);
        TradeCharges.Charged second = TradeCharges.charge(FRACTIONAL, HALF_CENT_PRICE, HALF_CENT_QUANTITY,
                first.buyerAfter(), false, OrderCharges.NONE);

        assertThat(first.legs().buyerNotional()).isEqualTo(1);
        assertThat(second.legs().buyerNotional()).as("0.5 + 0.5 = 1 cent in total").isZero();
        assertThat(first.legs().buyerFee() + second.legs().buyerFee()).as("fee 0.002 cents rounds up once").isEqualTo(1);
    }

    @Test
    void aSellerReceivesTheRunningNotionalRoundedDown() {
        TradeCharges.Charged first = TradeCharges.charge(FRACTIONAL, HALF_CENT_PRICE, HALF_CENT_QUANTITY,
                OrderCharges.NONE, true, OrderCharges.NONE);
        TradeCharges.Charged second = TradeCharges.charge(FRACTIONAL, HALF_CENT_PRICE, HALF_CENT_QUANTITY,
                OrderCharges.NONE, true, first.sellerAfter());

        assertThat(first.legs().sellerNotional()).isZero();
        assertThat(second.legs().sellerNotional()).isEqualTo(1);
    }

    @Test
    void aSellerFeeNeverExceedsTheSellerNotionalAndIsCaughtUpLater() {
        TradeCharges.Charged first = TradeCharges.charge(FRACTIONAL, HALF_CENT_PRICE, HALF_CENT_QUANTITY,
                OrderCharges.NONE, true, OrderCharges.NONE);
        TradeCharges.Charged second = TradeCharges.charge(FRACTIONAL, HALF_CENT_PRICE, HALF_CENT_QUANTITY,
                OrderCharges.NONE, true, first.sellerAfter());

        assertThat(first.legs().sellerFee()).as("owed 1 cent but received nothing yet").isZero();
        assertThat(second.legs().sellerFee()).as("caught up").isEqualTo(1);
        assertThat(second.legs().sellerNotional() - second.legs().sellerFee()).isZero();
    }

    @Test
    void theSellerNotionalIsCappedSoThePlatformIsNeverDebited() {
        // The buyer rounds 0.4 + 0.5 up to the cent it already paid; the seller's 1.6 + 0.5 would round
        // down to a new cent. Uncapped, the trade would take a cent from the fee account.
        OrderCharges buyer = charges("0.4", "0.0008", 1, 1);
        OrderCharges seller = charges("1.6", "0.0032", 1, 1);

        TradeCharges.Charged charged = TradeCharges.charge(FRACTIONAL, HALF_CENT_PRICE, HALF_CENT_QUANTITY,
                buyer, false, seller);

        assertThat(charged.legs()).isEqualTo(new TradeCharges.Legs(0, 0, 0, 0));
        assertThat(charged.legs().platformCredit()).isZero();
        assertThat(charged.sellerAfter().exactNotional()).isEqualByComparingTo("2.1");
        assertThat(charged.sellerAfter().notionalBilled()).as("the cent is owed, not lost").isEqualTo(1);
    }

    @Test
    void aCappedSellerCatchesUpOnItsNextFill() {
        OrderCharges seller = charges("2.1", "0.0042", 1, 1);
        OrderCharges freshBuyer = OrderCharges.NONE;

        TradeCharges.Charged next = TradeCharges.charge(FRACTIONAL, HALF_CENT_PRICE, HALF_CENT_QUANTITY,
                freshBuyer, false, seller);

        assertThat(next.legs().sellerNotional()).as("floor(2.6) - 1").isEqualTo(1);
        assertThat(next.legs().platformCredit()).isNotNegative();
    }

    @Test
    void feesUseTheMakerRateForTheMakerAndTheTakerRateForTheTaker() {
        Price price = Price.ofTicks(1000);
        Quantity quantity = Quantity.ofLots(50_000);
        TradeCharges.Legs legs = TradeCharges.charge(FRACTIONAL, price, quantity,
                OrderCharges.NONE, true, OrderCharges.NONE).legs();

        assertThat(legs).isEqualTo(new TradeCharges.Legs(5000, 5, 5000, 10));
        assertThat(legs.platformCredit()).isEqualTo(15);
    }
}
