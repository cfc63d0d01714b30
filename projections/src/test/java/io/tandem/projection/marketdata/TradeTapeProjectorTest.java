package io.tandem.projection.marketdata;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.marketdata.FindTradesQuery;
import io.tandem.contracts.marketdata.TradePage;
import io.tandem.contracts.marketdata.TradeView;
import io.tandem.contracts.orderbook.OrderPlacedEvent;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.MongoReadModelTest;
import org.axonframework.eventhandling.ReplayStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tandem.projection.support.TestEvents.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TradeTapeProjectorTest extends MongoReadModelTest {

    private static final OrderPlacedEvent ASK = limit("a-1", "acc-s", Side.SELL, "10.00", "100", T0);

    private TradeTapeProjector projector;
    private TradeQueryHandler queries;

    @BeforeEach
    void setUp() {
        InstrumentFormats catalog = new InstrumentFormats(database);
        new InstrumentProjector(catalog).on(acmeListed("1000"));
        projector = new TradeTapeProjector(database);
        queries = new TradeQueryHandler(database, catalog);
    }

    /** Trade i is the book's event number 10 + 2i (placements and other events come between). */
    private void trades(int from, int to) {
        for (int i = from; i < to; i++) {
            OrderPlacedEvent buy = market("m-" + i, "acc-b", Side.BUY, "1", T0);
            projector.on(trade("t-" + i, ASK, buy, "1", 1000, false, true), 10 + 2L * i, ReplayStatus.REGULAR);
        }
    }

    private TradePage page(int first, String after) {
        return queries.find(new FindTradesQuery(ACME, first, after));
    }

    @Test
    void tradesAreFormattedWithTheInstrumentSpec() {
        trades(0, 1);

        assertThat(page(10, null).items()).singleElement().satisfies(trade -> {
            assertThat(trade.tradeId()).isEqualTo("t-0");
            assertThat(trade.price()).isEqualTo("10.00");
            assertThat(trade.quantity()).isEqualTo("1");
            assertThat(trade.aggressorSide()).isEqualTo("BUY");
            assertThat(trade.executedAt()).isEqualTo("2025-01-01T10:00:00Z");
        });
    }

    @Test
    void tradesComeNewestFirstAndPagesFollowTheCursorEvenWhenNewTradesArrive() {
        trades(0, 5);
        TradePage first = page(2, null);

        trades(5, 7);
        TradePage second = page(2, first.endCursor());
        TradePage third = page(2, second.endCursor());

        assertThat(first.items()).extracting(TradeView::tradeId).containsExactly("t-4", "t-3");
        assertThat(second.items()).extracting(TradeView::tradeId).containsExactly("t-2", "t-1");
        assertThat(second.hasNextPage()).isTrue();
        assertThat(third.items()).extracting(TradeView::tradeId).containsExactly("t-0");
        assertThat(third.hasNextPage()).isFalse();
    }

    @Test
    void replayingTheSameTradesTwiceRecordsThemOnce() {
        trades(0, 3);

        trades(0, 3);

        assertThat(page(10, null).items()).extracting(TradeView::tradeId).containsExactly("t-2", "t-1", "t-0");
    }

    @Test
    void aBookWithoutTradesHasAnEmptyTape() {
        TradePage page = queries.find(new FindTradesQuery(Symbol.of("NOPE"), 10, null));

        assertThat(page.items()).isEmpty();
        assertThat(page.hasNextPage()).isFalse();
    }

    @Test
    void aForgedCursorIsAMalformedRequest() {
        assertThatThrownBy(() -> page(10, "eHl6"))
                .isInstanceOfSatisfying(TandemException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST));
    }

    @Test
    void resetClearsTheTape() {
        trades(0, 3);

        projector.reset();

        assertThat(page(10, null).items()).isEmpty();
    }
}
