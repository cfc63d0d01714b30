package io.tandem.infra.readmodel;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tandem.projection.support.ProjectionGaps;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Makes a projection that waits on a missing event visible ({@link ProjectionGaps}): after
 * {@code tandem.projections.gap-report-after} (default one minute) of retrying, the gap is logged as
 * an error, the {@code projectionGaps} health contributor turns {@link #DEGRADED} with the
 * projection, aggregate and missing sequence numbers in its details, and the gauge
 * {@code tandem.projection.gaps} counts the open gaps (overdue or not) for alerting.
 * <p>
 * DEGRADED, not DOWN: order entry and settlement do not read the read models, so a stale read model
 * must not make a load balancer or an orchestrator take the node out (or restart it in a loop, which
 * would not bring the event back). The status sorts between OUT_OF_SERVICE and UP and answers HTTP
 * 200 ({@code management.endpoint.health.status} in application.yml); alert on it or on the gauge.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionGapReporting {

    /** Serving, but a read model is held back by a missing event. */
    public static final Status DEGRADED = new Status("DEGRADED", "a read model is waiting on a missing event");

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
            return Health.status(DEGRADED).withDetail("overdueGaps", overdue.stream().map(gap -> Map.of(
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
