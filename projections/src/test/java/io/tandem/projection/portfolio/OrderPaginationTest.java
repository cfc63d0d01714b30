package io.tandem.projection.portfolio;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.portfolio.FindOrdersQuery;
import io.tandem.contracts.portfolio.OrderPage;
import io.tandem.contracts.portfolio.OrderView;
import io.tandem.projection.marketdata.InstrumentProjector;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.MongoReadModelTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.tandem.projection.support.TestEvents.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderPaginationTest extends MongoReadModelTest {

    private static final AccountId ALICE = AccountId.of("acc-alice");

    private OrderProjector projector;
    private OrderQueryHandler queries;
    private long sequence;

    @BeforeEach
    void setUp() {
        InstrumentFormats catalog = new InstrumentFormats(database);
        new InstrumentProjector(catalog).on(acmeListed("1000"));
        projector = new OrderProjector(database);
        projector.on(acmeListed("1000"), 0);
        sequence = 1;
        queries = new OrderQueryHandler(database, catalog);
    }

    private void place(String orderId, Instant at) {
        projector.on(limit(orderId, "acc-alice", Side.BUY, "10.00", "1", at), sequence++);
    }

    private OrderPage page(int first, String after) {
        return queries.find(new FindOrdersQuery(ALICE, null, first, after));
    }

    @Test
    void ordersComeNewestFirstWithSamePlacementTimeBrokenByOrderId() {
        place("o-a", T0);
        place("o-b", T0);
        place("o-c", T0.plusSeconds(1));

        assertThat(page(10, null).items()).extracting(OrderView::orderId).containsExactly("o-c", "o-b", "o-a");
    }

    @Test
    void pagesFollowEachOtherThroughTheCursor() {
        for (int i = 0; i < 5; i++) {
            place("o-" + i, T0.plusSeconds(i));
        }

        OrderPage first = page(2, null);
        OrderPage second = page(2, first.endCursor());
        OrderPage third = page(2, second.endCursor());

        assertThat(first.items()).extracting(OrderView::orderId).containsExactly("o-4", "o-3");
        assertThat(first.hasNextPage()).isTrue();
        assertThat(second.items()).extracting(OrderView::orderId).containsExactly("o-2", "o-1");
        assertThat(third.items()).extracting(OrderView::orderId).containsExactly("o-0");
        assertThat(third.hasNextPage()).isFalse();
    }

    @Test
    void aCursorStaysValidWhenNewerOrdersArrive() {
        for (int i = 0; i < 4; i++) {
            place("o-" + i, T0.plusSeconds(i));
        }
        OrderPage first = page(2, null);

        place("o-new", T0.plusSeconds(60));

        assertThat(page(2, first.endCursor()).items()).extracting(OrderView::orderId).containsExactly("o-1", "o-0");
    }

    @Test
    void pageSizeDefaultsToTwentyAndIsCappedAtAHundred() {
        for (int i = 0; i < 120; i++) {
            place("o-" + i, T0.plusSeconds(i));
        }

        assertThat(page(0, null).items()).hasSize(20);
        assertThat(page(500, null).items()).hasSize(100);
    }

    @Test
    void anEmptyPageHasNoCursorAndNoNextPage() {
        OrderPage empty = page(10, null);

        assertThat(empty.items()).isEmpty();
        assertThat(empty.endCursor()).isNull();
        assertThat(empty.hasNextPage()).isFalse();
    }

    @Test
    void aForgedCursorIsAMalformedRequest() {
        assertThatThrownBy(() -> page(10, "not a cursor!"))
                .isInstanceOfSatisfying(TandemException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST));
        assertThatThrownBy(() -> page(10, "YWJj"))
                .isInstanceOfSatisfying(TandemException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST));
    }
}
