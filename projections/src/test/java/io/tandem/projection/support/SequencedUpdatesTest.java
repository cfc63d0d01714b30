package io.tandem.projection.support;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SequencedUpdatesTest extends MongoReadModelTest {

    private MongoCollection<Document> collection;

    @BeforeEach
    void collection() {
        collection = database.getCollection("counters");
    }

    private long counter() {
        return Numbers.longOf(collection.find(Filters.eq("_id", "c")).first(), "count");
    }

    @Test
    void upsertCreatesTheDocumentOnTheFirstEvent() {
        assertThat(SequencedUpdates.applyIfNewer(collection, "c", 0, Updates.inc("count", 5L), true)).isTrue();

        assertThat(counter()).isEqualTo(5);
    }

    @Test
    void anEventAlreadyAppliedIsIgnoredEvenWithUpsert() {
        SequencedUpdates.applyIfNewer(collection, "c", 0, Updates.inc("count", 5L), true);
        SequencedUpdates.applyIfNewer(collection, "c", 1, Updates.inc("count", 2L), true);

        assertThat(SequencedUpdates.applyIfNewer(collection, "c", 1, Updates.inc("count", 2L), true)).isFalse();
        assertThat(SequencedUpdates.applyIfNewer(collection, "c", 0, Updates.inc("count", 5L), true)).isFalse();
        assertThat(counter()).isEqualTo(7);
    }

    @Test
    void withoutUpsertAMissingDocumentStaysMissing() {
        assertThat(SequencedUpdates.applyIfNewer(collection, "c", 3, Updates.inc("count", 1L), false)).isFalse();

        assertThat(collection.countDocuments()).isZero();
    }
}
