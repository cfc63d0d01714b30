package io.tandem.infra.audit.chain;

import io.tandem.contracts.account.AccountOpenedEvent;
import io.tandem.contracts.account.CashAdjustedEvent;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.AdjustmentId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.UserId;
import io.tandem.infra.audit.Progress;
import io.tandem.infra.config.PlatformConfiguration;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.graphql.GraphQlAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The chain's speed over a synthetic store (bench/audit-chain.sh): {@code --events} rows written straight into
 * Axon's event table on an H2 file (the schema Hibernate makes for the server, payloads and metadata serialized by
 * the server's event serializer), over {@code --aggregates} account streams interleaved in global order; then the
 * whole store chained from nothing ({@link ChainWriter#catchUp}, as on the first start after an upgrade) and
 * verified ({@link ChainVerification#verify}). Prints one line:
 * {@code BENCH_CHAIN events=.. chain_s=.. chain_events_per_s=.. verify_s=.. verify_events_per_s=.. read_events_per_s=..}.
 */
public final class ChainBench {

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        long events = 1_000_000;
        int aggregates = 20_000;
        List<String> settings = new ArrayList<>(List.of("--spring.main.banner-mode=off", "--db-scheduler.enabled=false",
                "--tandem.audit.chain.background=false", "--logging.level.io.tandem.infra.audit.chain=WARN"));
        for (String arg : args) {
            if (arg.startsWith("--tandem.")) {
                settings.add(arg);
            }
            if (arg.startsWith("--events=")) {
                events = Long.parseLong(arg.substring(9));
            } else if (arg.startsWith("--aggregates=")) {
                aggregates = Integer.parseInt(arg.substring(13));
            }
        }
        Path dataDir = Files.createTempDirectory("chain-bench");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ChainBenchContext.class)
                .web(WebApplicationType.NONE)
                .run(with(settings, "--tandem.data-dir=" + dataDir))) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            long started = System.nanoTime();
            fill(jdbc, context.getBean("eventSerializer", Serializer.class), events, aggregates);
            System.err.printf("filled %d events in %.1f s%n", events, seconds(started));

            started = System.nanoTime();
            long cursor = 0;
            for (List<StoredEvent> page; !(page = jdbc.query("select " + StoredEvent.COLUMNS + " from domain_event_entry"
                    + " where global_index > ? order by global_index limit 1000", StoredEvent.MAPPER, cursor)).isEmpty(); ) {
                cursor = page.get(page.size() - 1).globalIndex();
            }
            double readSeconds = seconds(started);

            started = System.nanoTime();
            ChainCatchUp chained = context.getBean(ChainWriter.class).catchUp(Progress.none());
            double chainSeconds = seconds(started);

            started = System.nanoTime();
            ChainReport report = context.getBean(ChainVerification.class).verify(Progress.none());
            double verifySeconds = seconds(started);
            if (!report.ok() || report.eventsChecked() != events || chained.chained() != events) {
                throw new IllegalStateException("the bench chain is wrong: " + chained.human() + "\n" + report.human());
            }
            System.out.printf("BENCH_CHAIN events=%d aggregates=%d checkpoints=%d chain_s=%.1f chain_events_per_s=%.0f"
                            + " verify_s=%.1f verify_events_per_s=%.0f read_events_per_s=%.0f%n", events, aggregates,
                    report.checkpoints(), chainSeconds, events / chainSeconds, verifySeconds, events / verifySeconds,
                    events / readSeconds);
        } finally {
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void fill(JdbcTemplate jdbc, Serializer serializer, long events, int aggregates) {
        byte[] metaData = serializer.serialize(MetaData.with("userId", "user-1").and("correlationId", UUID.randomUUID().toString())
                .and("traceId", UUID.randomUUID().toString()), byte[].class).getData();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<Object[]> batch = new ArrayList<>(5000);
        for (long index = 1; index <= events; index++) {
            int aggregate = (int) ((index - 1) % aggregates);
            long sequence = (index - 1) / aggregates;
            String account = "acc-" + aggregate;
            Object payload = sequence == 0
                    ? new AccountOpenedEvent(AccountId.of(account), UserId.of("user-" + aggregate), AccountType.TRADING)
                    : new CashAdjustedEvent(AccountId.of(account), AdjustmentId.of("adj-" + index), Cash.ofCents(index % 100_000),
                    "bench deposit", UserId.of("admin"));
            byte[] data = serializer.serialize(payload, byte[].class).getData();
            batch.add(new Object[]{index, UUID.randomUUID().toString(), account, sequence, "Account",
                    start.plusMillis(index).toString(), payload.getClass().getName(), "1", data, metaData});
            if (batch.size() == 5000 || index == events) {
                jdbc.batchUpdate("insert into domain_event_entry (" + StoredEvent.COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        batch);
                batch.clear();
            }
        }
    }

    private static String[] with(List<String> settings, String setting) {
        List<String> all = new ArrayList<>(settings);
        all.add(setting);
        return all.toArray(String[]::new);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Axon, JPA and H2 as application.yml sets them up, and the chain. */
    // Not a @SpringBootConfiguration (a @Configuration): the application's component scan, which covers test
    // classes in tests that start it without @SpringBootTest, would pick it up and apply its exclusions everywhere.
    @EnableAutoConfiguration(exclude = {MongoAutoConfiguration.class, GraphQlAutoConfiguration.class})
    @Import({PlatformConfiguration.class, ChainConfiguration.class})
    static class ChainBenchContext {
    }
}
