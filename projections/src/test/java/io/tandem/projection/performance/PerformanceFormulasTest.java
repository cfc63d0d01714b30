package io.tandem.projection.performance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class PerformanceFormulasTest {

    @Test
    void theWorkedExampleOfTheJavadocHolds() {
        PerformanceFormulas.Chain chain = new PerformanceFormulas.Chain(0)
                .day(100_000, PerformanceFormulas.DayFlows.NONE.plus(100_000, 0))
                .day(110_000)
                .day(99_000)
                .day(150_000, PerformanceFormulas.DayFlows.NONE.plus(50_000, 100_000));

        assertThat(chain.index()).isEqualByComparingTo("1.000000000000");
        assertThat(chain.returnPercent()).isEqualTo("0.00");
        assertThat(chain.maxDrawdownPercent()).isEqualTo("10.00");
        assertThat(chain.volatilityPercent()).isEqualTo("156.29");
        assertThat(PerformanceFormulas.riskScore(chain.volatilityPercent())).isEqualTo(10);
        assertThat(chain.days()).isEqualTo(4);
    }

    @Test
    void factorsAreRoundedHalfEvenToTwelveDecimalsAndOneWithoutAPositiveStart() {
        assertThat(PerformanceFormulas.factor(2, 3)).isEqualByComparingTo("0.666666666667");
        assertThat(PerformanceFormulas.factor(1, 8).scale()).isEqualTo(12);
        assertThat(PerformanceFormulas.factor(500, 0)).isEqualByComparingTo("1");
        assertThat(PerformanceFormulas.factor(500, -100)).isEqualByComparingTo("1");
        assertThat(PerformanceFormulas.growth(2, 3, PerformanceFormulas.DayFlows.NONE)).isEqualByComparingTo("0.666666666667");
    }

    @Test
    void aDayRecordedBeforeFlowsWereValuedKeepsTheStartOfDayReading() {
        assertThat(PerformanceFormulas.growth(150_000, 99_000, PerformanceFormulas.DayFlows.unvalued(50_000)))
                .isEqualByComparingTo("1.006711409396");
        assertThat(PerformanceFormulas.growth(500, 100, PerformanceFormulas.DayFlows.unvalued(-100))).isEqualByComparingTo("1");
    }

    @Test
    void aFlowSplitsTheDayAndItsSubPeriodFactorsMultiply() {
        // worth 1000.00 at the start, 1010.00 when 999.99 is withdrawn, 10.01 at the close: g = 1.01, not 1001
        PerformanceFormulas.DayFlows withdrawal = PerformanceFormulas.DayFlows.NONE.plus(-99_999, 101_000);
        assertThat(PerformanceFormulas.growth(1_001, 100_000, withdrawal)).isEqualByComparingTo("1.01");
        // worth 1000.00, then 900.00 at a deposit of 9000.00 at the end of a losing day: the loss stays -10 %
        PerformanceFormulas.DayFlows lateDeposit = PerformanceFormulas.DayFlows.NONE.plus(900_000, 90_000);
        assertThat(PerformanceFormulas.growth(990_000, 100_000, lateDeposit)).isEqualByComparingTo("0.9");
        // two flows: 100 -> 110 (deposit 90) 200 -> 180 (withdraw 80) 100 -> 105 at the close
        PerformanceFormulas.DayFlows two = PerformanceFormulas.DayFlows.NONE.plus(90, 110).plus(-80, 180);
        assertThat(two.innerGrowth()).isEqualByComparingTo("0.9");
        assertThat(two.lastStartCents()).isEqualTo(100);
        // (1.1 x 0.9) x 1.05 = 1.0395
        assertThat(PerformanceFormulas.growth(105, 100, two)).isEqualByComparingTo("1.0395");
    }

    @Test
    void eachProductOfTheIndexIsRoundedToTwelveDecimals() {
        assertThat(PerformanceFormulas.chain(new BigDecimal("0.999999999999"), new BigDecimal("0.999999999999")))
                .isEqualTo(new BigDecimal("0.999999999998"));
        assertThat(PerformanceFormulas.chain(new BigDecimal("1.000000000001"), new BigDecimal("1.5")))
                .isEqualTo(new BigDecimal("1.500000000002")); // 1.5000000000015 half-even
    }

    @Test
    void returnAndPercentagesRoundHalfEvenToTwoDecimals() {
        assertThat(PerformanceFormulas.returnPercent(new BigDecimal("1.000125000000"))).isEqualTo("0.01");
        assertThat(PerformanceFormulas.returnPercent(new BigDecimal("1.000135000000"))).isEqualTo("0.01");
        assertThat(PerformanceFormulas.returnPercent(new BigDecimal("1.000150000000"))).isEqualTo("0.02");
        assertThat(PerformanceFormulas.returnPercent(new BigDecimal("0.999950000000"))).isEqualTo("0.00");
        assertThat(PerformanceFormulas.returnPercent(new BigDecimal("1.000000000000"))).isEqualTo("0.00");
    }

    @Test
    void theMaxDrawdownIsTheLargestFallFromTheRunningPeakNotFromTheStart() {
        PerformanceFormulas.Chain chain = new PerformanceFormulas.Chain(100_000)
                .day(200_000)   // I = 2, peak
                .day(150_000)   // I = 1.5, 25% below the peak
                .day(300_000)   // I = 3, new peak
                .day(240_000);  // I = 2.4, 20% below

        assertThat(chain.maxDrawdownPercent()).isEqualTo("25.00");
        assertThat(chain.returnPercent()).isEqualTo("140.00");
        assertThat(new PerformanceFormulas.Chain(100).day(110).day(120).maxDrawdownPercent()).isEqualTo("0.00");
    }

    @Test
    void volatilityIsNullBelowTwoDaysAndZeroForAFlatSeries() {
        assertThat(new PerformanceFormulas.Chain(0).volatilityPercent()).isNull();
        assertThat(new PerformanceFormulas.Chain(100).day(110).volatilityPercent()).isNull();
        assertThat(new PerformanceFormulas.Chain(100).day(100).day(100).volatilityPercent()).isEqualTo("0.00");
        assertThat(PerformanceFormulas.riskScore(null)).isNull();
    }

    @Test
    void volatilityIsTheAnnualizedSampleStandardDeviationOfDailyReturns() {
        // returns 0.01 and -0.01: mean 0, sample variance 0.0002, sd 0.0141421356..., x sqrt(365) = 0.270185...
        PerformanceFormulas.Chain chain = new PerformanceFormulas.Chain(10_000).day(10_100).day(9_999);

        assertThat(chain.volatilityPercent()).isEqualTo("27.02");
    }

    @ParameterizedTest(name = "volatility {0}% -> risk {1}")
    @CsvSource({"0.00,1", "1.00,1", "1.01,2", "5.00,2", "5.01,3", "10.00,3", "10.01,4", "15.00,4", "15.01,5", "20.00,5",
            "20.01,6", "25.00,6", "25.01,7", "35.00,7", "35.01,8", "50.00,8", "50.01,9", "75.00,9", "75.01,10", "900.00,10"})
    void riskBandsIncludeTheirUpperEdge(String volatility, int risk) {
        assertThat(PerformanceFormulas.riskScore(volatility)).isEqualTo(risk);
    }

    @Test
    void winRateIsWinningSellsOverSellsNullWithoutSells() {
        assertThat(PerformanceFormulas.winRatePercent(0, 0)).isNull();
        assertThat(PerformanceFormulas.winRatePercent(3, 1)).isEqualTo("33.33");
        assertThat(PerformanceFormulas.winRatePercent(3, 2)).isEqualTo("66.67");
        assertThat(PerformanceFormulas.winRatePercent(8, 1)).isEqualTo("12.50");
        assertThat(PerformanceFormulas.winRatePercent(4, 4)).isEqualTo("100.00");
    }

    @Test
    void aSellTakesItsShareOfTheCostHalfEvenAndAllOfItWhenEmptied() {
        assertThat(PerformanceFormulas.costShare(16_032, 4, 15)).isEqualTo(4_275); // 4275.2
        assertThat(PerformanceFormulas.costShare(5, 1, 2)).isEqualTo(2);          // 2.5 half-even
        assertThat(PerformanceFormulas.costShare(7, 1, 2)).isEqualTo(4);          // 3.5 half-even
        assertThat(PerformanceFormulas.costShare(10_001, 3, 3)).isEqualTo(10_001);
    }

    @Test
    void theAveragePriceIsTheCostPerUnitRoundedHalfEvenToATick() {
        BigDecimal tick = new BigDecimal("0.01");
        BigDecimal lot = new BigDecimal("0.0001");
        assertThat(PerformanceFormulas.averagePriceTicks(11_757, 110_000, tick, lot)).isEqualTo(1_069); // 10.688...
        assertThat(PerformanceFormulas.averagePriceTicks(1_005, 100_000, tick, lot)).isEqualTo(100);   // 1.005 -> 1.00
        assertThat(PerformanceFormulas.averagePriceTicks(1_015, 100_000, tick, lot)).isEqualTo(102);   // 1.015 -> 1.02
    }
}
