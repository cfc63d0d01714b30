package io.tandem.infra.readmodel;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code _id} range and {@code $in} queries on the embedded store walk only the key range of the
 * collection's map, and answer exactly what mongo-java-server's stock H2 collection (a full scan)
 * answers for the same documents: same documents, same order, same skip and limit, for reads, counts,
 * updates and deletes.
 */
class IdRangeQueryTest {

    private static final String SEP = "\u0001";

    @TempDir
    Path dir;

    private MongoServer fastServer;
    private MongoServer stockServer;
    private MongoClient fastClient;
    private MongoClient stockClient;
    private MongoCollection<Document> fast;
    private MongoCollection<Document> stock;

    @BeforeEach
    void servers() {
        fastServer = new MongoServer(new CommittingH2Backend(dir.resolve("fast.mv.db").toString()));
        stockServer = new MongoServer(H2Backend.inMemory());
        fastClient = connect(fastServer.bind());
        stockClient = connect(stockServer.bind());
        fast = fastClient.getDatabase("t").getCollection("timelines");
        stock = stockClient.getDatabase("t").getCollection("timelines");
    }

    @AfterEach
    void stop() {
        fastClient.close();
        stockClient.close();
        fastServer.shutdownNow();
        stockServer.shutdownNow();
    }

    private static MongoClient connect(InetSocketAddress address) {
        return MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    }

    private void insertBoth(List<Document> documents) {
        fast.insertMany(documents.stream().map(d -> new Document(d)).toList());
        stock.insertMany(documents.stream().map(d -> new Document(d)).toList());
    }

    /** Owners o0..o9, 300 entries each, plus ids of other types that a string range must never return. */
    private List<Document> timelines() {
        List<Document> documents = new ArrayList<>();
        for (int owner = 0; owner < 10; owner++) {
            for (int n = 0; n < 300; n++) {
                documents.add(new Document("_id", "o" + owner + SEP + String.format("%019d", 1_000_000L - n * 7L) + SEP + "p" + n)
                        .append("author", "a" + (n % 5)).append("n", n));
            }
        }
        documents.add(new Document("_id", 42L).append("author", "a1").append("n", 1));
        documents.add(new Document("_id", 7).append("author", "a1").append("n", 1));
        documents.add(new Document("_id", new Document("x", 1)).append("author", "a1").append("n", 1));
        documents.add(new Document("_id", "").append("author", "a1").append("n", 1));
        return documents;
    }

    private static List<Document> run(MongoCollection<Document> collection, Bson filter, Bson sort, int skip, int limit) {
        var find = collection.find(filter).skip(skip).limit(limit);
        if (sort != null) {
            find.sort(sort);
        }
        return find.into(new ArrayList<>());
    }

    private void assertSame(Bson filter, Bson sort, int skip, int limit) {
        List<Document> expected = run(stock, filter, sort, skip, limit);
        assertThat(run(fast, filter, sort, skip, limit)).as("%s sort %s skip %d limit %d", filter, sort, skip, limit)
                .isEqualTo(expected);
    }

    @Test
    void rangeQueriesAnswerWhatTheFullScanAnswers() {
        insertBoth(timelines());
        Random random = new Random(8);
        List<Bson> sorts = new ArrayList<>();
        sorts.add(null);
        sorts.add(Sorts.ascending("_id"));
        sorts.add(Sorts.descending("_id"));
        sorts.add(Sorts.descending("n"));
        sorts.add(Sorts.ascending("author", "_id"));
        for (int round = 0; round < 300; round++) {
            String a = "o" + random.nextInt(11) + (random.nextBoolean() ? SEP + String.format("%019d", 1_000_000L - random.nextInt(2200)) : "");
            String b = "o" + random.nextInt(11) + (random.nextBoolean() ? SEP + "\uffff" : "");
            List<Bson> bounds = new ArrayList<>();
            switch (random.nextInt(6)) {
                case 0 -> { bounds.add(Filters.gte("_id", a)); bounds.add(Filters.lt("_id", b)); }
                case 1 -> { bounds.add(Filters.gt("_id", a)); bounds.add(Filters.lte("_id", b)); }
                case 2 -> bounds.add(Filters.gt("_id", a));
                case 3 -> bounds.add(Filters.lte("_id", b));
                case 4 -> { bounds.add(Filters.gte("_id", a)); bounds.add(Filters.gt("_id", b)); bounds.add(Filters.lt("_id", "o9")); }
                default -> { bounds.add(Filters.gte("_id", a)); bounds.add(Filters.lte("_id", a)); }
            }
            Bson range = Filters.and(bounds);
            Bson filter = random.nextBoolean() ? range : Filters.and(range, Filters.eq("author", "a" + random.nextInt(5)));
            assertSame(filter, sorts.get(random.nextInt(sorts.size())), random.nextInt(3) == 0 ? random.nextInt(50) : 0,
                    random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(60));
        }
    }

    @Test
    void inQueriesLookEachIdUpAndAnswerWhatTheFullScanAnswers() {
        insertBoth(timelines());
        List<String> ids = List.of("o3" + SEP + String.format("%019d", 1_000_000L - 7L) + SEP + "p1",
                "o1" + SEP + String.format("%019d", 1_000_000L) + SEP + "p0", "missing", "",
                "o1" + SEP + String.format("%019d", 1_000_000L) + SEP + "p0");
        for (Bson sort : java.util.Arrays.asList(null, Sorts.ascending("_id"), Sorts.descending("_id"), Sorts.descending("n"))) {
            assertSame(Filters.in("_id", ids), sort, 0, 0);
            assertSame(Filters.in("_id", ids), sort, 1, 1);
            assertSame(Filters.and(Filters.in("_id", ids), Filters.eq("author", "a0")), sort, 0, 0);
        }
        IdLookupH2Collection.CANDIDATES_READ.reset();
        assertThat(fast.find(Filters.in("_id", ids)).into(new ArrayList<>())).hasSize(3);
        assertThat(IdLookupH2Collection.CANDIDATES_READ.sum()).isEqualTo(3);
    }

    @Test
    void aLimitedPageOfALargeCollectionReadsOnlyThePage() {
        List<Document> documents = new ArrayList<>();
        for (int n = 0; n < 20_000; n++) {
            documents.add(new Document("_id", "u" + (n % 100) + SEP + String.format("%019d", n)).append("n", n));
        }
        insertBoth(documents);
        Bson owner = Filters.and(Filters.gte("_id", "u42" + SEP), Filters.lt("_id", "u42" + SEP + "\uffff"));

        IdLookupH2Collection.CANDIDATES_READ.reset();
        List<Document> page = run(fast, owner, Sorts.descending("_id"), 0, 21);
        assertThat(page).isEqualTo(run(stock, owner, Sorts.descending("_id"), 0, 21));
        assertThat(page.get(0).getString("_id")).isEqualTo("u42" + SEP + String.format("%019d", 19_942));
        assertThat(IdLookupH2Collection.CANDIDATES_READ.sum()).isEqualTo(21);

        IdLookupH2Collection.CANDIDATES_READ.reset();
        assertThat(fast.countDocuments(owner)).isEqualTo(200).isEqualTo(stock.countDocuments(owner));
        assertThat(IdLookupH2Collection.CANDIDATES_READ.sum()).as("count walks the range only").isEqualTo(200);

        IdLookupH2Collection.CANDIDATES_READ.reset();
        assertThat(fast.countDocuments(Filters.and(owner, Filters.gte("n", 10_042)))).isEqualTo(100);
        assertThat(IdLookupH2Collection.CANDIDATES_READ.sum()).isEqualTo(200);
    }

    @Test
    void updatesAndDeletesWithARangeFilterChangeExactlyWhatTheFullScanChanges() {
        insertBoth(timelines());
        Bson o4 = Filters.and(Filters.gte("_id", "o4" + SEP), Filters.lt("_id", "o4" + SEP + "\uffff"));
        Bson o4ByA2 = Filters.and(o4, Filters.eq("author", "a2"));
        Document mark = new Document("$set", new Document("marked", true));

        assertThat(fast.updateMany(o4ByA2, mark).getModifiedCount())
                .isEqualTo(stock.updateMany(o4ByA2, mark).getModifiedCount()).isEqualTo(60);
        assertThat(fast.deleteMany(Filters.and(o4, Filters.eq("author", "a3"))).getDeletedCount())
                .isEqualTo(stock.deleteMany(Filters.and(o4, Filters.eq("author", "a3"))).getDeletedCount()).isEqualTo(60);
        Bson o5 = Filters.and(Filters.gt("_id", "o5"), Filters.lte("_id", "o5" + SEP + "\uffff"));
        assertThat(fast.deleteOne(o5).getDeletedCount()).isEqualTo(stock.deleteOne(o5).getDeletedCount()).isEqualTo(1);
        assertThat(fast.updateOne(o5, mark).getModifiedCount()).isEqualTo(stock.updateOne(o5, mark).getModifiedCount());

        assertThat(run(fast, new Document(), Sorts.ascending("_id"), 0, 0))
                .isEqualTo(run(stock, new Document(), Sorts.ascending("_id"), 0, 0));
        assertThat(fast.countDocuments(o4)).isEqualTo(240);
        assertThat(fast.countDocuments(Filters.and(o4, Filters.eq("marked", true)))).isEqualTo(60);
    }

    /**
     * Not a timed test: prints how long a page of a large collection takes with the range walk and with
     * the stock full scan, for the report; run with {@code -Dtest=IdRangeQueryTest -Dtandem.bench=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "tandem.bench", matches = "true")
    void rangeWalkAgainstFullScanComparison() {
        List<Document> documents = new ArrayList<>();
        for (int n = 0; n < 100_000; n++) {
            documents.add(new Document("_id", "u" + (n % 1000) + SEP + String.format("%019d", n)).append("n", n));
        }
        insertBoth(documents);
        Bson owner = Filters.and(Filters.gte("_id", "u421" + SEP), Filters.lt("_id", "u421" + SEP + "\uffff"));
        long[] nanos = new long[2];
        for (int round = 0; round < 6; round++) {
            for (int which = 0; which < 2; which++) {
                MongoCollection<Document> collection = which == 0 ? fast : stock;
                long start = System.nanoTime();
                List<Document> page = run(collection, owner, Sorts.descending("_id"), 0, 20);
                if (round > 0) {
                    nanos[which] += System.nanoTime() - start;
                }
                assertThat(page).hasSize(20);
            }
        }
        System.out.printf("page of 20 of one owner among 100,000 documents: range walk %.2f ms, full scan %.2f ms%n",
                nanos[0] / 5 / 1e6, nanos[1] / 5 / 1e6);
    }
}
