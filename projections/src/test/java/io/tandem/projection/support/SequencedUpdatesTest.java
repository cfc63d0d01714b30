package io.tandem.projection.support;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class SequencedUpdatesTest extends MongoReadModelTest {

    private MongoCollection<Document> collection;

    @BeforeEach
    void collection() {
        collection = database.getCollection("counters");
    }

    private Document document(String id) {
        return collection.find(Filters.eq("_id", id)).first();
    }

    private long counter() {
        return Numbers.longOf(document("c"), "count");
    }

    private static void inUnitOfWork(Runnable work) {
        ProjectionBatches.inOneUnitOfWork(work);
    }

    @Test
    void upsertCreatesTheDocumentOnTheFirstEvent() {
        SequencedUpdates.applyIfNewer(collection, "c", 0, Updates.inc("count", 5L), true);

        assertThat(counter()).isEqualTo(5);
        assertThat(Numbers.longOf(document("c"), SequencedUpdates.LAST_SEQ)).isZero();
    }

    @Test
    void anEventAlreadyAppliedIsIgnoredEvenWithUpsert() {
        SequencedUpdates.applyIfNewer(collection, "c", 0, Updates.inc("count", 5L), true);
        SequencedUpdates.applyIfNewer(collection, "c", 1, Updates.inc("count", 2L), true);

        SequencedUpdates.applyIfNewer(collection, "c", 1, Updates.inc("count", 2L), true);
        SequencedUpdates.applyIfNewer(collection, "c", 0, Updates.inc("count", 5L), true);

        assertThat(counter()).isEqualTo(7);
        assertThat(Numbers.longOf(document("c"), SequencedUpdates.LAST_SEQ)).isEqualTo(1);
    }

    @Test
    void withoutUpsertAMissingDocumentStaysMissing() {
        SequencedUpdates.applyIfNewer(collection, "c", 3, Updates.inc("count", 1L), false);

        assertThat(collection.countDocuments()).isZero();
    }

    /** Redeliveries inside one batch, and upserts colliding with documents of an earlier batch. */
    private static final List<Consumer<MongoCollection<Document>>> UPDATES = List.of(
            c -> SequencedUpdates.applyIfNewer(c, "a", 2, Updates.inc("count", 100L), true),   // collides: a is at 3
            c -> SequencedUpdates.applyIfNewer(c, "b", 0, Updates.inc("count", 1L), true),     // creates b
            c -> SequencedUpdates.applyIfNewer(c, "a", 4, Updates.inc("count", 10L), true),
            c -> SequencedUpdates.applyIfNewer(c, "b", 0, Updates.inc("count", 1L), true),     // redelivered in the batch
            c -> SequencedUpdates.applyIfNewer(c, "a", 3, Updates.inc("count", 1000L), true),  // collides after 4
            c -> SequencedUpdates.applyIfNewer(c, "b", 1, Updates.inc("count", 2L), true),
            c -> SequencedUpdates.applyIfNewer(c, "x", 7, Updates.inc("count", 2L), false),    // stays missing
            c -> SequencedUpdates.applyIfNewer(c, "a", 5, Updates.inc("count", 20L), false),
            c -> SequencedUpdates.setLatestIfNewer(c, "p", 1, "price", 11L, true),
            c -> SequencedUpdates.setLatestIfNewer(c, "p", 2, "price", 12L, true),
            c -> SequencedUpdates.setLatestIfNewer(c, "p", 1, "price", 11L, true),             // redelivered: a no-op
            c -> SequencedUpdates.applyIfNewer(c, "p", 3, Updates.set("listed", true), true),
            c -> SequencedUpdates.setLatestIfNewer(c, "p", 4, "price", 14L, true),
            c -> SequencedUpdates.setLatestIfNewer(c, "q", 5, "price", 5L, true),              // collides: q is at 9
            c -> SequencedUpdates.setLatestIfNewer(c, "q", 10, "price", 10L, true),
            c -> SequencedUpdates.setLatestIfNewer(c, "q", 11, "price", 11L, true));

    private static void earlierBatch(MongoCollection<Document> c) {
        SequencedUpdates.applyIfNewer(c, "a", 3, Updates.inc("count", 1L), true);
        SequencedUpdates.applyIfNewer(c, "q", 9, Updates.set("price", 9L), true);
    }

    @Test
    void aBatchEndsAsTheSameUpdatesOneByOne() {
        MongoCollection<Document> reference = emptyDatabase("one-by-one").getCollection("counters");
        earlierBatch(reference);
        UPDATES.forEach(update -> update.accept(reference));

        earlierBatch(collection);
        clearCommands();
        inUnitOfWork(() -> {
            UPDATES.forEach(update -> update.accept(collection));
            assertThat(collection.countDocuments()).as("nothing is sent before the commit").isEqualTo(2);
        });
        // one bulk write; after the first collision one read drops what is already applied, and the rest is sent again
        assertThat(commands("update", database, "counters")).isEqualTo(2);
        assertThat(commands("find", database, "counters")).isEqualTo(1);

        assertThat(collection.find().sort(new Document("_id", 1)).into(new java.util.ArrayList<>()))
                .isEqualTo(reference.find().sort(new Document("_id", 1)).into(new java.util.ArrayList<>()));
        assertThat(Numbers.longOf(document("a"), "count")).isEqualTo(31);
        assertThat(Numbers.longOf(document("b"), "count")).isEqualTo(3);
        assertThat(document("p")).isEqualTo(new Document("_id", "p").append("price", 14L)
                .append(SequencedUpdates.LAST_SEQ, 4L).append("listed", true));
        assertThat(Numbers.longOf(document("q"), "price")).isEqualTo(11);
        assertThat(document("x")).isNull();
    }

    @Test
    void aWholeBatchRedeliveredCostsAFewRoundTripsNotOnePerUpdate() {
        Runnable batch = () -> {
            for (long sequence = 0; sequence < 100; sequence++) {
                SequencedUpdates.applyIfNewer(collection, "c" + (sequence % 7), sequence, Updates.inc("count", sequence), true);
            }
        };
        inUnitOfWork(batch);
        List<Document> once = collection.find().sort(new Document("_id", 1)).into(new java.util.ArrayList<>());
        clearCommands();

        inUnitOfWork(batch);

        assertThat(collection.find().sort(new Document("_id", 1)).into(new java.util.ArrayList<>())).isEqualTo(once);
        assertThat(commands("update", database, "counters")).isEqualTo(1);
        assertThat(commands("find", database, "counters")).isEqualTo(2);
    }

    @Test
    void onlyTheLatestOfConsecutiveLastValuesIsSent() {
        inUnitOfWork(() -> {
            for (long sequence = 1; sequence <= 50; sequence++) {
                SequencedUpdates.setLatestIfNewer(collection, "p", sequence, "price", sequence * 10, true);
            }
        });

        assertThat(document("p")).isEqualTo(new Document("_id", "p").append("price", 500L).append(SequencedUpdates.LAST_SEQ, 50L));
        assertThat(commands("update", database, "counters")).isEqualTo(1);
    }

    @Test
    void aLastValueIsNotDroppedAcrossAnotherUpdateOfTheDocument() {
        // b's counter would be created by the first price only: it must not be dropped for the second.
        inUnitOfWork(() -> {
            SequencedUpdates.setLatestIfNewer(collection, "b", 1, "price", 1L, true);
            SequencedUpdates.applyIfNewer(collection, "b", 2, Updates.inc("count", 1L), false);
            SequencedUpdates.setLatestIfNewer(collection, "b", 3, "price", 3L, true);
        });

        assertThat(document("b")).isEqualTo(new Document("_id", "b").append("price", 3L)
                .append(SequencedUpdates.LAST_SEQ, 3L).append("count", 1L));
    }
}
