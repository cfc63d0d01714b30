package io.tandem.infra.readmodel;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.tandem.contracts.account.AccountOpenedEvent;
import io.tandem.contracts.account.CashAdjustedEvent;
import io.tandem.contracts.common.*;
import io.tandem.projection.portfolio.AccountProjector;
import io.tandem.projection.support.ProjectionGaps;
import io.tandem.projection.support.StreamGapException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A projection stuck on a missing event turns the health DEGRADED once the bounded wait is over, and UP again when it arrives. */
class ProjectionGapReportingTest {

    private static final AccountId ALICE = AccountId.of("acc-alice");

    private MongoServer server;
    private MongoClient client;
    private AccountProjector projector;

    @BeforeEach
    void start() {
        ProjectionGaps.clear();
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bindAndGetConnectionString().replace("mongodb://", ""));
        projector = new AccountProjector(client.getDatabase("gaps"));
    }

    @AfterEach
    void stop() {
        ProjectionGaps.clear();
        ProjectionGaps.reportAfter(Duration.ofMinutes(1));
        client.close();
        server.shutdownNow();
    }

    private CashAdjustedEvent credit(String id) {
        return new CashAdjustedEvent(ALICE, AdjustmentId.of(id), Cash.parse("1.00"), "x", UserId.of("admin"));
    }

    @Test
    void aGapOpenPastTheConfiguredWaitIsDownWithWhatIsMissingAndClosesWhenTheEventArrives() {
        HealthIndicator health = new ProjectionGapReporting(Duration.ZERO).projectionGapsHealthIndicator();
        projector.on(new AccountOpenedEvent(ALICE, UserId.of("alice"), AccountType.TRADING), 0);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        assertThatThrownBy(() -> projector.on(credit("a-3"), 3)).isInstanceOf(StreamGapException.class);

        var down = health.health();
        assertThat(down.getStatus()).isEqualTo(ProjectionGapReporting.DEGRADED);
        assertThat(down.getDetails().get("overdueGaps")).isEqualTo(List.of(Map.of(
                "projection", "portfolio_streams", "aggregate", "acc-alice", "missing", "1..2",
                "since", ProjectionGaps.open().get(0).since().toString())));

        projector.on(credit("a-1"), 1);
        projector.on(credit("a-2"), 2);
        projector.on(credit("a-3"), 3);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void withinTheWaitAGapIsOpenButNotYetDown() {
        HealthIndicator health = new ProjectionGapReporting(Duration.ofMinutes(5)).projectionGapsHealthIndicator();
        projector.on(new AccountOpenedEvent(ALICE, UserId.of("alice"), AccountType.TRADING), 0);

        assertThatThrownBy(() -> projector.on(credit("a-2"), 2)).isInstanceOf(StreamGapException.class);

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getDetails()).containsEntry("openGaps", 1);
    }
}
