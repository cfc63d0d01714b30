package io.tandem.projection.post;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import io.tandem.contracts.post.PostLikedEvent;
import io.tandem.contracts.post.PostUnlikedEvent;
import io.tandem.projection.profile.ProfileProjector;
import io.tandem.projection.support.AggregateStreams;
import io.tandem.projection.support.CompositeIds;
import io.tandem.projection.support.ReadModelCollections;
import io.tandem.projection.support.ReadModelWrites;
import io.tandem.projection.support.SequencedUpdates;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.springframework.stereotype.Component;

import static io.tandem.projection.post.PostDocuments.*;

/**
 * Projects the like aggregates (one per user and post) into one document per pair, {@code _id}
 * post U+0001 user, so that "liked by me" is one look-up and a post's likes are one range; an unlike
 * keeps the document with {@code liked} false, so a redelivered like cannot come back. The post's
 * likes count is recounted at the end of the batch ({@link PostCounts}).
 */
@Component
@ProcessingGroup(ProfileProjector.PROCESSING_GROUP)
public class LikeProjector {

    private final MongoCollection<Document> likes;
    private final AggregateStreams streams;
    private final PostCounts counts;

    public LikeProjector(MongoDatabase database) {
        this.likes = database.getCollection(ReadModelCollections.LIKES);
        this.streams = AggregateStreams.of(database, ProfileProjector.PROCESSING_GROUP + "_likes", likes);
        this.counts = new PostCounts(database);
    }

    @EventHandler
    public void on(PostLikedEvent event, @SequenceNumber long sequence) {
        set(event.likeId().value(), event.postId().value(), event.user().value(), true, sequence);
    }

    @EventHandler
    public void on(PostUnlikedEvent event, @SequenceNumber long sequence) {
        set(event.likeId().value(), event.postId().value(), event.user().value(), false, sequence);
    }

    @ResetHandler
    public void reset() {
        ReadModelWrites.deleteAll(likes);
        streams.reset();
    }

    private void set(String likeId, String postId, String userId, boolean liked, long sequence) {
        streams.handled(likeId, sequence);
        SequencedUpdates.applyIfNewer(likes, CompositeIds.of(postId, userId), sequence,
                Updates.combine(Updates.set(LIKE_USER, userId), Updates.set(LIKED, liked)), true);
        counts.recountLikes(postId);
    }
}
