package io.tandem.command.orderbook;

import io.tandem.contracts.common.Side;
import io.tandem.contracts.orderbook.CancelReason;
import io.tandem.contracts.orderbook.TimeInForce;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Price-time priority order book of one instrument, in plain Java so that it can be tested and
 * benchmarked without a framework. Price levels live in sorted maps (best price first) and each
 * level is a FIFO queue, so two orders at the same price are both kept, oldest first. Trades
 * execute at the resting order's price.
 * <p>
 * Matching is split in two: {@link #plan} works out what an incoming order would do without
 * touching the book, and the mutators ({@link #rest}, {@link #fill}, {@link #remove},
 * {@link #amend}) apply the outcome. An event-sourced owner plans in its command handler and
 * mutates in its event handlers; {@link #execute} and {@link #executeAmend} do both at once for
 * standalone use. Everything is deterministic: no clock, no randomness, no hash-order iteration.
 */
public final class MatchingEngine {

    private final NavigableMap<Long, PriceLevel> bids = new TreeMap<>(Comparator.reverseOrder());
    private final NavigableMap<Long, PriceLevel> asks = new TreeMap<>();
    private final Map<String, RestingOrder> index = new HashMap<>();

    /** Rebuilds a book from orders listed in priority order (as {@link #orders} returns them). */
    public static MatchingEngine restore(List<BookOrder> inPriorityOrder) {
        MatchingEngine engine = new MatchingEngine();
        inPriorityOrder.forEach(engine::rest);
        return engine;
    }

    /** Whether a {@code side} order limited at {@code limit} may trade with a maker at {@code makerPrice}. */
    public static boolean crosses(Side side, long limit, long makerPrice) {
        return side == Side.BUY ? makerPrice <= limit : makerPrice >= limit;
    }

    /**
     * Works out the matches of an incoming order without changing the book. Matching walks the
     * opposite side best price first, oldest first, and stops at the limit price, when the order is
     * filled, or at the first resting order of the same owner (self-trade prevention, see
     * {@link #sameOwner}: the incoming remainder is then cancelled, earlier matches stand). A FOK
     * order that the liquidity up to that point cannot fill completely gets no matches at all; its
     * reason is self-trade prevention if that is what stopped it, else that it could not fill.
     */
    public MatchPlan plan(OrderRequest incoming) {
        long remaining = incoming.quantity();
        List<MatchPlan.Match> matches = new ArrayList<>();
        boolean selfTrade = false;
        outer:
        for (PriceLevel level : opposite(incoming.side()).values()) {
            if (!crosses(incoming.side(), incoming.limitPrice(), level.price)) {
                break;
            }
            for (RestingOrder maker = level.head; maker != null; maker = maker.next) {
                if (sameOwner(maker, incoming)) {
                    selfTrade = true;
                    break outer;
                }
                long quantity = Math.min(remaining, maker.open());
                matches.add(new MatchPlan.Match(maker.orderId, maker.accountId, level.price, quantity,
                        quantity == maker.open()));
                remaining -= quantity;
                if (remaining == 0) {
                    break outer;
                }
            }
        }
        long filled = incoming.quantity() - remaining;
        if (remaining == 0) {
            return new MatchPlan(matches, filled, 0, 0, null);
        }
        if (incoming.timeInForce() == TimeInForce.FOK) {
            return new MatchPlan(List.of(), 0, 0, incoming.quantity(),
                    selfTrade ? CancelReason.SELF_TRADE_PREVENTED : CancelReason.FILL_OR_KILL_UNFILLED);
        }
        if (selfTrade) {
            return new MatchPlan(matches, filled, 0, remaining, CancelReason.SELF_TRADE_PREVENTED);
        }
        if (incoming.timeInForce() == TimeInForce.IOC) {
            return new MatchPlan(matches, filled, 0, remaining, CancelReason.IMMEDIATE_REMAINDER);
        }
        return new MatchPlan(matches, filled, remaining, 0, null);
    }

    /**
     * Whether a maker and an incoming order belong to the same owner: the same account, or the same
     * user across different accounts when both orders know their owning user. An order without an
     * owner (placed before orders carried one) is compared by account only.
     */
    static boolean sameOwner(RestingOrder maker, OrderRequest incoming) {
        return maker.accountId.equals(incoming.accountId())
                || maker.owner != null && maker.owner.equals(incoming.owner());
    }

    /** Plans and applies a new order: makers are filled and a GTC remainder rests at the back of its level. */
    public MatchPlan execute(OrderRequest incoming) {
        MatchPlan plan = plan(incoming);
        fillMakers(plan);
        if (plan.restingQuantity() > 0) {
            rest(new BookOrder(incoming.orderId(), incoming.accountId(), incoming.side(), incoming.limitPrice(),
                    incoming.quantity(), plan.filledQuantity(), incoming.owner()));
        }
        return plan;
    }

    /**
     * Amends a resting order and matches it if it lost priority and now crosses; the amended order
     * is then the taker. Reducing the quantity at the same price keeps priority and never trades.
     *
     * @return the plan of the amended order's matching (empty if it kept priority)
     */
    public MatchPlan executeAmend(String orderId, long newPrice, long newQuantity) {
        RestingOrder order = require(orderId);
        boolean keepPriority = keepsPriority(order.view(), newPrice, newQuantity);
        amend(orderId, newPrice, newQuantity, keepPriority);
        if (keepPriority) {
            return new MatchPlan(List.of(), 0, order.open(), 0, null);
        }
        MatchPlan plan = plan(new OrderRequest(orderId, order.accountId, order.side, newPrice, order.open(),
                TimeInForce.GTC, order.owner));
        fillMakers(plan);
        if (plan.filledQuantity() > 0) {
            fill(orderId, plan.filledQuantity());
        }
        if (plan.cancelledQuantity() > 0) {
            remove(orderId);
        }
        return plan;
    }

    /** Whether an amendment to {@code newPrice} and {@code newQuantity} keeps the order's place in its queue. */
    public static boolean keepsPriority(BookOrder order, long newPrice, long newQuantity) {
        return newPrice == order.price() && newQuantity <= order.quantity();
    }

    /** Adds an order at the back of its price level. */
    public void rest(BookOrder order) {
        if (index.containsKey(order.orderId())) {
            throw new IllegalStateException("order already in the book: " + order.orderId());
        }
        RestingOrder node = new RestingOrder(order);
        side(order.side()).computeIfAbsent(order.price(), PriceLevel::new).append(node);
        index.put(order.orderId(), node);
    }

    /** Records that {@code quantity} of a resting order traded; a completed order leaves the book. */
    public void fill(String orderId, long quantity) {
        RestingOrder order = require(orderId);
        if (quantity <= 0 || quantity > order.open()) {
            throw new IllegalArgumentException("cannot fill " + quantity + " of " + orderId + " (open " + order.open() + ")");
        }
        order.filled += quantity;
        order.level.openQuantity -= quantity;
        if (order.open() == 0) {
            detach(order);
        }
    }

    /** Takes an order out of the book; empty if it is not there (already filled or never rested). */
    public Optional<BookOrder> remove(String orderId) {
        RestingOrder order = index.get(orderId);
        if (order == null) {
            return Optional.empty();
        }
        BookOrder view = order.view();
        detach(order);
        return Optional.of(view);
    }

    /**
     * Changes a resting order's price and total quantity. With {@code keepPriority} the order stays
     * where it is in its queue (only allowed at the same price without growing); otherwise it moves
     * to the back of the queue at {@code newPrice}.
     */
    public void amend(String orderId, long newPrice, long newQuantity, boolean keepPriority) {
        RestingOrder order = require(orderId);
        if (newPrice <= 0 || newQuantity <= order.filled) {
            throw new IllegalArgumentException("invalid amendment of " + orderId);
        }
        if (keepPriority) {
            if (!keepsPriority(order.view(), newPrice, newQuantity)) {
                throw new IllegalArgumentException("only a reduction at the same price keeps priority: " + orderId);
            }
            order.level.openQuantity -= order.quantity - newQuantity;
            order.quantity = newQuantity;
            return;
        }
        PriceLevel level = order.level;
        level.unlink(order);
        if (level.isEmpty()) {
            side(order.side).remove(level.price);
        }
        order.price = newPrice;
        order.quantity = newQuantity;
        side(order.side).computeIfAbsent(newPrice, PriceLevel::new).append(order);
    }

    public OptionalLong bestBid() {
        return bids.isEmpty() ? OptionalLong.empty() : OptionalLong.of(bids.firstKey());
    }

    public OptionalLong bestAsk() {
        return asks.isEmpty() ? OptionalLong.empty() : OptionalLong.of(asks.firstKey());
    }

    public Optional<BookOrder> order(String orderId) {
        return Optional.ofNullable(index.get(orderId)).map(RestingOrder::view);
    }

    public boolean contains(String orderId) {
        return index.containsKey(orderId);
    }

    public int size() {
        return index.size();
    }

    /** The orders of one side in priority order: best price first, oldest first within a price. */
    public List<BookOrder> orders(Side side) {
        List<BookOrder> result = new ArrayList<>();
        for (PriceLevel level : side(side).values()) {
            for (RestingOrder order = level.head; order != null; order = order.next) {
                result.add(order.view());
            }
        }
        return Collections.unmodifiableList(result);
    }

    /** Up to {@code maxLevels} price levels of one side, best first. */
    public List<DepthLevel> depth(Side side, int maxLevels) {
        List<DepthLevel> result = new ArrayList<>();
        for (PriceLevel level : side(side).values()) {
            if (result.size() == maxLevels) {
                break;
            }
            result.add(new DepthLevel(level.price, level.openQuantity, level.count));
        }
        return Collections.unmodifiableList(result);
    }

    /**
     * Checks the internal links and totals (queues, level totals, the id index) and throws
     * {@link IllegalStateException} on the first inconsistency. For tests and diagnostics.
     */
    public void validateInternalState() {
        int seen = validateSide(Side.BUY) + validateSide(Side.SELL);
        if (seen != index.size()) {
            throw new IllegalStateException("index holds " + index.size() + " orders, levels hold " + seen);
        }
    }

    private int validateSide(Side side) {
        int seen = 0;
        for (Map.Entry<Long, PriceLevel> entry : side(side).entrySet()) {
            PriceLevel level = entry.getValue();
            if (level.price != entry.getKey() || level.isEmpty()) {
                throw new IllegalStateException("bad level " + entry.getKey());
            }
            long open = 0;
            int count = 0;
            RestingOrder previous = null;
            for (RestingOrder order = level.head; order != null; order = order.next) {
                if (order.prev != previous || order.level != level || order.price != level.price
                        || order.side != side || order.open() <= 0 || index.get(order.orderId) != order) {
                    throw new IllegalStateException("bad order " + order.orderId + " at level " + level.price);
                }
                open += order.open();
                count++;
                previous = order;
            }
            if (previous != level.tail || open != level.openQuantity || count != level.count) {
                throw new IllegalStateException("bad totals at level " + level.price);
            }
            seen += count;
        }
        return seen;
    }

    private void fillMakers(MatchPlan plan) {
        for (MatchPlan.Match match : plan.matches()) {
            fill(match.makerOrderId(), match.quantity());
        }
    }

    private void detach(RestingOrder order) {
        index.remove(order.orderId);
        PriceLevel level = order.level;
        level.unlink(order);
        if (level.isEmpty()) {
            side(order.side).remove(level.price);
        }
    }

    private RestingOrder require(String orderId) {
        RestingOrder order = index.get(orderId);
        if (order == null) {
            throw new IllegalArgumentException("no resting order " + orderId);
        }
        return order;
    }

    private NavigableMap<Long, PriceLevel> side(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    private NavigableMap<Long, PriceLevel> opposite(Side side) {
        return side == Side.BUY ? asks : bids;
    }
}
