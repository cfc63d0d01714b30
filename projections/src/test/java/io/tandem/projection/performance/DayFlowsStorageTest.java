package io.tandem.projection.performance;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static io.tandem.projection.performance.PerformanceDocuments.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Valuation days and valuations store a day's flows so that they read back the same, and documents
 * written before flows were valued (only the net {@code flow}) keep the start-of-day reading for that
 * day instead of failing or inventing sub-periods.
 */
class DayFlowsStorageTest {

    private static final LocalDate ON = LocalDate.of(2026, 1, 5);

    @Test
    void aDaysFlowsReadBackAsStored() {
        Valuation valuation = new Valuation("acc-1");
        valuation.at(ON, 0);
        valuation.cash = 100_00;
        valuation.flow(100_00, 0);
        valuation.flow(-40_00, 120_00);

        PerformanceFormulas.DayFlows stored = EquitySeries.State.ofDay(valuation.dayDocument()).flows();
        assertThat(stored).isEqualTo(valuation.dayFlows);
        assertThat(stored.netCents()).isEqualTo(60_00);
        assertThat(stored.firstValueCents()).isZero();
        assertThat(stored.innerGrowth()).isEqualByComparingTo("1.2");
        assertThat(stored.lastStartCents()).isEqualTo(80_00);
        assertThat(Valuation.of("acc-1", valuation.toDocument()).dayFlows).isEqualTo(stored);
    }

    @Test
    void aDocumentWithoutFlowValuesKeepsItsNetFlowAsAStartOfDayFlow() {
        Document legacyDay = new Document(ACCOUNT_ID, "acc-1").append(DAY, ON.toString()).append(CASH, 150_000L)
                .append(NET_DEPOSITS, 150_000L).append(POSITIONS, new Document()).append(FLOW, 50_000L);
        PerformanceFormulas.DayFlows flows = EquitySeries.State.ofDay(legacyDay).flows();
        assertThat(flows).isEqualTo(PerformanceFormulas.DayFlows.unvalued(50_000));
        assertThat(PerformanceFormulas.growth(150_000, 99_000, flows)).isEqualByComparingTo("1.006711409396");

        Document legacyValuation = new Document(CASH, 150_000L).append(NET_DEPOSITS, 150_000L).append(FIRST_DAY, ON.toString())
                .append(DAY, ON.toString()).append(DAY_FLOW, 50_000L);
        Valuation valuation = Valuation.of("acc-1", legacyValuation);
        valuation.at(ON, 9);
        valuation.flow(1_000, 150_000);
        assertThat(valuation.dayFlows).as("the rest of a day begun unvalued stays unvalued")
                .isEqualTo(PerformanceFormulas.DayFlows.unvalued(51_000));
        valuation.at(ON.plusDays(1), 10);
        valuation.flow(1_000, 151_000);
        assertThat(valuation.dayFlows.firstValueCents()).as("the next day is valued").isEqualTo(151_000);
    }

    @Test
    void aDayWithoutFlowsStoresNoFlowValues() {
        Valuation valuation = new Valuation("acc-1");
        valuation.at(ON, 0);
        Document day = valuation.dayDocument();
        assertThat(day.get(FLOW_VALUE)).isNull();
        assertThat(EquitySeries.State.ofDay(day).flows()).isEqualTo(PerformanceFormulas.DayFlows.NONE);
    }
}
