package io.tandem.command.orderbook;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.OrderAmendedEvent;
import io.tandem.contracts.orderbook.OrderCancelledEvent;
import io.tandem.contracts.orderbook.OrderFilledEvent;
import io.tandem.contracts.orderbook.OrderPlacedEvent;
import io.tandem.contracts.orderbook.TradeExecutedEvent;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The state of one instrument's order book: its spec, the matching engine, the running trade
 * charges of open orders, the trade counter, the last price and the ids of the most recently closed
 * orders. It
 * changes only through the {@code on(...)} methods, one per event, which the aggregate calls from
 * its event-sourcing handlers; {@link OrderBookDecisions} reads it to decide what a command does.
 * <p>
 * While the events of one command are applied the book may briefly hold the incoming order at its
 * limit (the order rests when placed and the trade events that follow fill it); once all events of
 * a command are applied the book is never crossed.
 * <p>
 * The state is bounded by open work: open orders, their charges, and the last
 * {@value #RECENTLY_CLOSED} closed order ids (so that a late cancel of an order that just filled is
 * told apart from an unknown order). Older closed orders are forgotten; order entry, which keeps
 * every order it placed, answers for them.
 */
public final class OrderBookState {

    /** How many closed order ids a book remembers. */
    static final int RECENTLY_CLOSED = 1_000;

    private final InstrumentSpec spec;
    private final AccountId issuerAccountId;
    private final Quantity supply;
    private final MatchingEngine engine;
    private final TradeCharges charges;
    private final Set<String> closedOrderIds;
    private long tradeCount;
    private Price lastPrice;

    private OrderBookState(InstrumentSpec spec, AccountId issuerAccountId, Quantity supply, MatchingEngine engine,
                           TradeCharges charges, Set<String> closedOrderIds, long tradeCount, Price lastPrice) {
        this.spec = spec;
        this.issuerAccountId = issuerAccountId;
        this.supply = supply;
        this.engine = engine;
        this.charges = charges;
        this.closedOrderIds = closedOrderIds;
        this.tradeCount = tradeCount;
        this.lastPrice = lastPrice;
    }

    public static OrderBookState listed(InstrumentListedEvent event) {
        return new OrderBookState(event.spec(), event.issuerAccountId(), event.supply(), new MatchingEngine(),
                new TradeCharges(), new LinkedHashSet<>(), 0, null);
    }

    public static OrderBookState restore(OrderBookSnapshot snapshot) {
        List<BookOrder> orders = new ArrayList<>(snapshot.bids());
        orders.addAll(snapshot.asks());
        List<String> closed = snapshot.closedOrderIds();
        return new OrderBookState(snapshot.spec(), snapshot.issuerAccountId(), snapshot.supply(),
                MatchingEngine.restore(orders), TradeCharges.restore(snapshot.charges()),
                new LinkedHashSet<>(closed.subList(Math.max(0, closed.size() - RECENTLY_CLOSED), closed.size())),
                snapshot.tradeCount(), snapshot.lastPrice());
    }

    public OrderBookSnapshot snapshot() {
        return new OrderBookSnapshot(spec, issuerAccountId, supply, engine.orders(Side.BUY), engine.orders(Side.SELL),
                charges.snapshot(), List.copyOf(closedOrderIds), tradeCount, lastPrice);
    }

    /** Applies any order-book event; the typed {@code on} methods do the work. */
    public void evolve(Object event) {
        if (event instanceof OrderPlacedEvent e) {
            on(e);
        } else if (event instanceof TradeExecutedEvent e) {
            on(e);
        } else if (event instanceof OrderFilledEvent e) {
            on(e);
        } else if (event instanceof OrderCancelledEvent e) {
            on(e);
        } else if (event instanceof OrderAmendedEvent e) {
            on(e);
        } else {
            throw new IllegalArgumentException("not an order-book event: " + event);
        }
    }

    public void on(OrderPlacedEvent event) {
        engine.rest(new BookOrder(event.orderId().value(), event.accountId().value(), event.side(),
                event.limitPrice().ticks(), event.quantity().lots(), 0,
                event.owner() == null ? null : event.owner().value()));
    }

    public void on(TradeExecutedEvent event) {
        engine.fill(event.buyOrderId().value(), event.quantity().lots());
        engine.fill(event.sellOrderId().value(), event.quantity().lots());
        charges.record(spec, event);
        tradeCount++;
        lastPrice = event.price();
    }

    public void on(OrderFilledEvent event) {
        close(event.orderId().value());
    }

    public void on(OrderCancelledEvent event) {
        close(event.orderId().value());
    }

    public void on(OrderAmendedEvent event) {
        engine.amend(event.orderId().value(), event.price().ticks(), event.quantity().lots(), event.priorityKept());
    }

    private void close(String orderId) {
        engine.remove(orderId);
        charges.close(orderId);
        closedOrderIds.add(orderId);
        if (closedOrderIds.size() > RECENTLY_CLOSED) {
            Iterator<String> oldest = closedOrderIds.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    public InstrumentSpec spec() {
        return spec;
    }

    public AccountId issuerAccountId() {
        return issuerAccountId;
    }

    public Quantity supply() {
        return supply;
    }

    public Optional<Price> lastPrice() {
        return Optional.ofNullable(lastPrice);
    }

    public long tradeCount() {
        return tradeCount;
    }

    /** Whether the order is one of the {@value #RECENTLY_CLOSED} that closed last. */
    public boolean isClosed(String orderId) {
        return closedOrderIds.contains(orderId);
    }

    public Optional<BookOrder> openOrder(String orderId) {
        return engine.order(orderId);
    }

    public OptionalLong bestBid() {
        return engine.bestBid();
    }

    public OptionalLong bestAsk() {
        return engine.bestAsk();
    }

    public List<DepthLevel> depth(Side side, int maxLevels) {
        return engine.depth(side, maxLevels);
    }

    /** Running cash totals of an open order. */
    public OrderCharges charges(String orderId) {
        return charges.of(orderId);
    }

    /**
     * Two states are equal when their snapshots are: same orders in the same queues, same running
     * charges, counters and closed ids. This is what replay must reproduce (Axon's test fixture
     * compares the state built by a command with the state rebuilt from its events this way).
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof OrderBookState state && snapshot().equals(state.snapshot());
    }

    @Override
    public int hashCode() {
        return snapshot().hashCode();
    }

    /** The engine, for planning and for tests; only the {@code on} methods may change it. */
    MatchingEngine engine() {
        return engine;
    }
}
