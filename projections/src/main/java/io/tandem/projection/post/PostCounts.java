package io.tandem.projection.post;

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
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A post's likes and comments counts, recounted once per batch for the posts it touched, after its
 * writes ({@link BatchEnd}), and set as absolute values: the number of liked likes and of comments
 * that are not deleted in the post's range. Redelivery counts and sets the same again.
 */
final class PostCounts {

    private static final String KEY = PostCounts.class.getName();

    private final MongoDatabase database;
    private final MongoCollection<Document> posts;
    private final MongoCollection<Document> likes;
    private final MongoCollection<Document> comments;

    PostCounts(MongoDatabase database) {
        this.database = database;
        this.posts = database.getCollection(ReadModelCollections.POSTS);
        this.likes = database.getCollection(ReadModelCollections.LIKES);
        this.comments = database.getCollection(ReadModelCollections.COMMENTS);
    }

    void recountLikes(String postId) {
        touch(postId, true, false);
    }

    void recountComments(String postId) {
        touch(postId, false, true);
    }

    private void touch(String postId, boolean likesTouched, boolean commentsTouched) {
        Map<String, boolean[]> touched = BatchEnd.state(KEY, LinkedHashMap::new);
        boolean[] which = touched.computeIfAbsent(postId, id -> new boolean[2]);
        which[0] |= likesTouched;
        which[1] |= commentsTouched;
        BatchEnd.once(KEY, () -> write(touched));
    }

    private void write(Map<String, boolean[]> touched) {
        ReadModelWrites.flush(likes);
        ReadModelWrites.flush(comments);
        List<UpdateOneModel<Document>> updates = new ArrayList<>(touched.size());
        touched.forEach((postId, which) -> {
            List<Bson> sets = new ArrayList<>(2);
            if (which[0]) {
                sets.add(Updates.set(PostDocuments.LIKES_COUNT, CompositeIds.count(database, likes,
                        CompositeIds.listing(postId, null).append(PostDocuments.LIKED, true))));
            }
            if (which[1]) {
                sets.add(Updates.set(PostDocuments.COMMENTS_COUNT, CompositeIds.count(database, comments,
                        CompositeIds.listing(postId, null).append(PostDocuments.DELETED, new Document("$ne", true)))));
            }
            updates.add(new UpdateOneModel<>(Filters.eq("_id", postId), Updates.combine(sets)));
        });
        touched.clear();
        ReadModelWrites.writeNow(posts, updates);
    }
}
