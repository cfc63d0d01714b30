package io.tandem.projection.post;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.tandem.contracts.post.Mention;
import io.tandem.contracts.post.PostCreatedEvent;
import io.tandem.contracts.post.PostDeletedEvent;
import io.tandem.contracts.post.TradePostUpdatedEvent;
import io.tandem.contracts.post.TradeSummary;
import io.tandem.projection.profile.ProfileProjector;
import io.tandem.projection.profile.TraderCounts;
import io.tandem.projection.support.AggregateStreams;
import io.tandem.projection.support.CompositeIds;
import io.tandem.projection.support.Cursors;
import io.tandem.projection.support.Numbers;
import io.tandem.projection.support.ReadModelCollections;
import io.tandem.projection.support.ReadModelWrites;
import io.tandem.projection.support.SequencedUpdates;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

import static io.tandem.projection.post.PostDocuments.*;

/**
 * Projects the post aggregates into one document per post and the author's listing, newest first.
 * Both are sequenced by the post's sequence number. A deleted post stays as a tombstone in both
 * (hidden from every query and count): deleting the documents would let a redelivered creation put
 * them back, since an upsert of a missing document always applies. The author's posts count is
 * recounted at the end of the batch ({@link TraderCounts}).
 */
@Component
@ProcessingGroup(ProfileProjector.PROCESSING_GROUP)
public class PostProjector {

    private final MongoCollection<Document> posts;
    private final MongoCollection<Document> authorPosts;
    private final AggregateStreams streams;
    private final TraderCounts counts;

    public PostProjector(MongoDatabase database) {
        this.posts = database.getCollection(ReadModelCollections.POSTS);
        this.authorPosts = database.getCollection(ReadModelCollections.AUTHOR_POSTS);
        this.streams = AggregateStreams.of(database, ProfileProjector.PROCESSING_GROUP + "_posts", posts, authorPosts);
        this.counts = new TraderCounts(database);
    }

    @EventHandler
    public void on(PostCreatedEvent event, @SequenceNumber long sequence) {
        String postId = event.postId().value();
        String author = event.author().value();
        streams.handled(postId, sequence);
        List<String> mentions = event.mentions() == null ? List.of() : event.mentions().stream().map(Mention::handle).toList();
        SequencedUpdates.applyIfNewer(posts, postId, sequence, Updates.combine(
                Updates.set(AUTHOR, author),
                Updates.set(KIND, event.kind().name()),
                Updates.set(TEXT, event.text()),
                Updates.set(SYMBOLS, event.symbols() == null ? List.of() : event.symbols()),
                Updates.set(MENTIONS, mentions),
                Updates.set(CREATED_AT, event.at().toString()),
                Updates.set(CREATED_KEY, Cursors.timeKey(event.at())),
                Updates.set(TRADE, trade(event.trade())),
                Updates.set(DELETED, false)), true);
        SequencedUpdates.applyIfNewer(authorPosts, listingId(author, event.at(), postId), sequence,
                Updates.combine(Updates.set(LISTED_POST_ID, postId), Updates.set(DELETED, false)), true);
        counts.recount(author, TraderCounts.Count.POSTS);
    }

    @EventHandler
    public void on(TradePostUpdatedEvent event, @SequenceNumber long sequence) {
        streams.handled(event.postId().value(), sequence);
        SequencedUpdates.applyIfNewer(posts, event.postId().value(), sequence, Updates.set(TRADE, trade(event.trade())), false);
    }

    @EventHandler
    public void on(PostDeletedEvent event, @SequenceNumber long sequence) {
        String postId = event.postId().value();
        streams.handled(postId, sequence);
        ReadModelWrites.flushIfPending(posts, postId);
        Document post = posts.find(Filters.eq("_id", postId)).first();
        SequencedUpdates.applyIfNewer(posts, postId, sequence, Updates.combine(Updates.set(DELETED, true),
                Updates.set(TEXT, null), Updates.set(SYMBOLS, List.of()), Updates.set(MENTIONS, List.of())), false);
        if (post != null && post.get(CREATED_KEY) != null) {
            String listed = CompositeIds.of(post.getString(AUTHOR), newestFirst(Numbers.longOf(post, CREATED_KEY)), postId);
            SequencedUpdates.applyIfNewer(authorPosts, listed, sequence, Updates.set(DELETED, true), false);
        }
        counts.recount(event.author().value(), TraderCounts.Count.POSTS);
    }

    @ResetHandler
    public void reset() {
        ReadModelWrites.deleteAll(posts);
        ReadModelWrites.deleteAll(authorPosts);
        streams.reset();
    }

    static String listingId(String author, Instant createdAt, String postId) {
        return CompositeIds.of(author, CompositeIds.newestFirst(createdAt), postId);
    }

    private static String newestFirst(long timeKey) {
        return CompositeIds.newestFirst(Instant.ofEpochSecond(0, timeKey));
    }

    private static Document trade(TradeSummary trade) {
        if (trade == null) {
            return null;
        }
        return new Document(TRADE_SYMBOL, trade.symbol().value())
                .append(TRADE_SIDE, trade.side().name())
                .append(TRADE_FILLED_LOTS, trade.filledQuantity().lots())
                .append(TRADE_AVERAGE_TICKS, trade.averagePrice().ticks());
    }
}
