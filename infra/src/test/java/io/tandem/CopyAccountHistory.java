package io.tandem;

import io.tandem.contracts.account.AccountOpenedEvent;
import io.tandem.contracts.account.AssetsTransferredInEvent;
import io.tandem.contracts.account.AssetsTransferredOutEvent;
import io.tandem.contracts.account.BuySettledEvent;
import io.tandem.contracts.account.CashReservedEvent;
import io.tandem.contracts.account.Holding;
import io.tandem.contracts.account.PositionReservedEvent;
import io.tandem.contracts.account.ReservationClosingEvent;
import io.tandem.contracts.account.ReservationReleasedEvent;
import io.tandem.contracts.account.SellSettledEvent;
import io.tandem.contracts.common.OrderId;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A COPY account's whole history, read from the event store (every event from sequence 0, never a
 * snapshot) and folded the way the Account aggregate folds it, with the copy's spending rules checked
 * after every single event rather than only at the end: available cash, each order's reservation and
 * each position never go below zero, no settlement draws on more than its order reserved (a shortfall
 * is the account paying for an order out of cash the order never held), a release gives back exactly
 * what the order still held, and at every point the cost of everything bought is covered by the cash
 * moved in plus the proceeds of everything sold. Positions arrive only by buys: a COPY account is
 * funded with cash alone, and nothing but the copy engine's orders, its funding and its return may
 * touch it, so any other event is a violation too.
 * <p>
 * This is the exact form of "no copy ever overspends": the read models round nothing, but they trail
 * the events, so they are compared with this history once they have caught up, not used for it.
 */
final class CopyAccountHistory {

    final List<String> violations = new ArrayList<>();
    final Set<OrderId> settledOrders = new HashSet<>();
    /** Lots held per symbol, available plus reserved for open sells. */
    final Map<String, Long> positions = new LinkedHashMap<>();
    long cash;
    long transferredIn;
    long transferredOut;
    long boughtCost;
    long soldProceeds;
    /** Lots that left by a transfer (a closing copy hands back what it could not sell). */
    long returnedLots;
    long lastTransferOutCash;
    boolean lastEventTransferOut;

    private final Map<OrderId, Long> reservedCash = new HashMap<>();
    private final Map<OrderId, Long> reservedLots = new HashMap<>();
    private final Map<OrderId, String> orderSymbols = new HashMap<>();
    private final Map<String, Long> available = new HashMap<>();
    private long availableCash;

    private CopyAccountHistory() {
    }

    static CopyAccountHistory read(EventStore eventStore, String accountId, String symbol) {
        CopyAccountHistory history = new CopyAccountHistory();
        List<Object> events = eventStore.readEvents(accountId, 0L).asStream().map(EventMessage::getPayload)
                .map(Object.class::cast).toList();
        for (int i = 0; i < events.size(); i++) {
            history.apply(i, events.get(i), symbol);
        }
        return history;
    }

    private void apply(int index, Object event, String symbol) {
        String at = "event " + index + " " + event;
        lastEventTransferOut = false;
        if (event instanceof AccountOpenedEvent opened) {
            if (!opened.type().name().equals("COPY")) {
                violations.add(at + ": not a COPY account");
            }
        } else if (event instanceof AssetsTransferredInEvent in) {
            transferredIn = Math.addExact(transferredIn, in.cash().cents());
            availableCash = Math.addExact(availableCash, in.cash().cents());
            if (!in.positions().isEmpty()) {
                violations.add(at + ": positions moved into a COPY account");
            }
        } else if (event instanceof AssetsTransferredOutEvent out) {
            transferredOut = Math.addExact(transferredOut, out.cash().cents());
            availableCash = Math.subtractExact(availableCash, out.cash().cents());
            for (Holding holding : out.positions()) {
                available.merge(holding.symbol().value(), -holding.quantity().lots(), Math::addExact);
                returnedLots = Math.addExact(returnedLots, holding.quantity().lots());
            }
            lastTransferOutCash = out.cash().cents();
            lastEventTransferOut = true;
        } else if (event instanceof CashReservedEvent reserved) {
            availableCash = Math.subtractExact(availableCash, reserved.amount().cents());
            reservedCash.merge(reserved.orderId(), reserved.amount().cents(), Math::addExact);
        } else if (event instanceof PositionReservedEvent reserved) {
            available.merge(reserved.symbol().value(), -reserved.quantity().lots(), Math::addExact);
            reservedLots.merge(reserved.orderId(), reserved.quantity().lots(), Math::addExact);
        } else if (event instanceof BuySettledEvent buy) {
            settledOrders.add(buy.orderId());
            boughtCost = Math.addExact(boughtCost, buy.costCents());
            long left = Math.subtractExact(reservedCash.getOrDefault(buy.orderId(), 0L), buy.costCents());
            if (left < 0 || buy.shortfallCents() != 0) {
                violations.add(at + ": the buy cost more than its order reserved (left " + left + ")");
            }
            reservedCash.put(buy.orderId(), Math.max(0, left));
            availableCash = Math.subtractExact(availableCash, Math.max(0, -left));
            available.merge(buy.symbol().value(), buy.quantity().lots(), Math::addExact);
        } else if (event instanceof SellSettledEvent sell) {
            settledOrders.add(sell.orderId());
            long proceeds = sell.notional().minus(sell.fee()).cents();
            soldProceeds = Math.addExact(soldProceeds, proceeds);
            long left = Math.subtractExact(reservedLots.getOrDefault(sell.orderId(), 0L), sell.quantity().lots());
            if (left < 0 || sell.shortfallLots() != 0) {
                violations.add(at + ": the sell delivered more than its order reserved (left " + left + ")");
            }
            reservedLots.put(sell.orderId(), Math.max(0, left));
            available.merge(sell.symbol().value(), Math.min(0, left), Math::addExact);
            availableCash = Math.addExact(availableCash, proceeds);
        } else if (event instanceof ReservationClosingEvent) {
            // The order closed with fills still settling: nothing moves until they have.
        } else if (event instanceof ReservationReleasedEvent released) {
            long heldCash = reservedCash.getOrDefault(released.orderId(), 0L);
            long heldLots = reservedLots.getOrDefault(released.orderId(), 0L);
            if (released.cash().cents() != heldCash || released.quantity().lots() != heldLots) {
                violations.add(at + ": released other than the order still held (" + heldCash + " cents, "
                        + heldLots + " lots)");
            }
            reservedCash.remove(released.orderId());
            reservedLots.remove(released.orderId());
            availableCash = Math.addExact(availableCash, released.cash().cents());
            available.merge(released.symbol().value(), released.quantity().lots(), Math::addExact);
        } else {
            violations.add(at + ": not an event a COPY account may have");
        }
        check(at, symbol);
    }

    private void check(String at, String symbol) {
        if (availableCash < 0) {
            violations.add(at + ": available cash " + availableCash);
        }
        reservedCash.forEach((order, cents) -> {
            if (cents < 0) {
                violations.add(at + ": order " + order + " reserves " + cents);
            }
        });
        available.forEach((held, lots) -> {
            if (lots < 0) {
                violations.add(at + ": position " + held + " " + lots);
            }
            if (!held.equals(symbol) && lots != 0) {
                violations.add(at + ": holds " + held + ", which the leader never traded here");
            }
        });
        long spendable = Math.addExact(Math.subtractExact(transferredIn, transferredOut), soldProceeds);
        if (boughtCost > spendable) {
            violations.add(at + ": bought " + boughtCost + " cents with only " + spendable + " in and from sales");
        }
        cash = Math.addExact(availableCash, reservedCash.values().stream().mapToLong(Long::longValue).sum());
        positions.clear();
        positions.putAll(available);
        reservedLots.forEach((order, lots) -> positions.merge(orderSymbols.get(order), lots, Math::addExact));
    }
}
