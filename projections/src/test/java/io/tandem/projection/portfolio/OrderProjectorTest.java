package io.tandem.projection.portfolio;

import io.tandem.contracts.common.*;
import io.tandem.contracts.orderbook.*;
import io.tandem.contracts.portfolio.FindOrdersQuery;
import io.tandem.contracts.portfolio.OrderPage;
import io.tandem.contracts.portfolio.OrderView;
import io.tandem.projection.marketdata.InstrumentProjector;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.MongoReadModelTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tandem.projection.support.TestEvents.*;
import static org.assertj.core.api.Assertions.assertThat;

class OrderProjectorTest extends MongoReadModelTest {

    private static final AccountId ALICE = AccountId.of("acc-alice");
    private static final OrderPlacedEvent ASK = limit("o-1", "acc-bob", Side.SELL, "10.00", "5", T0);
    private static final OrderPlacedEvent BID = limit("o-2", "acc-alice", Side.BUY, "10.00", "8", T0.plusSeconds(1));

    private OrderProjector projector;
    private OrderQueryHandler queries;

    @BeforeEach
    void setUp() {
        InstrumentFormats catalog = new InstrumentFormats(database);
        new InstrumentProjector(catalog).on(acmeListed("1000"));
        projector = new OrderProjector(database);
        projector.on(acmeListed("1000"), 0); // the book's first event: its orders follow from sequence 1
        queries = new OrderQueryHandler(database, catalog);
    }

    private OrderView order(String accountId, String orderId) {
        return queries.find(new FindOrdersQuery(AccountId.of(accountId), null, 100, null)).items().stream()
                .filter(order -> order.orderId().equals(orderId)).findFirst().orElseThrow();
    }

    /** Bob rests 5 at 10.00; Alice's bid for 8 takes them and rests 3, then cancels them. */
    private void partialFillThenCancel() {
        projector.on(ASK, 1);
        projector.on(BID, 2);
        projector.on(trade("t-1", ASK, BID, "5", 5000, true, false), 3);
        projector.on(new OrderFilledEvent(ACME, ASK.orderId(), ASK.accountId(), Side.SELL, quantity("5"), T0), 4);
        projector.on(new OrderCancelledEvent(ACME, BID.orderId(), ALICE, Side.BUY, quantity("5"), quantity("3"),
                CancelReason.USER_REQUESTED, T0), 5);
    }

    @Test
    void aPlacedOrderIsNewWithNothingFilled() {
        projector.on(BID, 1);

        assertThat(order("acc-alice", "o-2")).isEqualTo(new OrderView("o-2", "acc-alice", "ACME", "BUY", "LIMIT", "GTC",
                "10.00", "8", "0", "NEW", null, "2025-01-01T10:00:01Z", order("acc-alice", "o-2").cursor()));
    }

    @Test
    void aTradeThatDoesNotCompleteTheOrderMakesItPartiallyFilled() {
        projector.on(ASK, 1);
        projector.on(BID, 2);

        projector.on(trade("t-1", ASK, BID, "5", 5000, true, false), 3);

        assertThat(order("acc-alice", "o-2").status()).isEqualTo("PARTIALLY_FILLED");
        assertThat(order("acc-alice", "o-2").filledQuantity()).isEqualTo("5");
    }

    @Test
    void filledAndCancelledOrdersKeepTheirFillsAndReason() {
        partialFillThenCancel();

        assertThat(order("acc-bob", "o-1").status()).isEqualTo("FILLED");
        OrderView cancelled = order("acc-alice", "o-2");
        assertThat(cancelled.status()).isEqualTo("CANCELLED");
        assertThat(cancelled.filledQuantity()).isEqualTo("5");
        assertThat(cancelled.cancelReason()).isEqualTo("USER_REQUESTED");
    }

    @Test
    void anAmendmentChangesPriceAndQuantity() {
        projector.on(BID, 1);

        projector.on(new OrderAmendedEvent(ACME, BID.orderId(), ALICE, price("9.99"), quantity("6"), false, T0), 2);

        assertThat(order("acc-alice", "o-2").price()).isEqualTo("9.99");
        assertThat(order("acc-alice", "o-2").quantity()).isEqualTo("6");
    }

    @Test
    void marketOrdersHaveNoPrice() {
        projector.on(market("o-3", "acc-alice", Side.BUY, "1", T0), 1);

        assertThat(order("acc-alice", "o-3").price()).isNull();
        assertThat(order("acc-alice", "o-3").type()).isEqualTo("MARKET");
    }

    @Test
    void aMarketOrderShowsNeitherItsProtectionPriceNorAGtcItNeverHad() {
        projector.on(marketAsPlaced("o-4", "acc-alice", Side.BUY, "11.00", "1", TimeInForce.GTC, T0), 1);
        projector.on(marketAsPlaced("o-5", "acc-alice", Side.SELL, "9.00", "1", TimeInForce.FOK, T0), 2);

        assertThat(order("acc-alice", "o-4").price()).isNull();
        assertThat(order("acc-alice", "o-4").timeInForce()).isEqualTo("IOC");
        assertThat(order("acc-alice", "o-5").price()).isNull();
        assertThat(order("acc-alice", "o-5").timeInForce()).isEqualTo("FOK");
    }

    @Test
    void replayingTheSameEventsTwiceChangesNothing() {
        partialFillThenCancel();
        OrderView once = order("acc-alice", "o-2");

        partialFillThenCancel();

        assertThat(order("acc-alice", "o-2")).isEqualTo(once);
    }

    @Test
    void resetClearsEveryOrder() {
        partialFillThenCancel();

        projector.reset();

        assertThat(queries.find(new FindOrdersQuery(ALICE, null, 10, null)).items()).isEmpty();
    }

    @Test
    void onlyTheRequestedStatusesAreListed() {
        partialFillThenCancel();
        projector.on(limit("o-4", "acc-alice", Side.BUY, "9.00", "1", T0.plusSeconds(5)), 6);

        OrderPage open = queries.find(new FindOrdersQuery(ALICE, List.of(OrderStatus.NEW, OrderStatus.PARTIALLY_FILLED), 10, null));

        assertThat(open.items()).extracting(OrderView::orderId).containsExactly("o-4");
    }
}
