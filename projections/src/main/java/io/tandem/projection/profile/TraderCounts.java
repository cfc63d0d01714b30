package io.tandem.projection.profile;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.tandem.projection.support.BatchEnd;
import io.tandem.projection.support.CompositeIds;
import io.tandem.projection.support.ReadModelCollections;
import io.tandem.projection.support.ReadModelWrites;
import org.bson.Document;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trader's followers, following and posts counts, recounted rather than incremented: once per
 * batch, for the users the batch touched, each count is the size of the user's listing after the
 * batch's writes ({@link BatchEnd}), and is set as an absolute value. A redelivered batch counts
 * the same and sets the same, where {@code $inc} would count twice. The set never creates a
 * profile: a count for a user without one is dropped, and the profile's first event recounts.
 */
public final class TraderCounts {

    /** What is counted, the listing it counts and the field it sets. */
    public enum Count {
        FOLLOWERS(ReadModelCollections.FOLLOWERS, ProfileDocuments.FOLLOWERS_COUNT, null),
        FOLLOWING(ReadModelCollections.FOLLOWING, ProfileDocuments.FOLLOWING_COUNT, null),
        POSTS(ReadModelCollections.AUTHOR_POSTS, ProfileDocuments.POSTS_COUNT, "deleted");

        private final String listing;
        private final String field;
        private final String tombstone;

        Count(String listing, String field, String tombstone) {
            this.listing = listing;
            this.field = field;
            this.tombstone = tombstone;
        }
    }

    private static final String KEY = TraderCounts.class.getName();

    private final MongoDatabase database;
    private final MongoCollection<Document> profiles;

    public TraderCounts(MongoDatabase database) {
        this.database = database;
        this.profiles = database.getCollection(ReadModelCollections.PROFILES);
    }

    /** Recounts {@code counts} of {@code userId} when the batch commits (at once without a batch). */
    public void recount(String userId, Count... counts) {
        Map<String, Set<Count>> touched = BatchEnd.state(KEY, LinkedHashMap::new);
        touched.computeIfAbsent(userId, id -> EnumSet.noneOf(Count.class)).addAll(List.of(counts));
        BatchEnd.once(KEY, () -> write(touched));
    }

    private void write(Map<String, Set<Count>> touched) {
        for (Count count : Count.values()) {
            ReadModelWrites.flush(database.getCollection(count.listing));
        }
        List<UpdateOneModel<Document>> updates = new ArrayList<>(touched.size());
        touched.forEach((userId, counts) -> {
            List<org.bson.conversions.Bson> sets = new ArrayList<>();
            for (Count count : counts) {
                MongoCollection<Document> listing = database.getCollection(count.listing);
                Document filter = CompositeIds.listing(userId, null);
                if (count.tombstone != null) {
                    filter.append(count.tombstone, new Document("$ne", true));
                }
                sets.add(Updates.set(count.field, CompositeIds.count(database, listing, filter)));
            }
            updates.add(new UpdateOneModel<>(Filters.eq("_id", userId), Updates.combine(sets)));
        });
        touched.clear();
        ReadModelWrites.writeNow(profiles, updates);
    }
}
