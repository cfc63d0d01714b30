package io.tandem.infra.readmodel;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tandem.projection.support.ProjectionGaps;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Makes a projection that waits on a missing event visible ({@link ProjectionGaps}): after
 * {@code tandem.projections.gap-report-after} (default one minute) of retrying, the gap is logged as
 * an error, the {@code projectionGaps} health contributor turns DOWN with the projection, aggregate
 * and missing sequence numbers in its details, and the gauge {@code tandem.projection.gaps} counts
 * the open gaps (overdue or not) for alerting.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionGapReporting {

    public ProjectionGapReporting(@Value("${tandem.projections.gap-report-after:PT1M}") Duration reportAfter) {
        ProjectionGaps.reportAfter(reportAfter);
    }

    @Bean
    public HealthIndicator projectionGapsHealthIndicator() {
        return () -> {
            List<ProjectionGaps.OpenGap> overdue = ProjectionGaps.overdue();
            if (overdue.isEmpty()) {
                return Health.up().withDetail("openGaps", ProjectionGaps.open().size()).build();
            }
            return Health.down().withDetail("overdueGaps", overdue.stream().map(gap -> Map.of(
                    "projection", gap.projection(),
                    "aggregate", gap.aggregateId(),
                    "missing", (gap.head() + 1) + ".." + (gap.next() - 1),
                    "since", gap.since().toString())).toList()).build();
        };
    }

    @Bean
    public MeterBinder projectionGapsGauge() {
        return registry -> Gauge.builder("tandem.projection.gaps", () -> ProjectionGaps.open().size())
                .description("Aggregates whose projection is holding a batch back for a missing event")
                .register(registry);
    }
}
