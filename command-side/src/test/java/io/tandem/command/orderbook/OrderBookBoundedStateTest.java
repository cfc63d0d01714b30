package io.tandem.command.orderbook;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.orderbook.CancelReason;
import io.tandem.contracts.orderbook.OrderCancelledEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tandem.command.orderbook.OrderBookTestData.ACME;
import static io.tandem.command.orderbook.OrderBookTestData.T0;
import static io.tandem.command.orderbook.OrderBookTestData.gtc;
import static io.tandem.command.orderbook.OrderBookTestData.listed;
import static io.tandem.command.orderbook.OrderBookTestData.placed;
import static io.tandem.contracts.common.Side.BUY;
import static org.assertj.core.api.Assertions.assertThat;

/** A book's state and snapshot stay the size of its open work however many orders it has closed. */
class OrderBookBoundedStateTest {

    private static final int CLOSED = OrderBookState.RECENTLY_CLOSED + 500;

    private static OrderBookState bookThatClosed(int orders) {
        OrderBookState book = OrderBookState.listed(listed());
        for (int i = 0; i < orders; i++) {
            book.evolve(placed(gtc("o" + i, "acc", BUY, 1_000, 5)));
            book.evolve(new OrderCancelledEvent(ACME, OrderId.of("o" + i), AccountId.of("acc"), BUY, Quantity.ofLots(0),
                    Quantity.ofLots(5), CancelReason.USER_REQUESTED, T0));
        }
        return book;
    }

    @Test
    void onlyTheMostRecentlyClosedOrdersAreRemembered() {
        OrderBookState book = bookThatClosed(CLOSED);

        assertThat(book.snapshot().closedOrderIds()).hasSize(OrderBookState.RECENTLY_CLOSED)
                .endsWith("o" + (CLOSED - 1)).doesNotContain("o0", "o499");
        assertThat(book.isClosed("o" + (CLOSED - 1))).isTrue();
        assertThat(book.isClosed("o0")).isFalse();
        assertThat(book.snapshot().bids()).isEmpty();
    }

    @Test
    void aSnapshotWithMoreClosedIdsIsTrimmedToTheRecentOnesOnRestore() {
        OrderBookSnapshot full = bookThatClosed(10).snapshot();
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < CLOSED; i++) {
            many.add("old" + i);
        }
        OrderBookSnapshot old = new OrderBookSnapshot(full.spec(), full.issuerAccountId(), full.supply(), full.bids(),
                full.asks(), full.charges(), many, full.tradeCount(), full.lastPrice());

        OrderBookState restored = OrderBookState.restore(old);

        assertThat(restored.snapshot().closedOrderIds()).hasSize(OrderBookState.RECENTLY_CLOSED).endsWith("old" + (CLOSED - 1));
        assertThat(restored.isClosed("old0")).isFalse();
    }
}
