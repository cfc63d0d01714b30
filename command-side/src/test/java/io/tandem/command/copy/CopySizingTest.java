package io.tandem.command.copy;

import io.tandem.contracts.common.*;
import io.tandem.contracts.copy.MirrorCut;
import io.tandem.contracts.copy.MirrorDecision;
import io.tandem.contracts.copy.MirrorSkipReason;
import io.tandem.contracts.copy.SizingMode;
import io.tandem.contracts.orderbook.InstrumentSpec;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Worked numbers for the sizing of mirrors. The instrument has a tick of 0.01, a lot of 0.0001 share,
 * fees of 0.1% (maker) and 0.2% (taker), a 5% market collar and a minimum order notional of 1.00; the
 * leader trades at 100.00, so a market buy is protected at 105.00 and a market sell at 95.00.
 */
class CopySizingTest {

    static final Symbol ACME = Symbol.of("ACME");
    static final InstrumentSpec SPEC = new InstrumentSpec(ACME, "Acme", new BigDecimal("0.01"), new BigDecimal("0.0001"),
            new BigDecimal("0.001"), new BigDecimal("0.002"), Quantity.ofLots(1_000_000_000L), Cash.ofCents(100_000_000_00L),
            new BigDecimal("0.05"));
    static final TradeId TRADE = TradeId.of(ACME, 7);
    static final Price HUNDRED = Price.ofTicks(100_00);
    static final Price BUY_PROTECTION = Price.ofTicks(105_00);
    static final Price SELL_PROTECTION = Price.ofTicks(95_00);
    static final long SHARE = 10_000;

    private static MirrorDecision buy(SizingMode mode, Cash perTrade, long leaderLots, long leaderEquity, long copyEquity, long copyCash) {
        return CopySizing.size(new CopySizing.Request(mode, perTrade, TRADE, Side.BUY, Quantity.ofLots(leaderLots), HUNDRED,
                Cash.ofCents(leaderEquity), Cash.ofCents(copyEquity), Quantity.ZERO, Cash.ofCents(copyCash), Quantity.ZERO,
                BUY_PROTECTION, SPEC));
    }

    private static MirrorDecision sell(long leaderLots, long leaderBefore, long copyPosition) {
        return CopySizing.size(new CopySizing.Request(SizingMode.PROPORTIONAL, null, TRADE, Side.SELL, Quantity.ofLots(leaderLots),
                HUNDRED, Cash.ofCents(1_000_000_00), Cash.ofCents(1_000_00), Quantity.ofLots(leaderBefore), Cash.ZERO,
                Quantity.ofLots(copyPosition), SELL_PROTECTION, SPEC));
    }

    @Test
    void aProportionalBuyTakesTheLeadersQuantityTimesTheEquityRatio() {
        // 10 shares x 1,000.00 / 10,000.00 = 1 share = 10,000 lots; it reserves 105.00 + 0.21 fee.
        MirrorDecision decision = buy(SizingMode.PROPORTIONAL, null, 10 * SHARE, 10_000_00, 1_000_00, 1_000_00);

        assertThat(decision.kind()).isEqualTo(MirrorDecision.Kind.PLACE);
        assertThat(decision.quantity()).isEqualTo(Quantity.ofLots(SHARE));
        assertThat(decision.explanation().ratio()).isEqualByComparingTo("0.1");
        assertThat(decision.explanation().rawQuantity()).isEqualByComparingTo("10000");
        assertThat(decision.explanation().cutBy()).isEqualTo(MirrorCut.NONE);
        assertThat(decision.explanation().leaderTradeId()).isEqualTo(TRADE);
        assertThat(SPEC.buyReservation(BUY_PROTECTION, decision.quantity())).isEqualTo(Cash.ofCents(105_21));
    }

    @Test
    void aFractionOfALotIsRoundedDown() {
        // 10 shares x 1,000.00 / 30,000.00: ratio 0.0333333333 (shown), raw 3333.3333333333 lots (one division), 3,333 ordered.
        MirrorDecision decision = buy(SizingMode.PROPORTIONAL, null, 10 * SHARE, 30_000_00, 1_000_00, 1_000_00);

        assertThat(decision.explanation().ratio()).isEqualByComparingTo("0.0333333333");
        assertThat(decision.explanation().rawQuantity()).isEqualByComparingTo("3333.3333333333");
        assertThat(decision.quantity()).isEqualTo(Quantity.ofLots(3_333));
        assertThat(decision.explanation().cutBy()).isEqualTo(MirrorCut.LOT_SIZE);
    }

    @Test
    void aFixedAmountBuyTakesTheAmountAtTheLeadersPrice() {
        // 50.00 at 100.00 is half a share: one lot costs one cent.
        MirrorDecision decision = buy(SizingMode.FIXED_AMOUNT, Cash.ofCents(50_00), 10 * SHARE, 10_000_00, 1_000_00, 1_000_00);

        assertThat(decision.quantity()).isEqualTo(Quantity.ofLots(SHARE / 2));
        assertThat(decision.explanation().ratio()).isEqualByComparingTo("0.05");
        assertThat(decision.explanation().rawQuantity()).isEqualByComparingTo("5000");
        assertThat(decision.explanation().cutBy()).isEqualTo(MirrorCut.NONE);
    }

    @Test
    void aBuyIsCutToWhatTheAvailableCashReservesAtTheProtectionPrice() {
        // 50.00 available: 4,752 lots reserve 49.90 + 0.10 fee = 50.00; 4,753 would need 50.01.
        MirrorDecision decision = buy(SizingMode.PROPORTIONAL, null, 10 * SHARE, 10_000_00, 1_000_00, 50_00);

        assertThat(decision.quantity()).isEqualTo(Quantity.ofLots(4_752));
        assertThat(decision.explanation().cutBy()).isEqualTo(MirrorCut.CASH);
        assertThat(SPEC.buyReservation(BUY_PROTECTION, Quantity.ofLots(4_752))).isEqualTo(Cash.ofCents(50_00));
        assertThat(SPEC.buyReservation(BUY_PROTECTION, Quantity.ofLots(4_753))).isEqualTo(Cash.ofCents(50_01));
    }

    @Test
    void aBuyWithNoCashLeftIsSkipped() {
        MirrorDecision decision = buy(SizingMode.PROPORTIONAL, null, 10 * SHARE, 10_000_00, 1_000_00, 0);

        assertThat(decision.kind()).isEqualTo(MirrorDecision.Kind.SKIPPED);
        assertThat(decision.skipReason()).isEqualTo(MirrorSkipReason.NO_CASH);
        assertThat(decision.explanation().finalQuantity()).isEqualTo(Quantity.ZERO);
    }

    @Test
    void aBuyBelowOneLotIsSkipped() {
        MirrorDecision decision = buy(SizingMode.PROPORTIONAL, null, 5, 10_000_00, 1_000_00, 1_000_00);

        assertThat(decision.skipReason()).isEqualTo(MirrorSkipReason.BELOW_LOT_SIZE);
        assertThat(decision.explanation().rawQuantity()).isEqualByComparingTo("0.5");
    }

    @Test
    void aBuyBelowTheMinimumNotionalIsSkipped() {
        // 0.50 per trade is 50 lots, worth 0.525 at the protection price: below 1.00.
        MirrorDecision decision = buy(SizingMode.FIXED_AMOUNT, Cash.ofCents(50), 10 * SHARE, 10_000_00, 1_000_00, 1_000_00);

        assertThat(decision.skipReason()).isEqualTo(MirrorSkipReason.BELOW_MIN_NOTIONAL);
    }

    @Test
    void aProportionalBuyWithoutEquityIsSkipped() {
        assertThat(buy(SizingMode.PROPORTIONAL, null, 10 * SHARE, 0, 1_000_00, 1_000_00).skipReason())
                .isEqualTo(MirrorSkipReason.NO_EQUITY);
        assertThat(buy(SizingMode.PROPORTIONAL, null, 10 * SHARE, 10_000_00, 0, 1_000_00).skipReason())
                .isEqualTo(MirrorSkipReason.NO_EQUITY);
    }

    @Test
    void aSellOfHalfTheLeadersPositionSellsHalfTheCopysPosition() {
        MirrorDecision decision = sell(10 * SHARE, 20 * SHARE, SHARE);

        assertThat(decision.quantity()).isEqualTo(Quantity.ofLots(SHARE / 2));
        assertThat(decision.explanation().ratio()).isEqualByComparingTo("0.5");
        assertThat(decision.explanation().cutBy()).isEqualTo(MirrorCut.NONE);
    }

    @Test
    void aLeaderClosingTheirPositionSellsTheWholeCopiedPosition() {
        MirrorDecision decision = sell(20 * SHARE, 20 * SHARE, 3_333);

        assertThat(decision.quantity()).isEqualTo(Quantity.ofLots(3_333));
        assertThat(decision.explanation().ratio()).isEqualByComparingTo("1");
        assertThat(decision.explanation().cutBy()).isEqualTo(MirrorCut.WHOLE_POSITION);
    }

    @Test
    void aRemainderWorthLessThanTheMinimumIsSoldWithTheRest() {
        // 150 lots, half would leave 75 lots worth 0.7125 at 95.00: the whole 150 (1.425) is sold.
        MirrorDecision decision = sell(10 * SHARE, 20 * SHARE, 150);

        assertThat(decision.quantity()).isEqualTo(Quantity.ofLots(150));
        assertThat(decision.explanation().rawQuantity()).isEqualByComparingTo("75");
        assertThat(decision.explanation().cutBy()).isEqualTo(MirrorCut.WHOLE_POSITION);
    }

    @Test
    void aSellWithoutACopiedPositionIsSkipped() {
        assertThat(sell(10 * SHARE, 20 * SHARE, 0).skipReason()).isEqualTo(MirrorSkipReason.NO_POSITION);
    }

    @Test
    void aWholePositionBelowTheMinimumIsSkipped() {
        // 100 lots at 95.00 are worth 0.95.
        assertThat(sell(20 * SHARE, 20 * SHARE, 100).skipReason()).isEqualTo(MirrorSkipReason.BELOW_MIN_NOTIONAL);
    }

    @Test
    void anExactWholeNumberOfLotsIsNotLostToARoundedRatio() {
        // 9 lots x 1,000.00 / 3,000.00 = exactly 3 lots (a ratio rounded first, 0.3333333333, gave 2.9999999997).
        MirrorDecision lots = buy(SizingMode.PROPORTIONAL, null, 9, 3_000_00, 1_000_00, 1_000_00);
        assertThat(lots.explanation().rawQuantity()).isEqualByComparingTo("3");
        assertThat(lots.explanation().ratio()).isEqualByComparingTo("0.3333333333");
        assertThat(lots.explanation().cutBy()).isEqualTo(MirrorCut.NONE);

        // The same in whole shares, large enough to be placed: 9 shares -> 3 shares.
        MirrorDecision shares = buy(SizingMode.PROPORTIONAL, null, 9 * SHARE, 3_000_00, 1_000_00, 1_000_00);
        assertThat(shares.kind()).isEqualTo(MirrorDecision.Kind.PLACE);
        assertThat(shares.quantity()).isEqualTo(Quantity.ofLots(3 * SHARE));
        assertThat(shares.explanation().cutBy()).isEqualTo(MirrorCut.NONE);
    }

    @Test
    void aSellOfAThirdOfTheLeadersPositionSellsExactlyAThird() {
        // The leader sells 1 of 3 shares; the copy holds 30 and sells exactly 10 (not 9).
        MirrorDecision decision = sell(SHARE, 3 * SHARE, 30 * SHARE);

        assertThat(decision.quantity()).isEqualTo(Quantity.ofLots(10 * SHARE));
        assertThat(decision.explanation().rawQuantity()).isEqualByComparingTo("100000");
        assertThat(decision.explanation().ratio()).isEqualByComparingTo("0.3333333333");
        assertThat(decision.explanation().cutBy()).isEqualTo(MirrorCut.NONE);
    }

    @Test
    void aBuyIsCutToTheMaximumOrderQuantityAndNotional() {
        // At most 2 shares per order, and at most 315.00 of notional (3 shares at the 105.00 protection price).
        InstrumentSpec small = new InstrumentSpec(ACME, "Acme", new BigDecimal("0.01"), new BigDecimal("0.0001"),
                new BigDecimal("0.001"), new BigDecimal("0.002"), Quantity.ofLots(2 * SHARE), Cash.ofCents(315_00),
                new BigDecimal("0.05"));
        MirrorDecision byQuantity = CopySizing.size(new CopySizing.Request(SizingMode.PROPORTIONAL, null, TRADE, Side.BUY,
                Quantity.ofLots(10 * SHARE), HUNDRED, Cash.ofCents(10_000_00), Cash.ofCents(5_000_00), Quantity.ZERO,
                Cash.ofCents(5_000_00), Quantity.ZERO, BUY_PROTECTION, small));
        assertThat(byQuantity.quantity()).isEqualTo(Quantity.ofLots(2 * SHARE));
        assertThat(byQuantity.explanation().cutBy()).isEqualTo(MirrorCut.ORDER_LIMIT);

        InstrumentSpec byNotionalSpec = new InstrumentSpec(ACME, "Acme", new BigDecimal("0.01"), new BigDecimal("0.0001"),
                new BigDecimal("0.001"), new BigDecimal("0.002"), Quantity.ofLots(1_000 * SHARE), Cash.ofCents(315_00),
                new BigDecimal("0.05"));
        MirrorDecision byNotional = CopySizing.size(new CopySizing.Request(SizingMode.PROPORTIONAL, null, TRADE, Side.BUY,
                Quantity.ofLots(10 * SHARE), HUNDRED, Cash.ofCents(10_000_00), Cash.ofCents(5_000_00), Quantity.ZERO,
                Cash.ofCents(5_000_00), Quantity.ZERO, BUY_PROTECTION, byNotionalSpec));
        assertThat(byNotional.quantity()).isEqualTo(Quantity.ofLots(3 * SHARE));
        assertThat(byNotional.explanation().cutBy()).isEqualTo(MirrorCut.ORDER_LIMIT);
    }
}
