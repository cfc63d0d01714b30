package io.tandem.command.orderbook;

import io.tandem.contracts.common.Side;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants of a book between commands, checked after every step of the scenario and property
 * tests: links and totals are consistent, the book is not crossed, each side is sorted best price
 * first, and within a price the queue follows arrival order (the caller's sequence numbers, which
 * it renews when an order loses priority).
 */
final class BookInvariants {

    private BookInvariants() {
    }

    static void check(MatchingEngine engine, Map<String, Long> arrival) {
        engine.validateInternalState();
        if (engine.bestBid().isPresent() && engine.bestAsk().isPresent()) {
            assertThat(engine.bestBid().getAsLong()).as("book crossed").isLessThan(engine.bestAsk().getAsLong());
        }
        checkSide(engine.orders(Side.BUY), Side.BUY, arrival);
        checkSide(engine.orders(Side.SELL), Side.SELL, arrival);
    }

    private static void checkSide(List<BookOrder> orders, Side side, Map<String, Long> arrival) {
        for (int i = 1; i < orders.size(); i++) {
            BookOrder before = orders.get(i - 1);
            BookOrder after = orders.get(i);
            assertThat(after.side()).isEqualTo(side);
            if (before.price() == after.price()) {
                assertThat(arrival.get(before.orderId()))
                        .as("FIFO at %d: %s before %s", after.price(), before.orderId(), after.orderId())
                        .isLessThan(arrival.get(after.orderId()));
            } else if (side == Side.BUY) {
                assertThat(before.price()).as("bids best first").isGreaterThan(after.price());
            } else {
                assertThat(before.price()).as("asks best first").isLessThan(after.price());
            }
        }
    }

    /** Open quantity per order id, for conservation checks. */
    static Map<String, Long> openQuantities(MatchingEngine engine) {
        Map<String, Long> open = new HashMap<>();
        for (Side side : Side.values()) {
            engine.orders(side).forEach(o -> open.put(o.orderId(), o.open()));
        }
        return open;
    }
}
