package io.tandem.projection.performance;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.leaderboard.FindLeaderboardQuery;
import io.tandem.contracts.leaderboard.FindTraderStatsQuery;
import io.tandem.contracts.leaderboard.LeaderboardPage;
import io.tandem.contracts.leaderboard.Period;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.MongoReadModelTest;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mock.env.MockEnvironment;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.tandem.projection.performance.PerformanceDocuments.*;
import static io.tandem.projection.performance.PerformanceWorld.*;
import static io.tandem.projection.support.ProjectionBatches.oneByOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * How rankings are published and who publishes them: by generation (a reader sees a whole run, an
 * interrupted run is invisible and rolled back), by one node at a time (the lease), with generations
 * from the store, and never from a model that is being rebuilt (the progress port, the reset count)
 * or split over segments (the start-up check).
 * alice holds 50 ACME bought at 10.00 (return 10.00 on day 2 at 12.00), bob nothing (0.00).
 */
class LeaderboardRunsTest extends MongoReadModelTest {

    private static final LocalDate D2 = D1.plusDays(1);

    private PerformanceProjector projector;

    @BeforeEach
    void traders() {
        PerformanceWorld.listAcme(database);
        projector = new PerformanceProjector(database);
        oneByOne(projector, new PerformanceWorld().trade("10.00", at(D1, 8))
                .open("acc-alice", "u-alice", AccountType.TRADING, at(D1, 9)).deposit("acc-alice", "1000.00", at(D1, 9))
                .profile("u-alice", "alice", "acc-alice", at(D1, 9)).buy("acc-alice", "50", "500.00", "0.00", at(D1, 10))
                .open("acc-bob", "u-bob", AccountType.TRADING, at(D1, 9)).deposit("acc-bob", "1000.00", at(D1, 9))
                .profile("u-bob", "bob", "acc-bob", at(D1, 9))
                .trade("12.00", at(D2, 10)).events());
    }

    private PerformanceQueryHandler queries() {
        return new PerformanceQueryHandler(database, new InstrumentFormats(database), clockAt(D2, 23));
    }

    private LeaderboardRanker ranker(String holder, Clock clock, ProjectionProgress progress) {
        return new LeaderboardRanker(database, clock, progress, holder, Duration.ofMinutes(2));
    }

    private String returnOf(PerformanceQueryHandler queries, String user) {
        return queries.handle(new FindTraderStatsQuery(UserId.of(user), Period.D7)).returnPercent();
    }

    @Test
    void aRunStillWritingOrInterruptedIsInvisibleAndTheNextRunRollsItBack() {
        LeaderboardRanker ranker = ranker("node-a", clockAt(D2, 20), ProjectionProgress.ALWAYS);
        assertThat(ranker.rank()).isTrue();
        MongoCollection<Document> rows = database.getCollection(ReadModelCollections.LEADERBOARD);
        long published = new LeaderboardStore(database).published();
        // a run of the next generation that wrote part of its rows and died before publishing
        RankerLease lease = new RankerLease(database.getCollection(ReadModelCollections.LEADERBOARD_RANKER), "node-a",
                Duration.ofMinutes(2), clockAt(D2, 20));
        assertThat(lease.acquire()).isTrue();
        long interrupted = new LeaderboardStore(database).allocate(published, lease.fence());
        Document alice = rows.find(Filters.and(Filters.eq(USER_ID, "u-alice"), Filters.eq(PERIOD, "D7"))).first();
        rows.updateOne(Filters.eq("_id", alice.getString("_id")), com.mongodb.client.model.Updates.set(UNTIL, interrupted));
        rows.insertOne(new Document(alice).append("_id", "half-written").append(FROM, interrupted).append(RETURN_PERCENT, "999.00"));

        PerformanceQueryHandler queries = queries();
        assertThat(returnOf(queries, "u-alice")).as("the published generation, whole").isEqualTo("10.00");
        assertThat(queries.handle(new FindLeaderboardQuery(Period.D7, null, 10, null, null, null)).items()).hasSize(2);

        assertThat(ranker("node-b", clockAt(D2, 20), ProjectionProgress.ALWAYS).rank()).isFalse(); // node-a holds the lease
        assertThat(ranker.rank()).isTrue();
        assertThat(rows.find(Filters.eq("_id", "half-written")).first()).as("rolled back").isNull();
        assertThat(new LeaderboardStore(database).published()).isGreaterThan(interrupted);
        LeaderboardPage page = queries().handle(new FindLeaderboardQuery(Period.D7, null, 10, null, null, null));
        assertThat(page.items()).extracting(e -> e.stats().returnPercent()).containsExactly("10.00", "0.00");
        assertThat(rows.countDocuments(Filters.eq(UNTIL, null))).isEqualTo(2L * Period.values().length);
    }

    @Test
    void rowsStoredBeforeGenerationsAreShownUntilTheFirstNewRunReplacesThem() {
        MongoCollection<Document> rows = database.getCollection(ReadModelCollections.LEADERBOARD);
        for (Period period : Period.values()) {
            rows.insertOne(new Document("_id", rankingId(period.name(), "u-alice")).append(PERIOD, period.name())
                    .append(USER_ID, "u-alice").append(HANDLE, "alice").append(DISPLAY_NAME, "ALICE").append(RETURN_PERCENT, "1.00")
                    .append(MAX_DRAWDOWN_PERCENT, "0.00").append(VOLATILITY_PERCENT, null).append(RISK_SCORE, null)
                    .append(COPIERS, 0L).append(ASSETS_UNDER_COPY, "0.00").append(WIN_RATE_PERCENT, null).append(TRADES, 1L));
        }
        database.getCollection(ReadModelCollections.LEADERBOARD_RUNS).insertOne(new Document("_id", runId(5)).append(GENERATION, 5L)
                .append(COMPUTED_AT, at(D2, 19).toString()));
        assertThat(returnOf(queries(), "u-alice")).as("the old ranking").isEqualTo("1.00");

        assertThat(ranker("node-a", clockAt(D2, 20), ProjectionProgress.ALWAYS).rank()).isTrue();
        assertThat(new LeaderboardStore(database).published()).isEqualTo(6);
        LeaderboardPage page = queries().handle(new FindLeaderboardQuery(Period.D7, null, 10, null, null, null));
        assertThat(page.items()).extracting(e -> e.stats().returnPercent()).containsExactly("10.00", "0.00");
        assertThat(rows.countDocuments(Filters.and(Filters.exists(FROM, false), Filters.eq(UNTIL, 6L))))
                .as("closed at the new generation, pruned later").isEqualTo(Period.values().length);
    }

    @Test
    void onlyTheLeaseHolderRanksAndAnotherNodeTakesOverWithTheStoresNextGeneration() {
        LeaderboardRanker a = ranker("node-a", clockAt(D2, 20), ProjectionProgress.ALWAYS);
        LeaderboardRanker b = ranker("node-b", clockAt(D2, 20), ProjectionProgress.ALWAYS);
        assertThat(a.rank()).isTrue();
        assertThat(b.rank()).isFalse();
        long first = new LeaderboardStore(database).published();

        a.release();
        assertThat(b.rank()).isTrue();
        assertThat(new LeaderboardStore(database).published()).isEqualTo(first + 1);
        assertThat(a.rank()).as("b holds it now").isFalse();

        LeaderboardRanker later = ranker("node-a", clockAt(D2, 21), ProjectionProgress.ALWAYS);
        assertThat(later.rank()).as("b's lease expired").isTrue();
        assertThat(new LeaderboardStore(database).published()).isEqualTo(first + 2);
        assertThat(returnOf(queries(), "u-alice")).isEqualTo("10.00");
    }

    @Test
    void noRunWhileTheProcessorCatchesUpAndAResetDropsWhatTheRankerCached() {
        AtomicBoolean caughtUp = new AtomicBoolean(false);
        LeaderboardRanker ranker = ranker("node-a", clockAt(D2, 20), caughtUp::get);
        assertThat(ranker.rank()).isFalse();
        assertThat(queries().handle(new FindLeaderboardQuery(Period.D7, null, 10, null, null, null)).items()).isEmpty();

        caughtUp.set(true);
        assertThat(ranker.rank()).isTrue();
        assertThat(returnOf(queries(), "u-alice")).isEqualTo("10.00");

        // the model is reset and rebuilt with different history between two runs
        projector.reset();
        PerformanceWorld.listAcme(database);
        oneByOne(projector, new PerformanceWorld().trade("10.00", at(D1, 8))
                .open("acc-alice", "u-alice", AccountType.TRADING, at(D1, 9)).deposit("acc-alice", "2000.00", at(D1, 9))
                .profile("u-alice", "alice", "acc-alice", at(D1, 9)).buy("acc-alice", "50", "500.00", "0.00", at(D1, 10))
                .trade("11.00", at(D2, 10)).events());
        assertThat(ranker.rank()).isTrue();
        // day 1 ends at 2000.00 now (g = 1), day 2 at 1500.00 + 550.00: 2.50 %; the day 1 cached before the reset
        // (E = 1000.00) would give 2050 / 1000: 105.00 %
        assertThat(returnOf(queries(), "u-alice")).as("not the cached days of before the reset").isEqualTo("2.50");
        assertThat(queries().handle(new FindTraderStatsQuery(UserId.of("u-bob"), Period.D7))).isNull();
    }

    @Test
    void theProgressPortIsOpenOnlyWhenAxonsPerformanceProcessorRunsCaughtUpAndNotReplaying() {
        assertThat(PerformanceConfiguration.caughtUp(null)).as("no Axon: projected synchronously").isTrue();
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        assertThat(PerformanceConfiguration.caughtUp(processing)).as("no performance processor here").isFalse();

        StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
        EventTrackerStatus segment = mock(EventTrackerStatus.class);
        when(processing.eventProcessor(PerformanceProjector.PROCESSING_GROUP)).thenReturn(Optional.of(processor));
        when(processor.isRunning()).thenReturn(true);
        when(processor.processingStatus()).thenReturn(Map.of(0, segment));
        when(segment.isCaughtUp()).thenReturn(true);
        assertThat(PerformanceConfiguration.caughtUp(processing)).isTrue();

        when(segment.isCaughtUp()).thenReturn(false);
        assertThat(PerformanceConfiguration.caughtUp(processing)).as("catching up").isFalse();
        when(segment.isCaughtUp()).thenReturn(true);
        when(processor.isReplaying()).thenReturn(true);
        assertThat(PerformanceConfiguration.caughtUp(processing)).as("replaying").isFalse();
        when(processor.isReplaying()).thenReturn(false);
        when(processor.processingStatus()).thenReturn(Map.of());
        assertThat(PerformanceConfiguration.caughtUp(processing)).as("no segment claimed").isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theApplicationRefusesToStartWithMoreThanOneSegmentOfThePerformanceGroup() {
        PerformanceConfiguration configuration = new PerformanceConfiguration();
        ObjectProvider<TokenStore> noTokenStore = mock(ObjectProvider.class);
        assertThatThrownBy(() -> configuration.performanceRunsInOneSegment(
                new MockEnvironment().withProperty(PerformanceConfiguration.SEGMENTS_PROPERTY, "2"), noTokenStore)
                .afterSingletonsInstantiated()).isInstanceOf(IllegalStateException.class).hasMessageContaining("one segment");

        TokenStore tokenStore = mock(TokenStore.class);
        ObjectProvider<TokenStore> tokenStores = mock(ObjectProvider.class);
        when(tokenStores.getIfAvailable()).thenReturn(tokenStore);
        when(tokenStore.fetchSegments(PerformanceProjector.PROCESSING_GROUP)).thenReturn(new int[]{0, 1});
        assertThatThrownBy(() -> configuration.performanceRunsInOneSegment(new MockEnvironment(), tokenStores)
                .afterSingletonsInstantiated()).isInstanceOf(IllegalStateException.class).hasMessageContaining("2 segments");

        when(tokenStore.fetchSegments(PerformanceProjector.PROCESSING_GROUP)).thenReturn(new int[]{0});
        configuration.performanceRunsInOneSegment(
                new MockEnvironment().withProperty(PerformanceConfiguration.SEGMENTS_PROPERTY, "1"), tokenStores)
                .afterSingletonsInstantiated();
    }
}
