package io.tandem.projection.marketdata;

import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.marketdata.FindOrderBookQuery;
import io.tandem.contracts.marketdata.OrderBookView;
import io.tandem.contracts.marketdata.PriceLevelView;
import io.tandem.contracts.orderbook.*;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.MongoReadModelTest;
import org.axonframework.eventhandling.ReplayStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tandem.projection.support.TestEvents.*;
import static org.assertj.core.api.Assertions.assertThat;

class OrderBookProjectorTest extends MongoReadModelTest {

    private static final OrderPlacedEvent BID_1 = limit("b-1", "acc-a", Side.BUY, "9.90", "2", T0);
    private static final OrderPlacedEvent BID_2 = limit("b-2", "acc-b", Side.BUY, "9.90", "3", T0);
    private static final OrderPlacedEvent BID_3 = limit("b-3", "acc-a", Side.BUY, "9.80", "1", T0);
    private static final OrderPlacedEvent ASK_1 = limit("a-1", "acc-c", Side.SELL, "10.10", "4", T0);
    private static final OrderPlacedEvent ASK_2 = limit("a-2", "acc-c", Side.SELL, "10.00", "1.5", T0);

    private OrderBookProjector projector;
    private OrderBookQueryHandler queries;

    @BeforeEach
    void setUp() {
        InstrumentFormats catalog = new InstrumentFormats(database);
        new InstrumentProjector(catalog).on(acmeListed("1000"));
        projector = new OrderBookProjector(database);
        queries = new OrderBookQueryHandler(database, catalog);
        projector.on(acmeListed("1000"), 0, ReplayStatus.REGULAR);
    }

    private OrderBookView book(int depth) {
        return queries.find(new FindOrderBookQuery(ACME, depth));
    }

    private void restingOrders() {
        projector.on(BID_1, 1, ReplayStatus.REGULAR);
        projector.on(BID_2, 2, ReplayStatus.REGULAR);
        projector.on(BID_3, 3, ReplayStatus.REGULAR);
        projector.on(ASK_1, 4, ReplayStatus.REGULAR);
        projector.on(ASK_2, 5, ReplayStatus.REGULAR);
    }

    /** A market buy for 2 takes the 1.5 at 10.00 and 0.5 at 10.10. */
    private void marketBuySweepsTheBestAsks() {
        OrderPlacedEvent buy = market("m-1", "acc-d", Side.BUY, "2", T0);
        projector.on(buy, 6, ReplayStatus.REGULAR);
        projector.on(trade("t-1", ASK_2, buy, "1.5", 1500, true, false), 7, ReplayStatus.REGULAR);
        projector.on(new OrderFilledEvent(ACME, ASK_2.orderId(), ASK_2.accountId(), Side.SELL, quantity("1.5"), T0), 8, ReplayStatus.REGULAR);
        projector.on(trade("t-2", ASK_1, buy, "0.5", 505, false, true), 9, ReplayStatus.REGULAR);
        projector.on(new OrderFilledEvent(ACME, buy.orderId(), buy.accountId(), Side.BUY, quantity("2"), T0), 10, ReplayStatus.REGULAR);
    }

    @Test
    void depthSumsQuantityAndCountsOrdersPerPriceLevelBestPricesFirst() {
        restingOrders();

        OrderBookView view = book(10);

        assertThat(view.bids()).containsExactly(new PriceLevelView("9.90", "5", 2), new PriceLevelView("9.80", "1", 1));
        assertThat(view.asks()).containsExactly(new PriceLevelView("10.00", "1.5", 1), new PriceLevelView("10.10", "4", 1));
        assertThat(view.lastPrice()).isNull();
    }

    @Test
    void depthIsLimitedToTheRequestedNumberOfLevels() {
        restingOrders();

        assertThat(book(1).bids()).containsExactly(new PriceLevelView("9.90", "5", 2));
        assertThat(book(1).asks()).containsExactly(new PriceLevelView("10.00", "1.5", 1));
    }

    @Test
    void tradesConsumeRestingQuantityAndSetTheLastPrice() {
        restingOrders();

        marketBuySweepsTheBestAsks();

        assertThat(book(10).asks()).containsExactly(new PriceLevelView("10.10", "3.5", 1));
        assertThat(book(10).lastPrice()).isEqualTo("10.10");
    }

    @Test
    void cancelledOrdersLeaveTheBook() {
        restingOrders();

        projector.on(new OrderCancelledEvent(ACME, BID_2.orderId(), BID_2.accountId(), Side.BUY, Quantity.ZERO,
                quantity("3"), CancelReason.USER_REQUESTED, T0), 6, ReplayStatus.REGULAR);

        assertThat(book(10).bids()).containsExactly(new PriceLevelView("9.90", "2", 1), new PriceLevelView("9.80", "1", 1));
    }

    @Test
    void anAmendedOrderMovesToItsNewPriceWithItsNewRemainder() {
        restingOrders();
        marketBuySweepsTheBestAsks();

        projector.on(new OrderAmendedEvent(ACME, ASK_1.orderId(), ASK_1.accountId(), price("10.20"), quantity("3"), false, T0), 11, ReplayStatus.REGULAR);

        assertThat(book(10).asks()).containsExactly(new PriceLevelView("10.20", "2.5", 1));
    }

    @Test
    void replayingTheSameEventsTwiceChangesNothing() {
        restingOrders();
        marketBuySweepsTheBestAsks();
        OrderBookView once = book(10);

        restingOrders();
        marketBuySweepsTheBestAsks();

        assertThat(book(10)).isEqualTo(once);
    }

    @Test
    void anUnknownSymbolHasNoBook() {
        assertThat(queries.find(new FindOrderBookQuery(Symbol.of("NOPE"), 10))).isNull();
    }

    @Test
    void aListedBookWithoutOrdersIsEmpty() {
        assertThat(book(10)).isEqualTo(new OrderBookView("ACME", List.of(), List.of(), null));
    }

    @Test
    void resetClearsTheBooks() {
        restingOrders();

        projector.reset();

        assertThat(book(10)).isNull();
    }
}
