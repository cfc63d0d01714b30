package io.tandem.command.orderbook;

import io.tandem.contracts.common.Side;
import io.tandem.contracts.orderbook.OrderCancelledEvent;
import io.tandem.contracts.orderbook.OrderFilledEvent;
import io.tandem.contracts.orderbook.TradeExecutedEvent;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts as settlement would keep them, driven by the book's events: buys reserve cash up front,
 * sells reserve lots, each trade moves the legs its event carries, and a closed order releases
 * what is left of its reservation. It asserts on every change that no reservation goes negative
 * and that no leg is negative, and it can total cash and positions for the conservation checks.
 */
final class SimulatedLedger {

    static final String FEES = "fees";

    private final Map<String, Long> cash = new HashMap<>();
    private final Map<String, Long> lots = new HashMap<>();
    private final Map<String, Long> reservedCash = new HashMap<>();
    private final Map<String, Long> reservedLots = new HashMap<>();
    private final Map<String, Long> reservedEver = new HashMap<>();
    private final Map<String, String> owners = new HashMap<>();

    SimulatedLedger(List<String> traders, long cashEach, long lotsEach) {
        traders.forEach(t -> {
            cash.put(t, cashEach);
            lots.put(t, lotsEach);
        });
        cash.put(FEES, 0L);
    }

    long availableCash(String account) {
        return cash.get(account);
    }

    long availableLots(String account) {
        return lots.get(account);
    }

    /** Cash reserved for a buy order over its life (initial reservation plus top-ups). */
    long reservedEver(String orderId) {
        return reservedEver.getOrDefault(orderId, 0L);
    }

    void reserveCash(String account, String orderId, long cents) {
        assertThat(cents).isNotNegative();
        cash.merge(account, -cents, Long::sum);
        assertThat(cash.get(account)).isNotNegative();
        reservedCash.merge(orderId, cents, Long::sum);
        reservedEver.merge(orderId, cents, Long::sum);
        owners.put(orderId, account);
    }

    void reserveLots(String account, String orderId, long quantity) {
        assertThat(quantity).isNotNegative();
        lots.merge(account, -quantity, Long::sum);
        assertThat(lots.get(account)).isNotNegative();
        reservedLots.merge(orderId, quantity, Long::sum);
        owners.put(orderId, account);
    }

    void on(Object event) {
        if (event instanceof TradeExecutedEvent trade) {
            settle(trade);
        } else if (event instanceof OrderFilledEvent filled) {
            release(filled.orderId().value(), filled.side());
        } else if (event instanceof OrderCancelledEvent cancelled) {
            release(cancelled.orderId().value(), cancelled.side());
        }
    }

    private void settle(TradeExecutedEvent trade) {
        long buyerNotional = trade.buyerNotional().cents();
        long buyerFee = trade.buyerFee().cents();
        long sellerNotional = trade.sellerNotional().cents();
        long sellerFee = trade.sellerFee().cents();
        assertThat(List.of(buyerNotional, buyerFee, sellerNotional, sellerFee)).allMatch(leg -> leg >= 0);
        assertThat(sellerNotional - sellerFee).as("seller's net leg").isNotNegative();
        assertThat(trade.platformCredit().cents()).as("platform credit of %s", trade.tradeId()).isNotNegative();

        String buyOrder = trade.buyOrderId().value();
        String sellOrder = trade.sellOrderId().value();
        long quantity = trade.quantity().lots();
        reservedCash.merge(buyOrder, -(buyerNotional + buyerFee), Long::sum);
        assertThat(reservedCash.get(buyOrder)).as("cash reservation of %s", buyOrder).isNotNegative();
        lots.merge(trade.buyerAccountId().value(), quantity, Long::sum);

        reservedLots.merge(sellOrder, -quantity, Long::sum);
        assertThat(reservedLots.get(sellOrder)).as("lot reservation of %s", sellOrder).isNotNegative();
        cash.merge(trade.sellerAccountId().value(), sellerNotional - sellerFee, Long::sum);

        cash.merge(FEES, trade.platformCredit().cents(), Long::sum);
    }

    private void release(String orderId, Side side) {
        String owner = owners.get(orderId);
        if (side == Side.BUY) {
            cash.merge(owner, reservedCash.remove(orderId), Long::sum);
        } else {
            lots.merge(owner, reservedLots.remove(orderId), Long::sum);
        }
    }

    long totalCash() {
        return cash.values().stream().mapToLong(Long::longValue).sum()
                + reservedCash.values().stream().mapToLong(Long::longValue).sum();
    }

    long totalLots() {
        return lots.values().stream().mapToLong(Long::longValue).sum()
                + reservedLots.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Orders that still hold a reservation. */
    Set<String> reservedOrders() {
        Set<String> orders = new HashSet<>(reservedCash.keySet());
        orders.addAll(reservedLots.keySet());
        return orders;
    }
}
