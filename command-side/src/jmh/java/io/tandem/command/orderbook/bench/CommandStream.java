package io.tandem.command.orderbook.bench;

import io.tandem.command.orderbook.MatchPlan;
import io.tandem.command.orderbook.MatchingEngine;
import io.tandem.command.orderbook.OrderRequest;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.orderbook.TimeInForce;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A deterministic stream of order-book commands shared by every implementation under test, held
 * in plain arrays so that no implementation pays for building its input while it is measured.
 * <p>
 * The first {@link #prefill} commands build a book of passive GTC orders around a central price.
 * The rest mix passive GTC orders, aggressive GTC orders that sweep one or more levels and rest
 * their remainder, IOC orders, and cancels of live orders, leaning towards cancels when the book
 * is above its target size so that its depth stays stable. Every order has its own owner, so
 * self-trade prevention (which exchange-core does not have) never changes an outcome, and cancels
 * always target an order that is live at that point, so every implementation ends in the same book.
 */
final class CommandStream {

    enum Kind { GTC, IOC, CANCEL }

    static final long CENTER = 10_000;

    final int prefill;
    final int size;
    final Kind[] kind;
    final long[] orderId;
    final boolean[] buy;
    final long[] price;
    final long[] quantity;
    final String[] orderIdText;
    final OrderRequest[] requests;

    private CommandStream(int prefill, int size) {
        this.prefill = prefill;
        this.size = size;
        kind = new Kind[size];
        orderId = new long[size];
        buy = new boolean[size];
        price = new long[size];
        quantity = new long[size];
        orderIdText = new String[size];
        requests = new OrderRequest[size];
    }

    /**
     * @param targetOrders resting orders the book hovers around (also the number of prefill commands)
     * @param commands     commands after the prefill
     * @param spread       price levels on each side of the centre
     */
    static CommandStream generate(int targetOrders, int commands, int spread, long seed) {
        CommandStream stream = new CommandStream(targetOrders, targetOrders + commands);
        SplittableRandom random = new SplittableRandom(seed);
        MatchingEngine model = new MatchingEngine();
        LiveOrders live = new LiveOrders();
        long nextId = 1;
        for (int i = 0; i < stream.size; i++) {
            int roll = random.nextInt(100);
            boolean crowded = live.size() >= targetOrders;
            if (i >= targetOrders && (roll < (crowded ? 45 : 25)) && live.size() > 0) {
                long target = live.pick(random);
                stream.cancel(i, target);
                model.remove(Long.toString(target));
                live.remove(target);
                continue;
            }
            boolean isBuy = random.nextBoolean();
            boolean aggressive = i >= targetOrders && roll >= 75;
            Kind kind = aggressive && roll >= 90 ? Kind.IOC : Kind.GTC;
            long offset = aggressive ? random.nextInt(spread / 4 + 1) : 1 + random.nextInt(spread);
            long limit = isBuy ? (aggressive ? CENTER + offset : CENTER - offset)
                    : (aggressive ? CENTER - offset : CENTER + offset);
            long lots = 1 + random.nextInt(aggressive ? 300 : 100);
            long id = nextId++;
            stream.place(i, kind, id, isBuy, limit, lots);
            MatchPlan plan = model.execute(stream.requests[i]);
            for (MatchPlan.Match match : plan.matches()) {
                if (match.makerFilled()) {
                    live.remove(Long.parseLong(match.makerOrderId()));
                }
            }
            if (plan.restingQuantity() > 0) {
                live.add(id);
            }
        }
        return stream;
    }

    private void place(int i, Kind kind, long id, boolean isBuy, long limit, long lots) {
        this.kind[i] = kind;
        orderId[i] = id;
        buy[i] = isBuy;
        price[i] = limit;
        quantity[i] = lots;
        orderIdText[i] = Long.toString(id);
        requests[i] = new OrderRequest(orderIdText[i], "u" + id, isBuy ? Side.BUY : Side.SELL, limit, lots,
                kind == Kind.IOC ? TimeInForce.IOC : TimeInForce.GTC, "u" + id);
    }

    private void cancel(int i, long target) {
        kind[i] = Kind.CANCEL;
        orderId[i] = target;
        orderIdText[i] = Long.toString(target);
    }

    /** Live order ids with O(1) add, remove and uniform pick. */
    private static final class LiveOrders {
        private final List<Long> ids = new ArrayList<>();
        private final Map<Long, Integer> positions = new HashMap<>();

        int size() {
            return ids.size();
        }

        void add(long id) {
            positions.put(id, ids.size());
            ids.add(id);
        }

        void remove(long id) {
            Integer position = positions.remove(id);
            if (position == null) {
                return;
            }
            long last = ids.remove(ids.size() - 1);
            if (last != id) {
                ids.set(position, last);
                positions.put(last, position);
            }
        }

        long pick(SplittableRandom random) {
            return ids.get(random.nextInt(ids.size()));
        }
    }
}
