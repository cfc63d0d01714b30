package io.tandem.projection.performance;

import com.mongodb.client.MongoCollection;
import io.tandem.contracts.leaderboard.FindLeaderboardQuery;
import io.tandem.contracts.leaderboard.LeaderboardPage;
import io.tandem.contracts.leaderboard.LeaderboardSort;
import io.tandem.contracts.leaderboard.Period;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.MongoReadModelTest;
import io.tandem.projection.support.ReadModelCollections;
import io.tandem.projection.support.SequencedUpdates;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.tandem.projection.performance.PerformanceDocuments.*;
import static io.tandem.projection.performance.PerformanceWorld.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10,000 ranked traders, each with a valuation, a week of valuation days and a live copy: a ranking
 * run reads in bulk (a bounded number of round trips, not one per trader), a second run the same day
 * reads no valuation day again and rewrites nothing that did not change (a run where one trader
 * changed writes that trader's rows only), and a page of the ranking reads one run document.
 */
class LeaderboardScaleTest extends MongoReadModelTest {

    private static final int TRADERS = 10_000;
    private static final int DAYS = 7;
    private static final LocalDate TODAY = D1.plusDays(DAYS - 1);

    private void seed() {
        PerformanceWorld.listAcme(database);
        List<Document> traders = new ArrayList<>();
        List<Document> valuations = new ArrayList<>();
        List<Document> days = new ArrayList<>();
        List<Document> closes = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            LocalDate day = D1.plusDays(d);
            closes.add(new Document("_id", closeId("ACME", day)).append(SYMBOL, "ACME").append(DAY, day.toString())
                    .append(PRICE, 1_000L + 10L * d).append(SequencedUpdates.LAST_SEQ, (long) d));
        }
        for (int i = 0; i < TRADERS; i++) {
            String account = "acc-" + i;
            Valuation valuation = new Valuation(account);
            valuation.owner = "u-" + i;
            valuation.type = "TRADING";
            long sequence = 0;
            for (int d = 0; d < DAYS; d++) {
                valuation.at(D1.plusDays(d), sequence++);
                if (d == 0) {
                    valuation.cash = 100_000;
                    valuation.flow(100_000, 0);
                }
                long tenths = i % 50 + 1;
                valuation.buy("ACME", 1_000L * tenths, 100L * tenths); // tenths of a share at 10.00
                days.add(valuation.dayDocument().append("_id", dayId(account, valuation.day))
                        .append(SequencedUpdates.LAST_SEQ, valuation.lastSeq));
            }
            valuations.add(valuation.toDocument().append("_id", account).append(SequencedUpdates.LAST_SEQ, valuation.lastSeq));
            traders.add(new Document("_id", traderId("u-" + i)).append(KIND, KIND_TRADER).append(USER_ID, "u-" + i)
                    .append(HANDLE, String.format("trader%05d", i)).append(DISPLAY_NAME, "Trader " + i)
                    .append(PUBLIC_ACCOUNT_ID, account));
            traders.add(new Document("_id", copyId("c-" + i)).append(KIND, KIND_COPY).append(COPY_ID, "c-" + i)
                    .append(LEADER_ID, "u-" + ((i * 7) % TRADERS)).append(COPY_ACCOUNT_ID, "acc-" + ((i + 1) % TRADERS))
                    .append(STATUS, "ACTIVE").append(LIVE, true));
        }
        insert(ReadModelCollections.RANKED_TRADERS, traders);
        insert(ReadModelCollections.VALUATIONS, valuations);
        insert(ReadModelCollections.VALUATION_DAYS, days);
        insert(ReadModelCollections.DAILY_CLOSES, closes);
        database.getCollection(ReadModelCollections.VALUATION_DAYS).createIndex(new Document(ACCOUNT_ID, 1));
        database.getCollection(ReadModelCollections.DAILY_CLOSES).createIndex(new Document(DAY, 1));
    }

    private void insert(String collection, List<Document> documents) {
        MongoCollection<Document> target = database.getCollection(collection);
        for (int from = 0; from < documents.size(); from += 5_000) {
            target.insertMany(documents.subList(from, Math.min(documents.size(), from + 5_000)));
        }
    }

    private long reads(String collection) {
        return commands("find", database, collection) + commands("getMore", database, collection);
    }

    @Test
    void aRunReadsInBulkAndASecondRunReadsAndWritesOnlyWhatChanged() {
        long seeding = System.nanoTime();
        seed();
        System.out.printf("seeded in %d ms%n", (System.nanoTime() - seeding) / 1_000_000);
        LeaderboardRanker ranker = new LeaderboardRanker(database, clockAt(TODAY, 20));

        clearCommands();
        long started = System.nanoTime();
        ranker.rank();
        long firstRun = System.nanoTime() - started;

        assertThat(database.getCollection(ReadModelCollections.LEADERBOARD).countDocuments())
                .isEqualTo((long) TRADERS * Period.values().length);
        assertThat(commands("find", database, ReadModelCollections.VALUATIONS)).isLessThanOrEqualTo(2 * TRADERS / LeaderboardRanker.CHUNK);
        assertThat(commands("find", database, ReadModelCollections.VALUATION_DAYS)).isLessThanOrEqualTo(TRADERS / LeaderboardRanker.CHUNK);
        assertThat(commands("find", database, ReadModelCollections.RANKED_TRADERS)).isEqualTo(1);

        clearCommands();
        started = System.nanoTime();
        ranker.rank();
        long secondRun = System.nanoTime() - started;

        assertThat(commands("find", database, ReadModelCollections.VALUATION_DAYS)).isZero();
        assertThat(commands("update", database, ReadModelCollections.LEADERBOARD)).isZero();
        assertThat(commands("delete", database, ReadModelCollections.LEADERBOARD)).isZero();

        // acc-7's equity changes today: the next generation writes the four rows of its trader (u-7) and of the leader it
        // copies (u-42, assets under copy), and closes the old ones
        database.getCollection(ReadModelCollections.VALUATIONS).updateOne(com.mongodb.client.model.Filters.eq("_id", "acc-7"),
                com.mongodb.client.model.Updates.inc(CASH, 10_000L));
        clearCommands();
        started = System.nanoTime();
        ranker.rank();
        long thirdRun = System.nanoTime() - started;
        long generation = new LeaderboardStore(database).published();
        MongoCollection<Document> rows = database.getCollection(ReadModelCollections.LEADERBOARD);
        assertThat(rows.countDocuments(com.mongodb.client.model.Filters.eq(FROM, generation))).isEqualTo(2L * Period.values().length);
        assertThat(rows.countDocuments(com.mongodb.client.model.Filters.eq(UNTIL, generation))).isEqualTo(2L * Period.values().length);
        assertThat(commands("update", database, ReadModelCollections.LEADERBOARD)).as("one bulk write").isLessThanOrEqualTo(2);
        assertThat(commands("find", database, ReadModelCollections.VALUATION_DAYS)).isZero();

        PerformanceQueryHandler queries = new PerformanceQueryHandler(database, new InstrumentFormats(database), clockAt(TODAY, 21));
        LeaderboardPage first = queries.handle(new FindLeaderboardQuery(Period.D7, LeaderboardSort.RETURN, 100, null, null, null));
        assertThat(first.items()).hasSize(100);
        assertThat(new BigDecimal(first.items().get(0).stats().returnPercent()))
                .isGreaterThanOrEqualTo(new BigDecimal(first.items().get(99).stats().returnPercent()));
        clearCommands();
        long[] latencies = new long[500];
        String after = null;
        for (int i = 0; i < latencies.length; i++) {
            long start = System.nanoTime();
            LeaderboardPage page = queries.handle(new FindLeaderboardQuery(Period.D7, LeaderboardSort.values()[i % 7], 20,
                    i % 7 == 0 ? after : null, i % 3 == 0 ? 1 : null, i % 5 == 0 ? 9 : null));
            latencies[i] = System.nanoTime() - start;
            if (i % 7 == 0) {
                after = page.hasNextPage() ? page.items().get(page.items().size() - 1).cursor() : null;
            }
        }
        assertThat(reads(ReadModelCollections.LEADERBOARD)).as("served from memory").isZero();
        assertThat(commands("find", database, ReadModelCollections.LEADERBOARD_RUNS)).isEqualTo(latencies.length);
        Arrays.sort(latencies);
        System.out.printf("leaderboard at %,d traders: first run %d ms, second run %d ms, third run (one trader changed) %d ms, "
                        + "page P50 %.2f ms, P99 %.2f ms%n",
                TRADERS, firstRun / 1_000_000, secondRun / 1_000_000, thirdRun / 1_000_000, latencies[latencies.length / 2] / 1e6,
                latencies[latencies.length * 99 / 100] / 1e6);
    }
}
