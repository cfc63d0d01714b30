package io.tandem.projection.support;

import io.tandem.projection.follow.RelationProjector;
import io.tandem.projection.marketdata.CandleProjector;
import io.tandem.projection.marketdata.OrderBookProjector;
import io.tandem.projection.payment.PaymentProjector;
import io.tandem.projection.portfolio.AccountProjector;
import io.tandem.projection.portfolio.OrderProjector;
import io.tandem.projection.profile.ProfileProjector;
import io.tandem.projection.copy.CopyProjector;
import io.tandem.projection.performance.PerformanceProjector;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A projector that follows an aggregate's stream ({@link AggregateStreams}) must handle every event
 * type of that aggregate, or the first event of a type it lacks would look like a gap and stop the
 * projection. Each aggregate's events live in its own contracts package, so a new event type there
 * without a handler fails this test instead of stalling production.
 */
class AggregateStreamCoverageTest {

    @ParameterizedTest(name = "{0} handles every event of io.tandem.contracts.{1}")
    @CsvSource({
            "AccountProjector, account",
            "OrderProjector, orderbook",
            "OrderBookProjector, orderbook",
            "CandleProjector, orderbook",
            "PaymentProjector, payment",
            "RelationProjector, follow",
            "ProfileProjector, profile",
            "CopyProjector, copy",
            "PerformanceProjector, account"})
    void aProjectorFollowingAStreamHandlesEveryEventOfItsAggregate(String projector, String contractsPackage) throws Exception {
        Class<?> type = switch (projector) {
            case "AccountProjector" -> AccountProjector.class;
            case "OrderProjector" -> OrderProjector.class;
            case "OrderBookProjector" -> OrderBookProjector.class;
            case "CandleProjector" -> CandleProjector.class;
            case "RelationProjector" -> RelationProjector.class;
            case "ProfileProjector" -> ProfileProjector.class;
            case "CopyProjector" -> CopyProjector.class;
            case "PerformanceProjector" -> PerformanceProjector.class;
            default -> PaymentProjector.class;
        };

        Set<String> handled = Arrays.stream(type.getMethods())
                .filter(method -> method.isAnnotationPresent(EventHandler.class))
                .map(Method::getParameterTypes)
                .filter(parameters -> parameters.length > 0)
                .map(parameters -> parameters[0].getSimpleName())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(handled).containsAll(eventsOf(contractsPackage));
    }

    private static Set<String> eventsOf(String contractsPackage) throws Exception {
        Resource[] classes = new PathMatchingResourcePatternResolver()
                .getResources("classpath*:io/tandem/contracts/" + contractsPackage + "/*Event.class");
        Set<String> events = new TreeSet<>();
        for (Resource resource : classes) {
            events.add(resource.getFilename().replace(".class", ""));
        }
        assertThat(events).as("events found in io.tandem.contracts.%s", contractsPackage).hasSizeGreaterThanOrEqualTo(3);
        return events;
    }
}
