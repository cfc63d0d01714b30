package io.tandem.projection.marketdata;

import io.tandem.contracts.marketdata.FindInstrumentsQuery;
import io.tandem.contracts.marketdata.InstrumentMarketView;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.MongoReadModelTest;
import io.tandem.projection.support.ProjectionBatches;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The instruments list: last price and 24 h change from the one-minute candles, at a fixed "now". */
class InstrumentMarketQueryHandlerTest extends MongoReadModelTest {

    private static final Instant NOW = Instant.parse("2025-01-02T12:00:30Z");

    private InstrumentFormats catalog;
    private CandleProjector projector;

    @BeforeEach
    void setUp() {
        catalog = new InstrumentFormats(database);
        projector = new CandleProjector(database);
    }

    private List<InstrumentMarketView> instruments(Instant now) {
        return new InstrumentMarketQueryHandler(database, catalog, Clock.fixed(now, ZoneOffset.UTC))
                .find(new FindInstrumentsQuery()).items();
    }

    private void book(CandleEvents events) {
        new InstrumentProjector(catalog).on(events.listing());
        ProjectionBatches.inOneBatch(projector, events.all());
    }

    @Test
    void theChangeIsFromTheOpenOfTheOldestMinuteStartingWithinTheLast24Hours() {
        book(CandleEvents.acme()
                .trade("2025-01-01T12:00:10Z", "8.00", "1")    // its minute starts 30 s before the window
                .trade("2025-01-01T12:01:05Z", "10.00", "1")   // the first minute within it
                .trade("2025-01-01T12:01:50Z", "9.00", "1")
                .trade("2025-01-02T11:00:00Z", "10.25", "1"));

        assertThat(instruments(NOW)).containsExactly(new InstrumentMarketView("ACME", "Acme Corp", "10.25", "2.50"));
        assertThat(instruments(Instant.parse("2025-01-02T12:00:00Z")))
                .as("24 h back to the minute: the 12:00 candle is in").extracting(InstrumentMarketView::change24h)
                .containsExactly("28.12"); // (10.25 - 8.00) / 8.00 = 28.125 %, half-even to the even 2
    }

    @Test
    void withoutTradesInTheLast24HoursTheChangeIsZeroAndBeforeTheFirstTradeBothAreNull() {
        book(CandleEvents.book("BETA").trade("2024-12-30T09:00:00Z", "5.00", "1"));
        book(CandleEvents.acme());

        assertThat(instruments(NOW)).containsExactly(
                new InstrumentMarketView("ACME", "Acme Corp", null, null),
                new InstrumentMarketView("BETA", "BETA Inc", "5.00", "0.00"));
    }

    @Test
    void aFallIsNegativeAndRoundsHalfEven() {
        assertThat(InstrumentMarketQueryHandler.changePercent(800, 799)).isEqualTo("-0.12"); // -0.125
        assertThat(InstrumentMarketQueryHandler.changePercent(800, 803)).isEqualTo("0.38");  // 0.375
        assertThat(InstrumentMarketQueryHandler.changePercent(300, 301)).isEqualTo("0.33");
        assertThat(InstrumentMarketQueryHandler.changePercent(1000, 1000)).isEqualTo("0.00");
    }
}
