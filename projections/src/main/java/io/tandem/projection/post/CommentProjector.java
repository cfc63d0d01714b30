package io.tandem.projection.post;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import io.tandem.contracts.post.CommentAddedEvent;
import io.tandem.contracts.post.CommentDeletedEvent;
import io.tandem.contracts.post.Mention;
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

import java.util.List;

import static io.tandem.projection.post.PostDocuments.*;

/**
 * Projects the comment aggregates into the posts' comment listings, oldest first, sequenced by the
 * comment's sequence number; a deleted comment stays as a tombstone (see {@link PostProjector} for
 * why). The deletion event does not carry the creation time the listing key is made of, so
 * {@code comment_keys} remembers each comment's key (an absolute value: a comment's key never
 * changes). The post's comments count is recounted at the end of the batch ({@link PostCounts}).
 */
@Component
@ProcessingGroup(ProfileProjector.PROCESSING_GROUP)
public class CommentProjector {

    private final MongoCollection<Document> comments;
    private final MongoCollection<Document> commentKeys;
    private final AggregateStreams streams;
    private final PostCounts counts;

    public CommentProjector(MongoDatabase database) {
        this.comments = database.getCollection(ReadModelCollections.COMMENTS);
        this.commentKeys = database.getCollection(ReadModelCollections.COMMENT_KEYS);
        this.streams = AggregateStreams.of(database, ProfileProjector.PROCESSING_GROUP + "_comments", comments, commentKeys);
        this.counts = new PostCounts(database);
    }

    @EventHandler
    public void on(CommentAddedEvent event, @SequenceNumber long sequence) {
        String commentId = event.commentId().value();
        String postId = event.postId().value();
        streams.handled(commentId, sequence);
        String key = CompositeIds.of(postId, CompositeIds.oldestFirst(event.at()), commentId);
        ReadModelWrites.write(commentKeys, commentId, new ReplaceOneModel<>(Filters.eq("_id", commentId),
                new Document("_id", commentId).append(COMMENT_KEY, key), new ReplaceOptions().upsert(true)));
        List<String> mentions = event.mentions() == null ? List.of() : event.mentions().stream().map(Mention::handle).toList();
        SequencedUpdates.applyIfNewer(comments, key, sequence, Updates.combine(
                Updates.set(COMMENT_ID, commentId),
                Updates.set(COMMENT_POST_ID, postId),
                Updates.set(COMMENT_AUTHOR, event.author().value()),
                Updates.set(TEXT, event.text()),
                Updates.set(MENTIONS, mentions),
                Updates.set(CREATED_AT, event.at().toString()),
                Updates.set(DELETED, false)), true);
        counts.recountComments(postId);
    }

    @EventHandler
    public void on(CommentDeletedEvent event, @SequenceNumber long sequence) {
        String commentId = event.commentId().value();
        streams.handled(commentId, sequence);
        ReadModelWrites.flushIfPending(commentKeys, commentId);
        Document known = commentKeys.find(Filters.eq("_id", commentId)).first();
        if (known != null) {
            SequencedUpdates.applyIfNewer(comments, known.getString(COMMENT_KEY), sequence, Updates.combine(
                    Updates.set(DELETED, true), Updates.set(TEXT, null), Updates.set(MENTIONS, List.of())), false);
        }
        counts.recountComments(event.postId().value());
    }

    @ResetHandler
    public void reset() {
        ReadModelWrites.deleteAll(comments);
        ReadModelWrites.deleteAll(commentKeys);
        streams.reset();
    }
}
