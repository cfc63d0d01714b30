package io.tandem.projection.support;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.tandem.projection.support.ProjectionBatches.inOneUnitOfWork;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadModelWritesTest extends MongoReadModelTest {

    private MongoCollection<Document> counters;
    private MongoCollection<Document> labels;

    @BeforeEach
    void collections() {
        counters = database.getCollection("counters");
        labels = database.getCollection("labels");
    }

    private void increment(String id, long sequence) {
        SequencedUpdates.applyIfNewer(counters, id, sequence, Updates.inc("count", 1L), true);
    }

    private void label(String id, String text) {
        ReadModelWrites.write(labels, id, new ReplaceOneModel<>(Filters.eq("_id", id),
                new Document("_id", id).append("text", text), new ReplaceOptions().upsert(true)));
    }

    private long count(String id) {
        return Numbers.longOf(counters.find(Filters.eq("_id", id)).first(), "count");
    }

    @Test
    void withoutAUnitOfWorkEachWriteIsSentAtOnce() {
        increment("a", 0);
        assertThat(count("a")).isEqualTo(1);

        label("a", "x");
        assertThat(labels.countDocuments()).isEqualTo(1);
        assertThat(commands("update", database, "counters") + commands("update", database, "labels")).isEqualTo(2);
    }

    @Test
    void aUnitOfWorkSendsOneOrderedBulkWritePerCollectionWhenItPreparesItsCommit() {
        AtomicLong seenAtCommit = new AtomicLong(-1);
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        for (long sequence = 0; sequence < 40; sequence++) {
            increment("a", sequence);
            increment("b", sequence);
            label("l" + (sequence % 3), "text " + sequence);
        }
        // a processor's transaction (and the token stored in it) commits in the commit phase, after the flush
        unitOfWork.onCommit(u -> seenAtCommit.set(count("a")));
        assertThat(counters.countDocuments()).isZero();
        assertThat(labels.countDocuments()).isZero();

        unitOfWork.commit();

        assertThat(seenAtCommit.get()).isEqualTo(40);
        assertThat(count("b")).isEqualTo(40);
        assertThat(labels.find(Filters.eq("_id", "l0")).first().getString("text")).isEqualTo("text 39");
        assertThat(commands("update", database, "counters")).isEqualTo(1);
        assertThat(commands("update", database, "labels")).isEqualTo(1);
    }

    @Test
    void writesOfANestedUnitOfWorkWaitForTheRoot() {
        DefaultUnitOfWork<?> root = DefaultUnitOfWork.startAndGet(null);
        DefaultUnitOfWork<?> nested = DefaultUnitOfWork.startAndGet(null);
        increment("a", 0);
        nested.commit();
        assertThat(counters.countDocuments()).isZero();
        assertThat(CurrentUnitOfWork.get()).isSameAs(root);

        increment("a", 1);
        root.commit();

        assertThat(count("a")).isEqualTo(2);
        assertThat(commands("update", database, "counters")).isEqualTo(1);
    }

    @Test
    void aRolledBackUnitOfWorkWritesNothing() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        increment("a", 0);

        unitOfWork.rollback();

        assertThat(counters.countDocuments()).isZero();
        assertThat(commands("update", database, "counters")).isZero();
    }

    @Test
    void writesAfterAnAlreadyAppliedOneStillApplyInOrder() {
        increment("a", 0);
        increment("a", 1);
        increment("b", 0);

        inOneUnitOfWork(() -> {
            increment("a", 1);  // collides: a is at 1
            increment("c", 0);
            increment("b", 0);  // collides
            increment("a", 2);
            increment("a", 0);  // collides, after 2 in the same batch
            increment("c", 0);  // redelivered in the batch: collides with the c of this batch
            increment("c", 1);
        });

        assertThat(count("a")).isEqualTo(3);
        assertThat(count("b")).isEqualTo(1);
        assertThat(count("c")).isEqualTo(2);
    }

    @Test
    void aFailingFlushFailsTheUnitOfWork() {
        labels.insertOne(new Document("_id", "taken"));
        AtomicBoolean rolledBack = new AtomicBoolean();
        AtomicBoolean committed = new AtomicBoolean();
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.onRollback(u -> rolledBack.set(true));
        unitOfWork.onCommit(u -> committed.set(true));
        increment("a", 0);
        // a duplicate key is "already applied" for sequenced updates only; anything else is an error
        ReadModelWrites.write(labels, "taken", new InsertOneModel<>(new Document("_id", "taken")));

        assertThatThrownBy(unitOfWork::commit).isInstanceOf(MongoBulkWriteException.class);

        assertThat(rolledBack).isTrue();
        assertThat(committed).isFalse();
    }

    @Test
    void aSequencedUpdateFailingForAnotherReasonIsAnError() {
        counters.insertOne(new Document("_id", "a").append("count", "not a number").append(SequencedUpdates.LAST_SEQ, 0L));

        assertThatThrownBy(() -> inOneUnitOfWork(() -> {
            increment("b", 0);
            increment("a", 1);
            increment("b", 1);
        })).isInstanceOf(MongoBulkWriteException.class);
    }

    @Test
    void aReadCanFirstSendWhatIsQueuedForItsDocument() {
        inOneUnitOfWork(() -> {
            increment("a", 0);
            increment("b", 0);

            ReadModelWrites.flushIfPending(counters, "z");
            assertThat(counters.countDocuments()).as("nothing queued for z: nothing sent").isZero();

            ReadModelWrites.flushIfPending(counters, "a");
            assertThat(count("a")).isEqualTo(1);
            assertThat(count("b")).isEqualTo(1);

            increment("a", 1);
            assertThat(count("a")).isEqualTo(1);
        });

        assertThat(count("a")).isEqualTo(2);
        assertThat(commands("update", database, "counters")).isEqualTo(2);
    }

    @Test
    void aWriteWhileTheCommitIsPreparedIsSentAtOnce() {
        List<Long> seen = new ArrayList<>();
        inOneUnitOfWork(() -> {
            increment("a", 0);
            CurrentUnitOfWork.get().onPrepareCommit(u -> {
                increment("a", 1);
                seen.add(count("a"));
            });
        });

        assertThat(seen).containsExactly(2L);
    }

    @Test
    void deletingAllSendsWhatWasQueuedFirstAndLaterWritesAfter() {
        increment("old", 0);

        inOneUnitOfWork(() -> {
            increment("a", 0);
            ReadModelWrites.deleteAll(counters);
            assertThat(counters.countDocuments()).isZero();
            increment("b", 0);
        });

        assertThat(counters.find().into(new ArrayList<>())).extracting(d -> d.getString("_id")).containsExactly("b");
    }
}
