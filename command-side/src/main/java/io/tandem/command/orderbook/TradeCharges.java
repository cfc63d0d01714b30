package io.tandem.command.orderbook;

import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.TradeExecutedEvent;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import static io.tandem.contracts.orderbook.InstrumentSpec.ceilCents;
import static io.tandem.contracts.orderbook.InstrumentSpec.floorCents;

/**
 * The cash legs of each trade, rounded cumulatively per order. For fill {@code i} of an order let
 * {@code N_i} be the running exact notional (cents, from {@link InstrumentSpec#notionalCents}) and
 * {@code F_i} the running exact fee (the maker rate when the order is the maker of that fill, else
 * the taker rate, applied to the exact notional). Then:
 * <ul>
 *   <li>buyer notional = {@code ceil(N_i) - ceil(N_(i-1))}, buyer fee = {@code ceil(F_i) - ceil(F_(i-1))}:
 *   a buy order pays in total {@code ceil(N) + ceil(F)}, which never exceeds
 *   {@link InstrumentSpec#buyReservation} as long as every fill is at or below its limit;</li>
 *   <li>seller notional = {@code floor(N_i) - billed so far}, capped at the buyer's notional plus
 *   fee of the same trade; seller fee = {@code ceil(F_i) - charged so far}, capped at the seller
 *   notional of the same trade. Neither cap loses anything for good: what a cap holds back is
 *   caught up on the order's next fills.</li>
 * </ul>
 * The caps make the platform's credit ({@link TradeExecutedEvent#platformCredit()}, the fees plus
 * the notional rounding) non-negative on every single trade and a seller's net leg never negative.
 * Without the notional cap a buyer rounding down on a trade while the seller rounds up would debit
 * the fee account a cent. All rounding is therefore in the platform's favour, by less than a cent
 * per order and side, except what a seller's last capped fill holds back (at most a cent, kept by
 * the platform).
 * <p>
 * An instance holds the running totals of open orders, keyed by order id; the aggregate updates it
 * only from {@link TradeExecutedEvent}s so that replays reproduce it exactly.
 */
public final class TradeCharges {

    private final Map<String, OrderCharges> running = new HashMap<>();

    /** The cash legs of one trade. */
    public record Legs(long buyerNotional, long buyerFee, long sellerNotional, long sellerFee) {

        /** What the platform fee account receives: never negative. */
        public long platformCredit() {
            return buyerNotional + buyerFee - sellerNotional + sellerFee;
        }
    }

    /** The legs of a trade together with both orders' running totals after it. */
    public record Charged(Legs legs, OrderCharges buyerAfter, OrderCharges sellerAfter) {
    }

    /**
     * Prices one trade of {@code quantity} at {@code price} between a buy and a sell order with the
     * given running totals. Pure: nothing is recorded.
     */
    public static Charged charge(InstrumentSpec spec, Price price, Quantity quantity,
                                 OrderCharges buyer, boolean buyerIsMaker, OrderCharges seller) {
        BigDecimal notional = spec.notionalCents(price, quantity);
        BigDecimal buyerFeeExact = fee(spec, notional, buyerIsMaker);
        BigDecimal sellerFeeExact = fee(spec, notional, !buyerIsMaker);

        BigDecimal buyerNotionalTotal = buyer.exactNotional().add(notional);
        long buyerNotional = ceilCents(buyerNotionalTotal) - buyer.notionalBilled();
        long buyerFee = ceilCents(buyer.exactFee().add(buyerFeeExact)) - buyer.feeBilled();

        BigDecimal sellerNotionalTotal = seller.exactNotional().add(notional);
        long sellerNotional = Math.min(floorCents(sellerNotionalTotal) - seller.notionalBilled(),
                Math.addExact(buyerNotional, buyerFee));
        long sellerFee = Math.min(ceilCents(seller.exactFee().add(sellerFeeExact)) - seller.feeBilled(), sellerNotional);

        Legs legs = new Legs(buyerNotional, buyerFee, sellerNotional, sellerFee);
        return new Charged(legs,
                buyer.after(notional, buyerFeeExact, buyerNotional, buyerFee),
                seller.after(notional, sellerFeeExact, sellerNotional, sellerFee));
    }

    /** Exact fee in cents on an exact notional at the maker or taker rate. */
    public static BigDecimal fee(InstrumentSpec spec, BigDecimal notionalCents, boolean maker) {
        return notionalCents.multiply(maker ? spec.makerFeeRate() : spec.takerFeeRate());
    }

    /** Running totals of an order; {@link OrderCharges#NONE} if it has not traded (or is closed). */
    public OrderCharges of(String orderId) {
        return running.getOrDefault(orderId, OrderCharges.NONE);
    }

    /** Books a trade's legs, exactly as the event carries them, on both orders' running totals. */
    public void record(InstrumentSpec spec, TradeExecutedEvent trade) {
        BigDecimal notional = spec.notionalCents(trade.price(), trade.quantity());
        boolean buyerIsMaker = trade.makerOrderId().equals(trade.buyOrderId());
        String buyOrder = trade.buyOrderId().value();
        String sellOrder = trade.sellOrderId().value();
        running.put(buyOrder, of(buyOrder).after(notional, fee(spec, notional, buyerIsMaker),
                trade.buyerNotional().cents(), trade.buyerFee().cents()));
        running.put(sellOrder, of(sellOrder).after(notional, fee(spec, notional, !buyerIsMaker),
                trade.sellerNotional().cents(), trade.sellerFee().cents()));
    }

    /** Forgets a closed order. */
    public void close(String orderId) {
        running.remove(orderId);
    }

    /** Running totals of all open orders that have traded, sorted by order id (for snapshots). */
    public Map<String, OrderCharges> snapshot() {
        return new TreeMap<>(running);
    }

    public static TradeCharges restore(Map<String, OrderCharges> snapshot) {
        TradeCharges charges = new TradeCharges();
        charges.running.putAll(snapshot);
        return charges;
    }
}
