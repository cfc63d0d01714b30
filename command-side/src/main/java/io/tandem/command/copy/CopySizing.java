package io.tandem.command.copy;

import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.copy.MirrorCut;
import io.tandem.contracts.copy.MirrorDecision;
import io.tandem.contracts.copy.MirrorExplanation;
import io.tandem.contracts.copy.MirrorSkipReason;
import io.tandem.contracts.copy.SizingMode;
import io.tandem.contracts.orderbook.InstrumentSpec;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How big the mirror of one leader trade is in one copy: pure arithmetic on the facts the copy engine
 * hands the copy (no Axon, no clock), so that it can be tested with worked numbers and properties.
 * <p>
 * Buys: PROPORTIONAL takes the leader's quantity times copy equity / leader equity; FIXED_AMOUNT takes
 * the amount per trade divided by the notional of one lot at the leader's trade price. Sells take the
 * fraction of the leader's position the trade sold (all of it when the leader closed) of the copy's
 * available position. The raw quantity is computed with a single division, done last
 * ({@code leaderQty x copyEquity / leaderEquity}, {@code copyPosition x leaderQty / leaderPositionBefore},
 * {@code amountPerTrade / lotNotional}), exact to {@value #SCALE} decimals and rounded down (never up: a
 * mirror must never be larger than its exact proportion), so an exact whole number of lots stays whole;
 * the ratio in the explanation is rounded the same way separately and is for display only, never
 * multiplied. The ordered quantity is then rounded down to whole lots. A buy is then cut to the
 * instrument's maximum order quantity and notional at the protection price (ORDER_LIMIT), as order
 * entry would refuse more, and to the largest quantity whose reservation at the market
 * order's protection price (fee included, {@link InstrumentSpec#buyReservation}) fits the copy's
 * available cash. A sell is raised to the whole position when the leader closed theirs or when what
 * would remain is worth less than the instrument's minimum order notional (it could never be sold on
 * its own), and then cut to the per-order limits as a buy is. An order below the minimum notional at the protection price is skipped, as order entry
 * would refuse it.
 */
public final class CopySizing {

    /** Decimals of ratios and raw quantities in a {@link MirrorExplanation}. */
    public static final int SCALE = 10;

    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private CopySizing() {
    }

    /**
     * The facts one decision needs.
     *
     * @param leaderTradeId         null for the mirror of the leader's open position at start
     * @param leaderPositionBefore  the leader's position in the symbol just before a sell (null reads as 0: closed)
     * @param amountPerTrade        FIXED_AMOUNT only
     */
    public record Request(SizingMode sizing, Cash amountPerTrade, TradeId leaderTradeId, Side side,
                          Quantity leaderQuantity, Price leaderPrice, Cash leaderEquity, Cash copyEquity,
                          Quantity leaderPositionBefore, Cash copyAvailableCash, Quantity copyAvailablePosition,
                          Price protectionPrice, InstrumentSpec spec) {
    }

    /** Answers PLACE with the quantity to order, or SKIPPED with the reason; both with their explanation. */
    public static MirrorDecision size(Request request) {
        return request.side() == Side.BUY ? sizeBuy(request) : sizeSell(request);
    }

    private static MirrorDecision sizeBuy(Request r) {
        BigDecimal ratio;
        BigDecimal raw;
        if (r.sizing() == SizingMode.FIXED_AMOUNT) {
            BigDecimal lotNotional = r.spec().notionalCents(r.leaderPrice(), Quantity.ofLots(1));
            BigDecimal amount = BigDecimal.valueOf(r.amountPerTrade().cents());
            BigDecimal tradeNotional = lotNotional.multiply(BigDecimal.valueOf(r.leaderQuantity().lots()));
            ratio = amount.divide(tradeNotional, SCALE, RoundingMode.DOWN);
            raw = amount.divide(lotNotional, SCALE, RoundingMode.DOWN);
        } else {
            if (!r.leaderEquity().isPositive() || !r.copyEquity().isPositive()) {
                return skip(r, MirrorSkipReason.NO_EQUITY, null, null, MirrorCut.NONE);
            }
            BigDecimal copyEquity = BigDecimal.valueOf(r.copyEquity().cents());
            BigDecimal leaderEquity = BigDecimal.valueOf(r.leaderEquity().cents());
            ratio = copyEquity.divide(leaderEquity, SCALE, RoundingMode.DOWN);
            // One division, done last: a ratio rounded first would lose whole lots (3,000 / 1,000 x 9 lots is 3, not 2.9999999997).
            raw = BigDecimal.valueOf(r.leaderQuantity().lots()).multiply(copyEquity).divide(leaderEquity, SCALE, RoundingMode.DOWN);
        }
        long lots = floor(raw);
        MirrorCut cut = raw.compareTo(BigDecimal.valueOf(lots)) > 0 ? MirrorCut.LOT_SIZE : MirrorCut.NONE;
        if (lots == 0) {
            return skip(r, MirrorSkipReason.BELOW_LOT_SIZE, ratio, raw, cut);
        }
        long allowed = CopyEngineService.withinOrderLimits(r.spec(), r.protectionPrice(), Quantity.ofLots(lots)).lots();
        if (allowed < lots) {
            lots = allowed;
            cut = MirrorCut.ORDER_LIMIT;
        }
        long affordable = affordableLots(r, lots);
        if (affordable < lots) {
            lots = affordable;
            cut = MirrorCut.CASH;
        }
        if (lots == 0) {
            return skip(r, MirrorSkipReason.NO_CASH, ratio, raw, cut);
        }
        return placeUnlessBelowMinimum(r, lots, ratio, raw, cut);
    }

    private static MirrorDecision sizeSell(Request r) {
        long held = r.copyAvailablePosition() == null ? 0 : r.copyAvailablePosition().lots();
        if (held == 0) {
            return skip(r, MirrorSkipReason.NO_POSITION, null, null, MirrorCut.NONE);
        }
        long leaderBefore = r.leaderPositionBefore() == null ? 0 : r.leaderPositionBefore().lots();
        boolean leaderClosed = r.leaderQuantity().lots() >= leaderBefore;
        BigDecimal ratio = leaderClosed ? BigDecimal.ONE.setScale(SCALE)
                : BigDecimal.valueOf(r.leaderQuantity().lots()).divide(BigDecimal.valueOf(leaderBefore), SCALE, RoundingMode.DOWN);
        // The copy's position x the leader's quantity / the leader's position before, with one division done last.
        BigDecimal raw = leaderClosed ? BigDecimal.valueOf(held).setScale(SCALE)
                : BigDecimal.valueOf(held).multiply(BigDecimal.valueOf(r.leaderQuantity().lots()))
                .divide(BigDecimal.valueOf(leaderBefore), SCALE, RoundingMode.DOWN);
        long lots = Math.min(floor(raw), held);
        MirrorCut cut = raw.compareTo(BigDecimal.valueOf(lots)) > 0 ? MirrorCut.LOT_SIZE : MirrorCut.NONE;
        if (leaderClosed || (lots < held && belowMinimum(r, held - lots))) {
            lots = held;
            cut = MirrorCut.WHOLE_POSITION;
        }
        long allowed = lots == 0 ? 0
                : CopyEngineService.withinOrderLimits(r.spec(), r.protectionPrice(), Quantity.ofLots(lots)).lots();
        if (allowed < lots) {
            // One order may sell no more; the rest stays in the copy until the leader sells again or the copy stops.
            lots = allowed;
            cut = MirrorCut.ORDER_LIMIT;
        }
        if (lots == 0) {
            return skip(r, MirrorSkipReason.BELOW_LOT_SIZE, ratio, raw, cut);
        }
        return placeUnlessBelowMinimum(r, lots, ratio, raw, cut);
    }

    private static MirrorDecision placeUnlessBelowMinimum(Request r, long lots, BigDecimal ratio, BigDecimal raw, MirrorCut cut) {
        if (belowMinimum(r, lots)) {
            return skip(r, MirrorSkipReason.BELOW_MIN_NOTIONAL, ratio, raw, cut);
        }
        Quantity quantity = Quantity.ofLots(lots);
        return new MirrorDecision(MirrorDecision.Kind.PLACE, quantity, null, explanation(r, ratio, raw, quantity, cut));
    }

    /**
     * The largest quantity up to {@code wanted} whose reservation at the protection price fits the
     * available cash. The reservation grows with the quantity, so a binary search finds it.
     */
    private static long affordableLots(Request r, long wanted) {
        long cash = r.copyAvailableCash() == null ? 0 : Math.max(0, r.copyAvailableCash().cents());
        // A reservation is at least the notional, so nothing above cash / (one lot's notional) fits;
        // bounding the search by it also keeps the notional arithmetic of a huge raw quantity exact.
        BigDecimal lotNotional = r.spec().notionalCents(r.protectionPrice(), Quantity.ofLots(1));
        long high = Math.min(wanted, floor(BigDecimal.valueOf(cash).divide(lotNotional, 0, RoundingMode.FLOOR)));
        if (fits(r, high, cash)) {
            return high;
        }
        long low = 0;
        while (high - low > 1) {
            long middle = low + (high - low) / 2;
            if (fits(r, middle, cash)) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static boolean fits(Request r, long lots, long cash) {
        return r.spec().buyReservation(r.protectionPrice(), Quantity.ofLots(lots)).cents() <= cash;
    }

    private static boolean belowMinimum(Request r, long lots) {
        return r.spec().notionalCents(r.protectionPrice(), Quantity.ofLots(lots))
                .compareTo(BigDecimal.valueOf(r.spec().minOrderNotional().cents())) < 0;
    }

    /** Whole lots of a non-negative quantity, rounded down (and capped at what a long holds). */
    private static long floor(BigDecimal raw) {
        return raw.min(LONG_MAX).setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    private static MirrorDecision skip(Request r, MirrorSkipReason reason, BigDecimal ratio, BigDecimal raw, MirrorCut cut) {
        return new MirrorDecision(MirrorDecision.Kind.SKIPPED, null, reason,
                explanation(r, ratio, raw, Quantity.ZERO, cut));
    }

    private static MirrorExplanation explanation(Request r, BigDecimal ratio, BigDecimal raw, Quantity quantity, MirrorCut cut) {
        return new MirrorExplanation(r.leaderTradeId(), r.leaderEquity(), r.copyEquity(), ratio, raw, quantity, cut);
    }
}
