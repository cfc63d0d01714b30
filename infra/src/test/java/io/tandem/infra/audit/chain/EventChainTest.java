package io.tandem.infra.audit.chain;

import io.tandem.contracts.account.AccountOpenedEvent;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.UserId;
import io.tandem.infra.audit.Progress;
import io.tandem.infra.config.PlatformConfiguration;
import io.tandem.infra.config.TandemProperties;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.graphql.GraphQlAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.tandem.infra.audit.chain.ChainProblem.Kind.ALTERED;
import static io.tandem.infra.audit.chain.ChainProblem.Kind.CHECKPOINT_MISMATCH;
import static io.tandem.infra.audit.chain.ChainProblem.Kind.INSERTED;
import static io.tandem.infra.audit.chain.ChainProblem.Kind.REMOVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chain over Axon's JPA event store on an H2 file, as the server configures it: events appended through
 * Axon's {@link EventStore}, chained by {@link ChainWriter}, then changed behind the application's back with
 * plain SQL, as someone with database access would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventChainTest {

    static final int AGGREGATES = 60;
    static final int EVENTS_PER_AGGREGATE = 25;

    @TempDir
    static Path dataDir;

    ConfigurableApplicationContext context;
    JdbcTemplate jdbc;
    ChainWriter writer;
    ChainVerification verification;

    @BeforeAll
    void start() {
        context = new SpringApplicationBuilder(ChainOverAxonOnly.class).web(WebApplicationType.NONE)
                .run("--tandem.data-dir=" + dataDir, "--spring.main.banner-mode=off", "--db-scheduler.enabled=false",
                        "--tandem.audit.chain.background=false", "--tandem.audit.chain.batch-size=200",
                        "--tandem.audit.chain.checkpoint-every=400", "--tandem.audit.chain.gap-timeout=PT2S");
        jdbc = context.getBean(JdbcTemplate.class);
        writer = context.getBean(ChainWriter.class);
        verification = context.getBean(ChainVerification.class);
    }

    @AfterAll
    void stop() {
        context.close();
    }

    @BeforeEach
    void emptyStore() {
        writer.chainBatch(false);
        jdbc.update("delete from event_chain_checkpoint");
        jdbc.update("delete from event_chain");
        jdbc.update("delete from domain_event_entry");
        // A fresh store: global indexes from 1 again (the chain waits before a young first event above 1).
        jdbc.execute("alter sequence domain_event_global_index_seq restart with 1");
        writer = newWriter();
    }

    @Test
    void eventsWrittenBeforeTheChainExistedAreChainedAndVerifyClean() {
        appendHistory("acc", AGGREGATES, EVENTS_PER_AGGREGATE);
        int events = AGGREGATES * EVENTS_PER_AGGREGATE;

        ChainReport unchained = verification.verify(Progress.none());
        assertThat(unchained.ok()).isTrue();
        assertThat(unchained.unchainedTail()).isEqualTo(events);

        ChainCatchUp catchUp = writer.catchUp(Progress.none());
        ChainReport report = verification.verify(Progress.none());

        assertThat(catchUp.chained()).isEqualTo(events);
        assertThat(report.ok()).as(report.human()).isTrue();
        assertThat(report.eventsChecked()).isEqualTo(events);
        assertThat(report.chainHead()).isEqualTo(maxGlobalIndex());
        assertThat(report.checkpoints()).isEqualTo(jdbc.queryForObject("select count(*) from event_chain_checkpoint", Long.class))
                .isGreaterThanOrEqualTo(events / 400);
        assertThat(report.sealedUpTo()).isEqualTo(report.chainHead());
        assertThat(report.unchainedTail()).isZero();
        assertThat(Files.exists(dataDir.resolve(ChainKey.KEY_FILE))).isTrue();

        appendHistory("late", 2, 3);
        assertThat(verification.verify(Progress.none()).unchainedTail()).isEqualTo(6);
    }

    @Test
    void anEventAlteredInTheTableIsReportedAtItsPosition() {
        appendHistory("acc", AGGREGATES, EVENTS_PER_AGGREGATE);
        writer.catchUp(Progress.none());
        Map<String, Object> victim = eventAt("acc-17", 11);
        byte[] payload = (byte[]) victim.get("payload");
        String forged = new String(payload, java.nio.charset.StandardCharsets.UTF_8).replace("acc-17", "acc-71");
        jdbc.update("update domain_event_entry set payload = ? where global_index = ?",
                forged.getBytes(java.nio.charset.StandardCharsets.UTF_8), victim.get("global_index"));

        ChainReport report = verification.verify(Progress.none());

        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).as(report.human()).containsExactly(new ChainProblem(ALTERED,
                (Long) victim.get("global_index"), "acc-17", 11L, "the stored event no longer matches its chained hash"));
    }

    @Test
    void anEventDeletedFromTheTableIsReportedAtItsPosition() {
        appendHistory("acc", AGGREGATES, EVENTS_PER_AGGREGATE);
        writer.catchUp(Progress.none());
        long victim = (Long) eventAt("acc-3", 20).get("global_index");
        jdbc.update("delete from domain_event_entry where global_index = ?", victim);

        ChainReport report = verification.verify(Progress.none());

        assertThat(report.problems()).as(report.human()).extracting(ChainProblem::kind).containsExactly(REMOVED);
        assertThat(report.first(REMOVED)).extracting(ChainProblem::globalIndex, ChainProblem::aggregateIdentifier,
                ChainProblem::sequenceNumber).containsExactly(victim, "acc-3", 20L);
        assertThat(report.eventsChecked()).isEqualTo(AGGREGATES * EVENTS_PER_AGGREGATE - 1);
    }

    @Test
    void aHoleThatMayStillFillIsNotPassedAndAnEventAddedThereLaterIsInserted() {
        appendHistory("acc", 5, 10);
        long hole = jdbc.queryForObject("select next value for domain_event_global_index_seq", Long.class);
        appendHistory("after", 5, 10);

        ChainCatchUp waiting = writer.catchUp(Progress.none());
        assertThat(waiting.waitingFor()).isEqualTo(hole);
        assertThat(waiting.chainHead()).isEqualTo(hole - 1);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> writer.catchUp(Progress.none()).waitingFor() == null);
        assertThat(verification.verify(Progress.none()).ok()).isTrue();
        jdbc.update("insert into domain_event_entry (" + StoredEvent.COLUMNS + ") select ?, 'forged-event', aggregate_identifier,"
                + " 10, type, time_stamp, payload_type, payload_revision, payload, meta_data from domain_event_entry"
                + " where aggregate_identifier = 'acc-2' and sequence_number = 9", hole);

        ChainReport report = verification.verify(Progress.none());

        assertThat(report.problems()).as(report.human()).containsExactly(new ChainProblem(INSERTED, hole, "acc-2", 10L,
                "an event without a chain row below the chain head (the chain had passed this index as empty)"));
    }

    /** An event the chainer would have chained long ago (a wiped chain, a stopped chainer, one appended with an old time). */
    @Test
    void anUnchainedEventOlderThanTheChainerEverLeavesOneIsStalled() {
        appendHistory("stale", 1, 2);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> writer.catchUp(Progress.none()).waitingFor() == null);
        long index = jdbc.queryForObject("select next value for domain_event_global_index_seq", Long.class);
        jdbc.update("insert into domain_event_entry (" + StoredEvent.COLUMNS + ") select ?, 'stale-event', 'stale-old',"
                + " 0, type, '2020-01-01T00:00:00Z', payload_type, payload_revision, payload, meta_data from domain_event_entry"
                + " where aggregate_identifier = 'stale-0' and sequence_number = 0", index);
        try {
            ChainReport report = verification.verify(Progress.none());

            assertThat(report.ok()).isFalse();
            assertThat(report.first(ChainProblem.Kind.STALLED)).as(report.human()).satisfies(problem -> {
                assertThat(problem.globalIndex()).isEqualTo(index);
                assertThat(problem.aggregateIdentifier()).isEqualTo("stale-old");
            });
        } finally {
            jdbc.update("delete from domain_event_entry where global_index = ?", index);
        }
    }

    @Test
    void aTransactionThatCommitsLateWithinTheGapTimeoutIsChainedInOrder() throws Exception {
        appendHistory("acc", 3, 5);
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> transactions().executeWithoutResult(status -> {
            context.getBean(EventStore.class).publish(account("slow-1", 0));
            appended.countDown();
            awaitLatch(release);
        }));
        assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();
        appendHistory("fast", 1, 3);
        long slowIndex = maxGlobalIndex() - 3;

        ChainCatchUp first = writer.catchUp(Progress.none());
        release.countDown();
        slow.get(10, TimeUnit.SECONDS);
        ChainCatchUp second = writer.catchUp(Progress.none());
        ChainReport report = verification.verify(Progress.none());

        assertThat(first.waitingFor()).isEqualTo(slowIndex);
        assertThat(second.chained()).isEqualTo(4);
        assertThat(report.ok()).as(report.human()).isTrue();
        assertThat(report.eventsChecked()).isEqualTo(19);
    }

    @Test
    void chainRowsRewrittenToMatchAnAlteredEventFailTheirCheckpointAndItsSeal() {
        appendHistory("acc", AGGREGATES, EVENTS_PER_AGGREGATE);
        writer.catchUp(Progress.none());
        // The last event of a stream: nothing after it in its stream is hashed onto it.
        Map<String, Object> victim = eventAt("acc-40", EVENTS_PER_AGGREGATE - 1);
        long index = (Long) victim.get("global_index");
        jdbc.update("update domain_event_entry set meta_data = ? where global_index = ?", "{\"who\":\"mallory\"}".getBytes(), index);
        StoredEvent altered = jdbc.queryForObject("select " + StoredEvent.COLUMNS + " from domain_event_entry where global_index = ?",
                StoredEvent.MAPPER, index);
        byte[] previous = jdbc.queryForObject("select event_hash from event_chain where aggregate_identifier = 'acc-40'"
                + " and sequence_number = ?", byte[].class, EVENTS_PER_AGGREGATE - 2);
        jdbc.update("update event_chain set event_hash = ? where global_index = ?", new EventHasher().hash(previous, altered), index);

        ChainReport rowsChanged = verification.verify(Progress.none());
        assertThat(rowsChanged.problems()).as(rowsChanged.human()).extracting(ChainProblem::kind).containsExactly(CHECKPOINT_MISMATCH);
        Checkpoint covering = jdbc.queryForObject("select " + Checkpoint.COLUMNS + " from event_chain_checkpoint where"
                + " up_to_global_index = (select min(up_to_global_index) from event_chain_checkpoint where up_to_global_index >= ?)",
                Checkpoint.MAPPER, index);
        assertThat(rowsChanged.first(CHECKPOINT_MISMATCH).globalIndex()).isEqualTo(covering.upTo());
        assertThat(rowsChanged.first(CHECKPOINT_MISMATCH).detail()).contains("checkpoint " + covering.ordinal() + " sealed");

        byte[] before = covering.ordinal() == 1 ? EventHasher.NO_PREVIOUS : jdbc.queryForObject(
                "select cumulative_hash from event_chain_checkpoint where ordinal = ?", byte[].class, covering.ordinal() - 1);
        CumulativeHash recomputed = new CumulativeHash(before);
        jdbc.query("select global_index, event_hash from event_chain where global_index > (select coalesce(max(up_to_global_index), -1)"
                + " from event_chain_checkpoint where ordinal < ?) and global_index <= ? order by global_index",
                rs -> {
                    recomputed.add(rs.getLong(1), rs.getBytes(2));
                }, covering.ordinal(), covering.upTo());
        jdbc.update("update event_chain_checkpoint set cumulative_hash = ? where ordinal = ?", recomputed.finish(), covering.ordinal());

        ChainReport rewritten = verification.verify(Progress.none());
        assertThat(rewritten.problems()).as(rewritten.human()).extracting(ChainProblem::kind).containsExactly(CHECKPOINT_MISMATCH);
        assertThat(rewritten.first(CHECKPOINT_MISMATCH).detail())
                .isEqualTo("the seal of checkpoint " + covering.ordinal() + " does not match: the checkpoint was rewritten");
    }

    @Test
    void aVerificationWithAnotherKeyNamesBothKeys() {
        appendHistory("acc", 4, 4);
        writer.catchUp(Progress.none());
        ChainProperties other = new ChainProperties("another-key-of-at-least-thirty-two-bytes", false, Duration.ofSeconds(1),
                200, 400, Duration.ofSeconds(60), Duration.ofSeconds(2), 1000);

        ChainReport report = new ChainVerification(context.getBean(DataSource.class), other,
                context.getBean(TandemProperties.class)).verify(Progress.none());

        assertThat(report.problems()).extracting(ChainProblem::kind).containsExactly(CHECKPOINT_MISMATCH);
        assertThat(report.first(CHECKPOINT_MISMATCH).detail()).contains("it names key " + jdbc.queryForObject(
                "select key_id from event_chain_checkpoint where ordinal = 1", String.class)).contains(report.keyId());
    }

    @Test
    void twoChainersAtOnceWriteOneConsistentChain() throws Exception {
        appendHistory("acc", AGGREGATES, EVENTS_PER_AGGREGATE);
        ChainWriter other = newWriter();

        CompletableFuture<ChainCatchUp> one = CompletableFuture.supplyAsync(() -> writer.catchUp(Progress.none()));
        CompletableFuture<ChainCatchUp> two = CompletableFuture.supplyAsync(() -> other.catchUp(Progress.none()));
        long chained = one.get(60, TimeUnit.SECONDS).chained() + two.get(60, TimeUnit.SECONDS).chained();
        ChainReport report = verification.verify(Progress.none());

        assertThat(chained).isEqualTo(AGGREGATES * EVENTS_PER_AGGREGATE);
        assertThat(report.ok()).as(report.human()).isTrue();
        assertThat(report.eventsChecked()).isEqualTo(AGGREGATES * EVENTS_PER_AGGREGATE);
        assertThat(report.unsealed()).isZero();
    }

    @Test
    void theServersBackgroundChainerChainsNewEventsWithinSeconds() {
        appendHistory("acc", 10, 10);
        ChainBackground background = new ChainBackground(writer, context.getBean(ChainProperties.class));
        background.start();
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(verification.verify(Progress.none()).chainHead()).isEqualTo(maxGlobalIndex()));
            appendHistory("more", 3, 3);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                ChainReport report = verification.verify(Progress.none());
                assertThat(report.ok()).isTrue();
                assertThat(report.unchainedTail()).isZero();
                assertThat(report.eventsChecked()).isEqualTo(109);
            });
        } finally {
            background.stop();
        }
        assertThat(background.isRunning()).isFalse();
    }

    private ChainWriter newWriter() {
        return new ChainWriter(context.getBean(DataSource.class), context.getBean(PlatformTransactionManager.class),
                context.getBean(ChainProperties.class), context.getBean(TandemProperties.class));
    }

    private TransactionTemplate transactions() {
        return new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
    }

    /** Each aggregate's events in one transaction, the aggregates one after another. */
    private void appendHistory(String prefix, int aggregates, int eventsEach) {
        EventStore eventStore = context.getBean(EventStore.class);
        for (int a = 0; a < aggregates; a++) {
            List<DomainEventMessage<?>> events = new ArrayList<>();
            for (int s = 0; s < eventsEach; s++) {
                events.add(account(prefix + "-" + a, s));
            }
            transactions().executeWithoutResult(status -> eventStore.publish(events));
        }
    }

    private static DomainEventMessage<?> account(String id, long sequence) {
        return new GenericDomainEventMessage<>("Account", id, sequence,
                new AccountOpenedEvent(AccountId.of(id), UserId.of("user-" + sequence), AccountType.TRADING));
    }

    private Map<String, Object> eventAt(String aggregate, long sequence) {
        return jdbc.queryForMap("select global_index, payload from domain_event_entry where aggregate_identifier = ?"
                + " and sequence_number = ?", aggregate, sequence);
    }

    private long maxGlobalIndex() {
        return jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Axon, JPA and H2 as application.yml sets them up, and the chain; none of Tandem's modules. */
    // Not a @SpringBootConfiguration (a @Configuration): the application's component scan, which covers test
    // classes in tests that start it without @SpringBootTest, would pick it up and apply its exclusions everywhere.
    @EnableAutoConfiguration(exclude = {MongoAutoConfiguration.class, GraphQlAutoConfiguration.class})
    @Import({PlatformConfiguration.class, ChainConfiguration.class})
    static class ChainOverAxonOnly {
    }
}
