package io.tandem.projection.performance;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.leaderboard.FindTraderStatsQuery;
import io.tandem.contracts.leaderboard.Period;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.MongoReadModelTest;
import io.tandem.projection.support.Numbers;
import io.tandem.projection.support.ReadModelCollections;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.tandem.projection.performance.PerformanceDocuments.*;
import static io.tandem.projection.performance.PerformanceWorld.*;
import static io.tandem.projection.support.ProjectionBatches.oneByOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The leaderboard lease fences publication: a node whose lease expired while it ranked (a pause, a
 * slow run) and was taken by another never makes its generation visible, while a node that renewed
 * within its lease publishes as before; a ranker whose lease was reset under it (tokens start again at 1)
 * steps down; a late chunk of a node that lost the lease never shows in the holder's generation, nor in what
 * the next run builds on, wherever its write lands (its generation is recorded as abandoned); rows
 * stored before generations are closed only by a commit that won. Against the real read-model store,
 * with clocks the test moves.
 * alice holds 50 ACME bought at 10.00 (return 10.00 on day 2 at 12.00), bob nothing (0.00).
 */
class LeaderboardFencingTest extends MongoReadModelTest {

    private static final LocalDate D2 = D1.plusDays(1);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Instant T = at(D2, 20);

    @BeforeEach
    void traders() {
        PerformanceWorld.listAcme(database);
        oneByOne(new PerformanceProjector(database), new PerformanceWorld().trade("10.00", at(D1, 8))
                .open("acc-alice", "u-alice", AccountType.TRADING, at(D1, 9)).deposit("acc-alice", "1000.00", at(D1, 9))
                .profile("u-alice", "alice", "acc-alice", at(D1, 9)).buy("acc-alice", "50", "500.00", "0.00", at(D1, 10))
                .open("acc-bob", "u-bob", AccountType.TRADING, at(D1, 9)).deposit("acc-bob", "1000.00", at(D1, 9))
                .profile("u-bob", "bob", "acc-bob", at(D1, 9))
                .trade("12.00", at(D2, 10)).events());
    }

    private RankerLease lease(String holder, Clock clock) {
        return new RankerLease(database.getCollection(ReadModelCollections.LEADERBOARD_RANKER), holder, LEASE, clock);
    }

    private static Map<String, Document> aliceAt(String returnPercent) {
        return Map.of(rankingId("D7", "u-alice"), new Document(PERIOD, "D7").append(USER_ID, "u-alice")
                .append(RETURN_PERCENT, returnPercent));
    }

    private MongoCollection<Document> rows() {
        return database.getCollection(ReadModelCollections.LEADERBOARD);
    }

    private String returnOfAlice() {
        return new PerformanceQueryHandler(database, new InstrumentFormats(database), clockAt(D2, 23))
                .handle(new FindTraderStatsQuery(UserId.of("u-alice"), Period.D7)).returnPercent();
    }

    @Test
    void aPublicationAfterAnotherNodeTookTheExpiredLeaseIsRefusedAndItsRowsRolledBack() {
        LeaderboardStore store = new LeaderboardStore(database);
        TestClock clockA = new TestClock(T);
        RankerLease a = lease("node-a", clockA);
        RankerLease b = lease("node-b", Clock.fixed(T.plus(Duration.ofMinutes(3)), ZoneOffset.UTC));
        assertThat(a.acquire()).isTrue();
        RankerLease.Fence fenceA = a.fence();
        long generationA = store.allocate(store.published(), fenceA);
        // A writes its rows while it holds the lease (first read), then pauses past its end, and B takes over
        clockA.beforeRead(2, () -> {
            clockA.set(T.plus(Duration.ofMinutes(3)));
            assertThat(b.acquire()).isTrue();
        });

        assertThat(store.publish(generationA, aliceAt("1.00"), Map.of(), T, fenceA)).as("refused").isNull();

        assertThat(store.published()).isZero();
        assertThat(store.latestRun()).isNull();
        assertThat(rows().countDocuments(Filters.eq(FROM, generationA))).as("rolled back").isZero();

        RankerLease.Fence fenceB = b.fence();
        long generationB = store.allocate(store.published(), fenceB);
        assertThat(generationB).isGreaterThan(generationA);
        assertThat(store.publish(generationB, aliceAt("2.00"), Map.of(), T, fenceB)).isNotNull();
        assertThat(store.published()).isEqualTo(generationB);
        assertThat(store.current(generationB).values()).singleElement()
                .satisfies(row -> assertThat(row.getString(RETURN_PERCENT)).isEqualTo("2.00"));

        assertThat(store.allocate(store.published(), fenceA)).as("A's tenure allocates nothing any more").isEqualTo(-1);
        assertThat(store.publish(generationA, aliceAt("1.00"), store.current(generationB), T, fenceA)).isNull();
        assertThat(store.current(store.published()).values()).singleElement()
                .satisfies(row -> assertThat(row.getString(RETURN_PERCENT)).isEqualTo("2.00"));
    }

    @Test
    void aNodeThatRenewsWithinItsLeasePublishes() {
        LeaderboardStore store = new LeaderboardStore(database);
        TestClock clock = new TestClock(T);
        RankerLease a = lease("node-a", clock);
        assertThat(a.acquire()).isTrue();
        long token = a.token();
        clock.set(T.plus(Duration.ofSeconds(90)));
        assertThat(a.acquire()).as("renewed").isTrue();
        assertThat(a.token()).isEqualTo(token);
        assertThat(lease("node-b", clock).acquire()).isFalse();
        clock.set(T.plus(Duration.ofMinutes(3))); // past the first lease, within the renewed one

        long generation = store.allocate(store.published(), a.fence());
        assertThat(store.publish(generation, aliceAt("1.00"), Map.of(), T, a.fence())).isNotNull();
        assertThat(store.published()).isEqualTo(generation);
    }

    @Test
    void aRankerThatLostTheLeaseDuringItsRunDoesNotPublishOverTheNodeThatTookIt() {
        Clock later = Clock.fixed(T.plus(Duration.ofMinutes(3)), ZoneOffset.UTC);
        LeaderboardRanker b = new LeaderboardRanker(database, later, ProjectionProgress.ALWAYS, "node-b", LEASE);
        AtomicInteger checks = new AtomicInteger();
        // the second check comes after A computed its run: meanwhile A's lease expires, B ranks, publishes and lets go
        ProjectionProgress pausedMidRun = () -> {
            if (checks.incrementAndGet() == 2) {
                assertThat(b.rank()).isTrue();
                b.release();
            }
            return true;
        };
        LeaderboardRanker a = new LeaderboardRanker(database, new TestClock(T), pausedMidRun, "node-a", LEASE);

        assertThat(a.rank()).as("A's run began under a tenure another node ended").isFalse();

        LeaderboardStore store = new LeaderboardStore(database);
        assertThat(store.published()).isEqualTo(store.latestRun().getLong(GENERATION));
        assertThat(rows().countDocuments(Filters.eq(UNTIL, null))).as("B's rows, whole").isEqualTo(2L * Period.values().length);
        assertThat(rows().countDocuments(Filters.gt(FROM, store.published()))).isZero();
        assertThat(returnOfAlice()).isEqualTo("10.00");
    }

    @Test
    void aRankerWhoseLeaseRanOutWithNobodyTakingItOrThatRenewedInTimeStillPublishes() {
        TestClock clock = new TestClock(T);
        AtomicInteger checks = new AtomicInteger();
        ProjectionProgress slowRun = () -> {
            if (checks.incrementAndGet() % 2 == 0) {
                clock.set(clock.instant().plus(Duration.ofSeconds(checks.get() == 2 ? 90 : 180)));
            }
            return true;
        };
        LeaderboardRanker a = new LeaderboardRanker(database, clock, slowRun, "node-a", LEASE);

        assertThat(a.rank()).as("renewed within the lease").isTrue();
        long first = new LeaderboardStore(database).published();
        assertThat(a.rank()).as("its own lease ran out, nobody took it").isTrue();
        assertThat(new LeaderboardStore(database).published()).isEqualTo(first + 1);
        assertThat(returnOfAlice()).isEqualTo("10.00");
    }

    private MongoCollection<Document> control() {
        return database.getCollection(ReadModelCollections.LEADERBOARD_RANKER);
    }

    /** What B published, whole, and nothing of A. */
    private void onlyTheGenerationOfB(long generationOfB) {
        LeaderboardStore store = new LeaderboardStore(database);
        assertThat(store.published()).isEqualTo(generationOfB);
        assertThat(store.latestRun().getLong(GENERATION)).isEqualTo(generationOfB);
        assertThat(rows().countDocuments(Filters.eq(FROM, generationOfB))).as("B's rows, whole").isEqualTo(2L * Period.values().length);
        assertThat(rows().countDocuments(Filters.ne(FROM, generationOfB))).isZero();
        assertThat(returnOfAlice()).isEqualTo("10.00");
    }

    @Test
    void aRankerWhoseLeaseWasResetDuringItsRunStepsDownThoughItsTokenIsNowLower() {
        Clock clock = Clock.fixed(T, ZoneOffset.UTC);
        RankerLease earlier = lease("node-a", clock);
        for (int tenure = 1; tenure <= 4; tenure++) {
            assertThat(earlier.acquire()).isTrue();
            earlier.release();
        }
        LeaderboardRanker b = new LeaderboardRanker(database, clock, ProjectionProgress.ALWAYS, "node-b", LEASE);
        AtomicLong generationOfB = new AtomicLong();
        AtomicInteger checks = new AtomicInteger();
        // A ranks under token 5; after it computed, the ranker's state is reset (tokens start again at 1), B ranks and lets go
        ProjectionProgress resetMidRun = () -> {
            if (checks.incrementAndGet() == 2) {
                control().deleteOne(Filters.eq("_id", RankerLease.LEASE));
                assertThat(b.rank()).isTrue();
                generationOfB.set(new LeaderboardStore(database).published());
                b.release();
            }
            return true;
        };
        LeaderboardRanker a = new LeaderboardRanker(database, clock, resetMidRun, "node-a", LEASE);

        assertThat(a.rank()).as("A's tenure (token 5) ended by a reset; it takes the lease back as token 2").isFalse();

        Document lease = control().find(Filters.eq("_id", RankerLease.LEASE)).first();
        assertThat(lease.getString(RankerLease.HOLDER)).isEqualTo("node-a");
        assertThat(Numbers.longOf(lease, RankerLease.TOKEN)).isEqualTo(2L);
        onlyTheGenerationOfB(generationOfB.get());
    }

    @Test
    void aRankerThatFindsAGenerationPublishedDuringItsRunStepsDownThoughItsTokenIsTheSame() {
        Clock clock = Clock.fixed(T, ZoneOffset.UTC);
        LeaderboardRanker b = new LeaderboardRanker(database, clock, ProjectionProgress.ALWAYS, "node-b", LEASE);
        AtomicLong generationOfB = new AtomicLong();
        AtomicInteger checks = new AtomicInteger();
        // A ranks under token 1; meanwhile the ranker's state is reset, B ranks (token 1 too) and lets go, and it is reset
        // again: A takes the lease back as token 1, and only the store tells that another tenure came in between
        ProjectionProgress resetTwiceMidRun = () -> {
            if (checks.incrementAndGet() == 2) {
                control().deleteOne(Filters.eq("_id", RankerLease.LEASE));
                assertThat(b.rank()).isTrue();
                generationOfB.set(new LeaderboardStore(database).published());
                b.release();
                control().deleteOne(Filters.eq("_id", RankerLease.LEASE));
            }
            return true;
        };
        LeaderboardRanker a = new LeaderboardRanker(database, clock, resetTwiceMidRun, "node-a", LEASE);

        assertThat(a.rank()).as("B published during A's run").isFalse();

        assertThat(Numbers.longOf(control().find(Filters.eq("_id", RankerLease.LEASE)).first(), RankerLease.TOKEN)).isEqualTo(1L);
        onlyTheGenerationOfB(generationOfB.get());
    }

    @Test
    void aLateChunkOfANodeThatLostTheLeaseAndNeverRolledItBackIsNotInTheHoldersGeneration() {
        // A allocates the next generation and checks its tenure before its chunk; then it pauses past its lease, and B
        // takes over and allocates (rolling back A's generation, which has nothing yet)
        Paused paused = aRankingThenANodeAAllocatingTheNextGeneration();
        LeaderboardStore store = paused.store();
        long published = paused.published();
        Map<String, Document> current = paused.current();
        long generationA = paused.generationA();
        RankerLease b = lease("node-b", Clock.fixed(T.plus(Duration.ofMinutes(3)), ZoneOffset.UTC));
        assertThat(b.acquire()).isTrue();
        long generationB = store.allocate(store.published(), b.fence());
        assertThat(generationB).isGreaterThan(generationA);
        // A's chunk lands now (alice's D7 at 999.00, every other row of its generation closed), and A dies before it
        // could roll it back
        Document alice = current.get(rankingId("D7", "u-alice"));
        rows().insertOne(new Document(alice).append("_id", "late-of-a").append(FROM, generationA).append(RETURN_PERCENT, "999.00"));
        for (Document row : current.values()) {
            rows().updateOne(Filters.eq("_id", row.get("_id")), Updates.max(UNTIL, generationA));
        }

        assertThat(store.publish(generationB, current, current, T, b.fence())).as("B publishes its unchanged ranking").isNotNull();

        assertThat(store.published()).isEqualTo(generationB);
        assertThat(rows().countDocuments(Filters.eq(FROM, generationA))).as("A's late row").isZero();
        assertThat(rows().countDocuments(Filters.eq(UNTIL, generationA))).as("A's late closes").isZero();
        for (Period period : Period.values()) {
            assertThat(rows().countDocuments(LeaderboardStore.visibleAt(period.name(), generationB, store.abandoned()))).as(period.name()).isEqualTo(2);
        }
        assertThat(returnOfAlice()).isEqualTo("10.00");
    }

    /** A's chunk of {@code generationA}: alice's D7 at 999.00, and every other row of its generation closed. */
    private void lateChunkOfA(Map<String, Document> current, long generationA) {
        Document alice = current.get(rankingId("D7", "u-alice"));
        rows().insertOne(new Document(alice).append("_id", "late-of-a").append(FROM, generationA).append(RETURN_PERCENT, "999.00"));
        for (Document row : current.values()) {
            rows().updateOne(Filters.eq("_id", row.get("_id")), Updates.max(UNTIL, generationA));
        }
    }

    /** What readers of the published generation see: every trader in every period, alice at 10.00, none of A's chunk. */
    private void theRankingOfTheHolder() {
        LeaderboardStore store = new LeaderboardStore(database);
        long published = store.published();
        for (Period period : Period.values()) {
            assertThat(rows().countDocuments(LeaderboardStore.visibleAt(period.name(), published, store.abandoned())))
                    .as(period.name()).isEqualTo(2);
        }
        Map<String, Document> current = store.current(published);
        assertThat(current).hasSize(2 * Period.values().length);
        assertThat(current.get(rankingId("D7", "u-alice")).getString(RETURN_PERCENT)).isEqualTo("10.00");
        assertThat(current.values()).noneMatch(row -> "late-of-a".equals(row.getString("_id")));
        assertThat(returnOfAlice()).isEqualTo("10.00");
    }

    /** What a node A left when it paused past its lease right after allocating: the ranking before, and its generation. */
    private record Paused(LeaderboardStore store, long published, Map<String, Document> current, long generationA) {
    }

    /** A first ranking (by A), then A takes the lease again and allocates the next generation, and pauses. */
    private Paused aRankingThenANodeAAllocatingTheNextGeneration() {
        Clock clock = Clock.fixed(T, ZoneOffset.UTC);
        assertThat(new LeaderboardRanker(database, clock, ProjectionProgress.ALWAYS, "node-a", LEASE).rank()).isTrue();
        LeaderboardStore store = new LeaderboardStore(database);
        long published = store.published();
        Map<String, Document> current = store.current(published);
        RankerLease a = lease("node-a", clock);
        assertThat(a.acquire()).isTrue();
        long generationA = store.allocate(published, a.fence());
        return new Paused(store, published, current, generationA);
    }

    private Document leaseDocument() {
        return control().find(Filters.eq("_id", RankerLease.LEASE)).first();
    }

    @Test
    void aLateChunkOfANodeThatLostTheLeaseLandingBetweenTheHoldersLastCleanupAndItsCommitIsInvisible() {
        Paused paused = aRankingThenANodeAAllocatingTheNextGeneration();
        LeaderboardStore store = paused.store();
        long published = paused.published();
        Map<String, Document> current = paused.current();
        long generationA = paused.generationA();
        Instant later = T.plus(Duration.ofMinutes(3));
        TestClock clockB = new TestClock(later);
        RankerLease b = lease("node-b", clockB);
        assertThat(b.acquire()).isTrue();
        long generationB = store.allocate(store.published(), b.fence());
        assertThat(generationB).isGreaterThan(generationA);
        // B's ranking is unchanged (no chunk to write): it rolls back the generations below its own once more and commits
        // (its next read of the clock); A's chunk, sent before A paused past its lease, lands between the two, and A dies
        clockB.beforeRead(1, () -> lateChunkOfA(current, generationA));

        assertThat(store.publish(generationB, current, current, later, b.fence())).as("B publishes its unchanged ranking").isNotNull();

        assertThat(store.published()).isEqualTo(generationB);
        assertThat(rows().countDocuments(Filters.eq(FROM, generationA))).as("A's late row, still stored").isOne();
        assertThat(rows().countDocuments(Filters.eq(UNTIL, generationA))).as("A's late closes, still stored")
                .isEqualTo(2L * Period.values().length);
        theRankingOfTheHolder();

        assertThat(new LeaderboardRanker(database, Clock.fixed(later, ZoneOffset.UTC), ProjectionProgress.ALWAYS, "node-b", LEASE)
                .rank()).as("the next run, from what is visible").isTrue();
        assertThat(store.published()).isEqualTo(generationB + 1);
        assertThat(rows().countDocuments(Filters.eq(FROM, generationB + 1))).as("nothing changed, nothing rewritten").isZero();
        theRankingOfTheHolder();
    }

    @Test
    void aChunkOfAnAbandonedGenerationLandingAfterThePublicationIsInvisibleUntilItIsRolledBackForGood() {
        Paused paused = aRankingThenANodeAAllocatingTheNextGeneration();
        LeaderboardStore store = paused.store();
        long published = paused.published();
        Map<String, Document> current = paused.current();
        long generationA = paused.generationA();
        Instant later = T.plus(Duration.ofMinutes(3));
        LeaderboardRanker b = new LeaderboardRanker(database, Clock.fixed(later, ZoneOffset.UTC), ProjectionProgress.ALWAYS, "node-b",
                LEASE);
        assertThat(b.rank()).as("B takes the expired lease over and ranks").isTrue();
        long generationB = store.published();
        assertThat(generationB).isGreaterThan(generationA);

        lateChunkOfA(current, generationA); // after B's commit, and A dies

        theRankingOfTheHolder();
        assertThat(LeaderboardStore.Abandoned.of(leaseDocument()).ranges())
                .containsExactly(new LeaderboardStore.Range(published, generationB, later.toEpochMilli()));
        assertThat(b.rank()).isTrue();
        assertThat(rows().countDocuments(Filters.eq(FROM, generationB + 1))).as("nothing changed, nothing rewritten").isZero();
        theRankingOfTheHolder();

        // when the first run's document expires, the rows closed up to the oldest kept generation are pruned: not those
        // that A's late chunk closed, which are open
        database.getCollection(ReadModelCollections.LEADERBOARD_RUNS).updateOne(Filters.eq("_id", runId(published)),
                Updates.set(SUPERSEDED, 1L));
        for (int run = 0; run < LeaderboardStore.GENERATIONS_KEPT; run++) {
            assertThat(b.rank()).isTrue();
        }
        // 10 generations on, but within the hour: a write of A still in flight would land hidden
        assertThat(LeaderboardStore.Abandoned.of(leaseDocument()).ranges()).as("kept for an hour as well")
                .containsExactly(new LeaderboardStore.Range(published, generationB, later.toEpochMilli()));
        theRankingOfTheHolder();
        Instant anHourOn = later.plus(LeaderboardStore.ABANDONED_KEPT).plus(Duration.ofMinutes(1));
        assertThat(new LeaderboardRanker(database, Clock.fixed(anHourOn, ZoneOffset.UTC), ProjectionProgress.ALWAYS, "node-b",
                LEASE).rank()).isTrue();
        assertThat(leaseDocument().getList(LeaderboardStore.ABANDONED, Document.class)).as("forgotten once rolled back for good")
                .isEmpty();
        assertThat(rows().countDocuments(Filters.eq(FROM, generationA))).as("A's late row").isZero();
        assertThat(rows().countDocuments(Filters.eq(UNTIL, generationA))).as("A's late closes").isZero();
        theRankingOfTheHolder();
    }

    @Test
    void anAllocationFromAStaleReadOfThePublishedGenerationIsRefusedAndRecordsNothing() {
        Clock clock = Clock.fixed(T, ZoneOffset.UTC);
        LeaderboardStore store = new LeaderboardStore(database);
        long before = store.published();
        assertThat(new LeaderboardRanker(database, clock, ProjectionProgress.ALWAYS, "node-a", LEASE).rank()).isTrue();
        long published = store.published();
        assertThat(published).isGreaterThan(before);
        RankerLease a = lease("node-a", clock);
        assertThat(a.acquire()).isTrue();
        Document leaseBefore = leaseDocument();

        assertThat(store.allocate(before, a.fence())).as("a generation was committed above the one read").isEqualTo(-1);

        assertThat(leaseDocument().get(LeaderboardStore.ALLOCATED)).isEqualTo(leaseBefore.get(LeaderboardStore.ALLOCATED));
        assertThat(LeaderboardStore.Abandoned.of(leaseDocument()).ranges()).as("the committed generation is not abandoned")
                .isEmpty();
        theRankingOfTheHolder();
    }

    @Test
    void rowsStoredBeforeGenerationsAreClosedOnlyByACommitThatWon() {
        for (Period period : Period.values()) {
            rows().insertOne(new Document("_id", rankingId(period.name(), "u-alice")).append(PERIOD, period.name())
                    .append(USER_ID, "u-alice").append(HANDLE, "alice").append(RETURN_PERCENT, "1.00"));
        }
        database.getCollection(ReadModelCollections.LEADERBOARD_RUNS).insertOne(new Document("_id", runId(5)).append(GENERATION, 5L)
                .append(COMPUTED_AT, at(D2, 19).toString()));
        LeaderboardStore storeA = new LeaderboardStore(database);
        TestClock clockA = new TestClock(T);
        RankerLease a = lease("node-a", clockA);
        assertThat(a.acquire()).isTrue();
        long generationA = storeA.allocate(storeA.published(), a.fence());
        Map<String, Document> previousOfA = storeA.current(5);
        // A writes its rows (first read: its tenure holds), then pauses past its lease before its commit (second read):
        // meanwhile B takes over and publishes from what it finds, and A dies
        clockA.beforeRead(2, () -> {
            clockA.set(T.plus(Duration.ofMinutes(3)));
            RankerLease b = lease("node-b", Clock.fixed(T.plus(Duration.ofMinutes(3)), ZoneOffset.UTC));
            assertThat(b.acquire()).isTrue();
            LeaderboardStore storeB = new LeaderboardStore(database);
            long published = storeB.published();
            Map<String, Document> previousOfB = storeB.current(published);
            long generationB = storeB.allocate(published, b.fence());
            assertThat(storeB.publish(generationB, aliceAt("2.00"), previousOfB, T, b.fence())).isNotNull();
            throw new IllegalStateException("node-a dies");
        });

        assertThatThrownBy(() -> storeA.publish(generationA, aliceAt("1.00"), previousOfA, T, a.fence()))
                .hasMessage("node-a dies");

        long published = new LeaderboardStore(database).published();
        assertThat(published).isGreaterThan(generationA);
        assertThat(rows().countDocuments(Filters.and(Filters.exists(FROM, false), Filters.eq(UNTIL, null))))
                .as("the old rows closed by B's generation").isZero();
        assertThat(rows().find(LeaderboardStore.visibleAt("D7", published, new LeaderboardStore(database).abandoned()))).singleElement()
                .satisfies(row -> assertThat(row.getString(RETURN_PERCENT)).isEqualTo("2.00"));
    }

    /** A clock the test sets, which can run an action before a given read (to interleave another node). */
    private static final class TestClock extends Clock {

        private Instant now;
        private int readsLeft;
        private Runnable action;

        TestClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        /** Runs {@code action} just before the {@code read}-th read from now answers. */
        void beforeRead(int read, Runnable action) {
            this.readsLeft = read;
            this.action = action;
        }

        @Override
        public Instant instant() {
            if (action != null && --readsLeft == 0) {
                Runnable run = action;
                action = null;
                run.run();
            }
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
