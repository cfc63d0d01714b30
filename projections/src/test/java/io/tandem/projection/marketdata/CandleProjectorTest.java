package io.tandem.projection.marketdata;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.marketdata.CandleInterval;
import io.tandem.contracts.marketdata.CandlePage;
import io.tandem.contracts.marketdata.CandleView;
import io.tandem.contracts.marketdata.FindCandlesQuery;
import io.tandem.projection.support.Cursors;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.MongoReadModelTest;
import io.tandem.projection.support.ProjectionBatches;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import static io.tandem.contracts.marketdata.CandleInterval.D1;
import static io.tandem.contracts.marketdata.CandleInterval.H1;
import static io.tandem.contracts.marketdata.CandleInterval.M1;
import static io.tandem.projection.support.TestEvents.ACME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Candles as projected from a book's trades and read back through {@link CandleQueryHandler}, event by event and in one batch. */
class CandleProjectorTest extends MongoReadModelTest {

    /** The two ways a processor may deliver the same events. */
    enum Delivery {
        ONE_BY_ONE(ProjectionBatches::oneByOne),
        IN_ONE_BATCH(ProjectionBatches::inOneBatch);

        private final BiConsumer<Object, List<EventMessage<Object>>> handle;

        Delivery(BiConsumer<Object, List<EventMessage<Object>>> handle) {
            this.handle = handle;
        }
    }

    private static final Instant NOW = Instant.parse("2025-01-01T12:08:30Z");

    private CandleProjector projector;
    private CandleQueryHandler queries;

    @BeforeEach
    void setUp() {
        InstrumentFormats catalog = new InstrumentFormats(database);
        new InstrumentProjector(catalog).on(CandleEvents.acme().listing());
        projector = new CandleProjector(database);
        queries = new CandleQueryHandler(database, catalog, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private CandlePage page(CandleInterval interval, String from, String to, int first, String after) {
        return queries.find(new FindCandlesQuery(ACME, interval, from == null ? null : Instant.parse(from),
                to == null ? null : Instant.parse(to), first, after));
    }

    private List<CandleView> candles(CandleInterval interval) {
        return page(interval, null, null, 100, null).items();
    }

    private static List<String> starts(List<CandleView> candles) {
        return candles.stream().map(CandleView::start).toList();
    }

    /** Start, open, high, low, close, volume, trades. */
    private static String ohlc(CandleView candle) {
        return String.join(" ", candle.start(), candle.open(), candle.high(), candle.low(), candle.close(), candle.volume(),
                Long.toString(candle.trades()));
    }

    @ParameterizedTest
    @EnumSource(Delivery.class)
    void aTradeAtTheTurnOfTheMinuteAndHourStartsTheNewBucketsAndOneJustBeforeStaysInTheOld(Delivery delivery) {
        delivery.handle.accept(projector, CandleEvents.acme()
                .trade("2025-01-01T11:59:59.999Z", "10.00", "1")
                .trade("2025-01-01T12:00:00Z", "10.50", "2").all());

        assertThat(candles(M1)).extracting(CandleProjectorTest::ohlc).containsExactly(
                "2025-01-01T12:00:00Z 10.50 10.50 10.50 10.50 2 1",
                "2025-01-01T11:59:00Z 10.00 10.00 10.00 10.00 1 1");
        assertThat(candles(H1)).extracting(CandleProjectorTest::ohlc).containsExactly(
                "2025-01-01T12:00:00Z 10.50 10.50 10.50 10.50 2 1",
                "2025-01-01T11:00:00Z 10.00 10.00 10.00 10.00 1 1");
        assertThat(candles(D1)).extracting(CandleProjectorTest::ohlc).containsExactly(
                "2025-01-01T00:00:00Z 10.00 10.50 10.00 10.50 3 2");
    }

    @ParameterizedTest
    @EnumSource(Delivery.class)
    void aTradeAtUtcMidnightStartsTheNewDay(Delivery delivery) {
        delivery.handle.accept(projector, CandleEvents.acme()
                .trade("2024-12-31T23:59:59.999Z", "10.00", "1")
                .trade("2025-01-01T00:00:00Z", "10.50", "2").all());

        assertThat(candles(D1)).extracting(CandleProjectorTest::ohlc).containsExactly(
                "2025-01-01T00:00:00Z 10.50 10.50 10.50 10.50 2 1",
                "2024-12-31T00:00:00Z 10.00 10.00 10.00 10.00 1 1");
        assertThat(starts(candles(H1))).containsExactly("2025-01-01T00:00:00Z", "2024-12-31T23:00:00Z");
    }

    @ParameterizedTest
    @EnumSource(Delivery.class)
    void aCandleOpensAtItsFirstTradeClosesAtItsLastAndSumsVolumeAndTrades(Delivery delivery) {
        delivery.handle.accept(projector, CandleEvents.acme()
                .trade("2025-01-01T12:00:01Z", "10.00", "1")
                .trade("2025-01-01T12:00:20Z", "10.50", "0.5")
                .trade("2025-01-01T12:00:40Z", "9.80", "2")
                .trade("2025-01-01T12:00:59.999Z", "10.20", "0.25").all());

        assertThat(candles(M1)).extracting(CandleProjectorTest::ohlc).containsExactly(
                "2025-01-01T12:00:00Z 10.00 10.50 9.80 10.20 3.75 4");
        CandleView candle = candles(M1).get(0);
        assertThat(candle.symbol()).isEqualTo("ACME");
        assertThat(candle.interval()).isEqualTo(M1);
    }

    @ParameterizedTest
    @EnumSource(Delivery.class)
    void bucketsWithoutTradesAreFlatAtThePreviousClose(Delivery delivery) {
        delivery.handle.accept(projector, CandleEvents.acme()
                .trade("2025-01-01T12:00:10Z", "10.00", "1")
                .trade("2025-01-01T12:00:50Z", "10.20", "1")
                .trade("2025-01-01T12:03:00Z", "11.00", "1").all());

        assertThat(candles(M1)).extracting(CandleProjectorTest::ohlc).containsExactly(
                "2025-01-01T12:03:00Z 11.00 11.00 11.00 11.00 1 1",
                "2025-01-01T12:02:00Z 10.20 10.20 10.20 10.20 0 0",
                "2025-01-01T12:01:00Z 10.20 10.20 10.20 10.20 0 0",
                "2025-01-01T12:00:00Z 10.00 10.20 10.00 10.20 2 2");
    }

    @ParameterizedTest
    @EnumSource(Delivery.class)
    void aRedeliveredOrReplayedTradeCountsOnce(Delivery delivery) {
        CandleEvents book = CandleEvents.acme()
                .trade("2025-01-01T12:00:10Z", "10.00", "1")
                .trade("2025-01-01T12:00:20Z", "10.40", "1")
                .trade("2025-01-01T12:00:30Z", "9.90", "1")
                .trade("2025-01-01T12:01:30Z", "10.10", "1");
        delivery.handle.accept(projector, book.range(0, 3));
        var once = ProjectionBatches.contents(database);

        delivery.handle.accept(projector, book.range(0, 3));
        assertThat(ProjectionBatches.contents(database)).as("the same batch again").isEqualTo(once);

        delivery.handle.accept(projector, book.range(1, 5)); // redelivered from an earlier token, cut differently
        delivery.handle.accept(projector, book.all());         // a replay

        assertThat(candles(M1)).extracting(CandleProjectorTest::ohlc).containsExactly(
                "2025-01-01T12:01:00Z 10.10 10.10 10.10 10.10 1 1",
                "2025-01-01T12:00:00Z 10.00 10.40 9.90 9.90 3 3");
        assertThat(candles(D1)).extracting(CandleProjectorTest::ohlc).containsExactly(
                "2025-01-01T00:00:00Z 10.00 10.40 9.90 10.10 4 4");
    }

    @Test
    void aBatchEndsAsTheSameEventsOneByOne() {
        CandleEvents book = CandleEvents.acme();
        for (int i = 0; i < 30; i++) {
            book.trade(Instant.parse("2025-01-01T11:58:00Z").plusSeconds(17L * i).toString(), "10." + (10 + i % 7 * 11), "0.5");
        }
        var single = emptyDatabase("tandem-test-single");
        ProjectionBatches.oneByOne(new CandleProjector(single), book.all());
        var batched = emptyDatabase("tandem-test-batch");
        ProjectionBatches.inOneBatch(new CandleProjector(batched), book.all());

        assertThat(ProjectionBatches.contents(batched)).containsKey(ReadModelCollections.CANDLES)
                .isEqualTo(ProjectionBatches.contents(single));
    }

    @Test
    void aBatchSendsOneBulkWriteOfCandles() {
        CandleEvents book = CandleEvents.acme();
        for (int i = 0; i < 20; i++) {
            book.trade(Instant.parse("2025-01-01T12:00:00Z").plusSeconds(7L * i).toString(), "10.00", "1");
        }
        clearCommands();

        ProjectionBatches.inOneBatch(projector, book.all());

        assertThat(commands("update", database, ReadModelCollections.CANDLES)).isEqualTo(1);
        assertThat(commands("find", database, ReadModelCollections.CANDLES)).isZero();
    }

    @Test
    void pagesFollowTheCursorAcrossGapsAndStopAtTheFirstBucket() {
        ProjectionBatches.inOneBatch(projector, CandleEvents.acme()
                .trade("2025-01-01T12:00:10Z", "10.00", "1")
                .trade("2025-01-01T12:02:10Z", "10.20", "1")
                .trade("2025-01-01T12:05:10Z", "10.50", "1").all());

        List<String> seen = new ArrayList<>();
        List<Boolean> more = new ArrayList<>();
        String after = null;
        do {
            CandlePage page = page(M1, null, null, 2, after);
            seen.addAll(starts(page.items()));
            more.add(page.hasNextPage());
            after = page.hasNextPage() ? page.items().get(page.items().size() - 1).cursor() : null;
        } while (after != null);

        assertThat(seen).containsExactly("2025-01-01T12:05:00Z", "2025-01-01T12:04:00Z", "2025-01-01T12:03:00Z",
                "2025-01-01T12:02:00Z", "2025-01-01T12:01:00Z", "2025-01-01T12:00:00Z");
        assertThat(more).containsExactly(true, true, false);
        CandleView flat = page(M1, null, null, 2, Cursors.encode("2025-01-01T12:05:00Z")).items().get(0);
        assertThat(ohlc(flat)).as("a page starting in a gap reads the close before it").isEqualTo(
                "2025-01-01T12:04:00Z 10.20 10.20 10.20 10.20 0 0");
        assertThat(page(M1, null, null, 2, Cursors.encode("2025-01-01T12:00:00Z")).items()).isEmpty();
    }

    @Test
    void fromAndToBoundTheBucketStartsInclusively() {
        ProjectionBatches.inOneBatch(projector, CandleEvents.acme()
                .trade("2025-01-01T12:00:10Z", "10.00", "1")
                .trade("2025-01-01T12:02:10Z", "10.20", "1")
                .trade("2025-01-01T12:05:10Z", "10.50", "1").all());

        assertThat(starts(page(M1, "2025-01-01T12:01:00Z", "2025-01-01T12:03:00Z", 10, null).items()))
                .containsExactly("2025-01-01T12:03:00Z", "2025-01-01T12:02:00Z", "2025-01-01T12:01:00Z");
        assertThat(starts(page(M1, "2025-01-01T12:01:00.001Z", "2025-01-01T12:03:59Z", 10, null).items()))
                .as("a bucket starting before from is out; to falls in the bucket that starts before it")
                .containsExactly("2025-01-01T12:03:00Z", "2025-01-01T12:02:00Z");
        assertThat(starts(page(M1, "2024-12-31T00:00:00Z", "2025-01-01T12:01:00Z", 10, null).items()))
                .as("never before the first trade's bucket").containsExactly("2025-01-01T12:01:00Z", "2025-01-01T12:00:00Z");

        CandlePage bounded = page(M1, "2025-01-01T12:01:00Z", "2025-01-01T12:04:00Z", 2, null);
        assertThat(starts(bounded.items())).containsExactly("2025-01-01T12:04:00Z", "2025-01-01T12:03:00Z");
        assertThat(bounded.hasNextPage()).isTrue();
        CandlePage rest = page(M1, "2025-01-01T12:01:00Z", "2025-01-01T12:04:00Z", 2, bounded.items().get(1).cursor());
        assertThat(starts(rest.items())).containsExactly("2025-01-01T12:02:00Z", "2025-01-01T12:01:00Z");
        assertThat(rest.hasNextPage()).as("from bounds the last page").isFalse();

        assertThat(page(M1, "2025-01-01T12:04:00Z", "2025-01-01T12:01:00Z", 10, null).items()).as("from after to").isEmpty();
    }

    @Test
    void toPastTheNewestTradeRunsOnFlatUpToTheCurrentBucketButNotIntoTheFuture() {
        ProjectionBatches.inOneBatch(projector, CandleEvents.acme().trade("2025-01-01T12:05:10Z", "10.50", "1").all());

        assertThat(page(M1, null, "2025-01-01T12:07:00Z", 10, null).items()).extracting(CandleProjectorTest::ohlc).containsExactly(
                "2025-01-01T12:07:00Z 10.50 10.50 10.50 10.50 0 0",
                "2025-01-01T12:06:00Z 10.50 10.50 10.50 10.50 0 0",
                "2025-01-01T12:05:00Z 10.50 10.50 10.50 10.50 1 1");
        assertThat(starts(page(M1, null, "2026-01-01T00:00:00Z", 10, null).items())).as("now is " + NOW)
                .startsWith("2025-01-01T12:08:00Z").hasSize(4);
        assertThat(starts(page(M1, null, null, 10, null).items())).as("without to: the newest bucket with a trade")
                .containsExactly("2025-01-01T12:05:00Z");
    }

    @Test
    void anUnknownBookOrOneWithoutTradesHasNoCandles() {
        assertThat(page(M1, null, null, 10, null)).isEqualTo(new CandlePage(List.of(), false));
        assertThat(queries.find(new FindCandlesQuery(Symbol.of("NOPE"), M1, null, null, 10, null)).items()).isEmpty();
    }

    @Test
    void aCursorThatIsNotABucketStartOfTheIntervalIsMalformed() {
        ProjectionBatches.inOneBatch(projector, CandleEvents.acme().trade("2025-01-01T12:05:10Z", "10.50", "1").all());

        for (String cursor : List.of("not base64!", Cursors.encode("yesterday"), Cursors.encode("2025-01-01T12:05:30Z"),
                Cursors.encode("2025-01-01T12:05:00Z"))) {
            CandleInterval interval = cursor.equals(Cursors.encode("2025-01-01T12:05:00Z")) ? H1 : M1;
            assertThatThrownBy(() -> page(interval, null, null, 10, cursor)).as(cursor)
                    .isInstanceOfSatisfying(TandemException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST));
        }
        assertThatThrownBy(() -> queries.find(new FindCandlesQuery(Symbol.of("NOPE"), M1, null, null, 10, "@@")))
                .as("checked before the book is looked up").isInstanceOf(TandemException.class);
    }

    @Test
    void theResetClearsTheCandles() {
        ProjectionBatches.inOneBatch(projector, CandleEvents.acme().trade("2025-01-01T12:05:10Z", "10.50", "1").all());

        projector.reset();

        assertThat(database.getCollection(ReadModelCollections.CANDLES).countDocuments()).isZero();
        assertThat(candles(M1)).isEmpty();
    }
}
