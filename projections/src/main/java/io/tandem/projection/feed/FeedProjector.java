package io.tandem.projection.feed;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.DeleteManyModel;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.tandem.contracts.follow.TraderBlockedEvent;
import io.tandem.contracts.follow.TraderFollowedEvent;
import io.tandem.contracts.follow.TraderMutedEvent;
import io.tandem.contracts.follow.TraderUnblockedEvent;
import io.tandem.contracts.follow.TraderUnfollowedEvent;
import io.tandem.contracts.follow.TraderUnmutedEvent;
import io.tandem.contracts.post.PostCreatedEvent;
import io.tandem.contracts.post.PostDeletedEvent;
import io.tandem.projection.support.BatchEnd;
import io.tandem.projection.support.ReadModelCollections;
import io.tandem.projection.support.ReadModelWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The home feed, fanned out on write. Each post goes into the timelines of its author and of every
 * follower who has not muted the author and has no block with them: one range read of the author's
 * followers in this group's own copy of the graph ({@code feed_edges}, keyed {@code followee \u0001
 * follower}), then one small upserted entry per timeline, all queued in {@link ReadModelWrites} and
 * sent as one bulk write per collection per batch. Entries are keyed {@code owner \u0001 inverted
 * time \u0001 postId}, so a timeline is one {@code _id} range, newest first, and an entry is written
 * with an absolute value: redelivery and replay are harmless.
 * <p>
 * A follow (or an unmute of someone followed) brings the followee's latest {@value FeedProperties#BACKFILL}
 * posts ({@code feed_recent_posts}) into the follower's timeline, under their own times; an unfollow,
 * mute or block removes the other's entries from the timeline (both ways for a block: one range delete
 * each); a deleted post leaves the timelines of its author and everyone who follows the author now
 * (the only timelines that can hold it: an unfollow removed it from the others), found by key from
 * {@code feed_posts}, in one delete.
 * <p>
 * A follow or an unmute knows the edge from the batch's edges, read in one query per batch and kept
 * up to date in memory, instead of reading it back after its write. A batch's timeline writes are sent
 * early once {@value #TIMELINE_WRITES_PER_FLUSH} are queued, so that a replayed batch of popular posts
 * does not hold millions of them in memory.
 * <p>
 * Timelines are trimmed to {@code tandem.feed.max-items} by a sweep off the hot path ({@link FeedTrimmer}).
 * New posts handled outside a replay are pushed to the subscriptions of the owners that got them
 * ({@link FeedPushes}); a backfill is not pushed: those posts are old, and the follower sees them on
 * the next read of the feed.
 */
@Component
@ProcessingGroup(FeedProjector.PROCESSING_GROUP)
public class FeedProjector {

    public static final String PROCESSING_GROUP = "home-feed";

    static final String OWNER = "owner";
    static final String AUTHOR = "author";
    static final String POST_ID = "postId";
    static final String KEY = "key";
    static final String FOLLOWEE = "followee";
    static final String FOLLOWER = "follower";
    static final String FOLLOWING = "following";
    static final String MUTED = "muted";
    /** On the edge followee <- follower: the follower blocked the followee. */
    static final String BLOCKS = "blocks";
    /** On the edge followee <- follower: the followee blocked the follower. */
    static final String BLOCKED_BY = "blockedBy";
    static final String DELETED = "deleted";

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final UpdateOptions UPSERT_UPDATE = new UpdateOptions().upsert(true);
    static final int TIMELINE_WRITES_PER_FLUSH = 20_000;
    private static final int PREFETCH_CHUNK = 1_000;
    private static final String EDGES = FeedProjector.class.getName() + ".edges";
    private static final String QUEUED_TIMELINE_WRITES = FeedProjector.class.getName() + ".queuedTimelineWrites";

    private final MongoCollection<Document> timelines;
    private final MongoCollection<Document> edges;
    private final MongoCollection<Document> recentPosts;
    private final MongoCollection<Document> posts;
    private final FeedPushes pushes;
    private final FanOutPolicy fanOutPolicy;
    private final FeedTrimmer timelineTrimmer;
    private final FeedTrimmer recentTrimmer;
    private final int timelineWritesPerFlush;

    @Autowired
    public FeedProjector(MongoDatabase database, QueryUpdateEmitter emitter, FeedProperties properties,
                         FanOutPolicy fanOutPolicy) {
        this(database, emitter, properties, fanOutPolicy, TIMELINE_WRITES_PER_FLUSH);
    }

    FeedProjector(MongoDatabase database, QueryUpdateEmitter emitter, FeedProperties properties,
                  FanOutPolicy fanOutPolicy, int timelineWritesPerFlush) {
        this.timelineWritesPerFlush = timelineWritesPerFlush;
        this.timelines = database.getCollection(ReadModelCollections.TIMELINES);
        this.edges = database.getCollection(ReadModelCollections.FEED_EDGES);
        this.recentPosts = database.getCollection(ReadModelCollections.FEED_RECENT_POSTS);
        this.posts = database.getCollection(ReadModelCollections.FEED_POSTS);
        this.pushes = new FeedPushes(emitter);
        this.fanOutPolicy = fanOutPolicy;
        this.timelineTrimmer = new FeedTrimmer(timelines, OWNER, properties.maxItems());
        this.recentTrimmer = new FeedTrimmer(recentPosts, AUTHOR, FeedProperties.BACKFILL);
    }

    @EventHandler
    public void on(TraderFollowedEvent event) {
        String followee = event.target().value();
        String follower = event.actor().value();
        Document edge = setEdge(followee, follower, FOLLOWING, true);
        if (receives(edge)) {
            backfill(followee, follower);
        }
    }

    @EventHandler
    public void on(TraderUnfollowedEvent event) {
        setEdge(event.target().value(), event.actor().value(), FOLLOWING, false);
        removeAuthorFrom(event.actor().value(), event.target().value());
    }

    @EventHandler
    public void on(TraderMutedEvent event) {
        setEdge(event.target().value(), event.actor().value(), MUTED, true);
        removeAuthorFrom(event.actor().value(), event.target().value());
    }

    @EventHandler
    public void on(TraderUnmutedEvent event) {
        String followee = event.target().value();
        String follower = event.actor().value();
        Document edge = setEdge(followee, follower, MUTED, false);
        if (edge.getBoolean(FOLLOWING, false) && receives(edge)) {
            backfill(followee, follower);
        }
    }

    @EventHandler
    public void on(TraderBlockedEvent event) {
        String blocker = event.actor().value();
        String blocked = event.target().value();
        setEdge(blocked, blocker, BLOCKS, true);
        setEdge(blocker, blocked, BLOCKED_BY, true);
        removeAuthorFrom(blocker, blocked);
        removeAuthorFrom(blocked, blocker);
    }

    @EventHandler
    public void on(TraderUnblockedEvent event) {
        String blocker = event.actor().value();
        String blocked = event.target().value();
        setEdge(blocked, blocker, BLOCKS, false);
        setEdge(blocker, blocked, BLOCKED_BY, false);
    }

    @EventHandler
    public void on(PostCreatedEvent event, ReplayStatus replayStatus) {
        String author = event.author().value();
        String postId = event.postId().value();
        String inverted = FeedKeys.inverted(event.at());
        ReadModelWrites.write(posts, postId, new ReplaceOneModel<>(Filters.eq("_id", postId),
                new Document("_id", postId).append(AUTHOR, author).append(KEY, inverted), UPSERT));
        String recentId = FeedKeys.entry(author, inverted, postId);
        ReadModelWrites.write(recentPosts, recentId, new ReplaceOneModel<>(Filters.eq("_id", recentId),
                entry(recentId, author, author, postId), UPSERT));
        recentTrimmer.added(author, 1);

        List<String> owners = new ArrayList<>();
        owners.add(author);
        if (fanOutPolicy.pushes(event.author())) {
            owners.addAll(followersReceiving(author));
        }
        for (String owner : owners) {
            String id = FeedKeys.entry(owner, inverted, postId);
            writeTimeline(id, new ReplaceOneModel<>(Filters.eq("_id", id), entry(id, owner, author, postId), UPSERT));
            timelineTrimmer.added(owner, 1);
        }
        if (!replayStatus.isReplay()) {
            pushes.push(owners, inverted, postId);
        }
    }

    @EventHandler
    public void on(PostDeletedEvent event) {
        String postId = event.postId().value();
        ReadModelWrites.flushIfPending(posts, postId);
        Document post = posts.find(Filters.eq("_id", postId)).first();
        if (post == null || post.getBoolean(DELETED, false)) {
            return;
        }
        String author = post.getString(AUTHOR);
        String inverted = post.getString(KEY);
        List<String> ids = new ArrayList<>();
        ids.add(FeedKeys.entry(author, inverted, postId));
        ReadModelWrites.flush(edges);
        for (Document edge : edges.find(FeedKeys.range(author, FOLLOWEE)).projection(Projections.include(FOLLOWER))) {
            ids.add(FeedKeys.entry(edge.getString(FOLLOWER), inverted, postId));
        }
        writeTimeline(null, new DeleteManyModel<>(Filters.in("_id", ids)));
        String recentId = FeedKeys.entry(author, inverted, postId);
        ReadModelWrites.write(recentPosts, recentId, new DeleteOneModel<>(Filters.eq("_id", recentId)));
        ReadModelWrites.write(posts, postId, new UpdateOneModel<>(Filters.eq("_id", postId), Updates.set(DELETED, true)));
    }

    @ResetHandler
    public void reset() {
        ReadModelWrites.deleteAll(timelines);
        ReadModelWrites.deleteAll(edges);
        ReadModelWrites.deleteAll(recentPosts);
        ReadModelWrites.deleteAll(posts);
        timelineTrimmer.forgetAll();
        recentTrimmer.forgetAll();
    }

    /** Trims the timelines and recent-post lists added to since the last sweep; answers how many were over their cap. */
    public int sweep() {
        return timelineTrimmer.sweep() + recentTrimmer.sweep();
    }

    /** Sets one flag of the edge followee <- follower; answers the edge as it is now. */
    private Document setEdge(String followee, String follower, String field, boolean value) {
        String id = FeedKeys.edge(followee, follower);
        Map<String, Document> batch = BatchEnd.state(EDGES, this::prefetchEdges);
        Document edge = batch.get(id);
        if (edge == null) {
            edge = storedEdge(id);
            batch.put(id, edge);
        }
        ReadModelWrites.write(edges, id, new UpdateOneModel<>(Filters.eq("_id", id), Updates.combine(
                Updates.set(FOLLOWEE, followee), Updates.set(FOLLOWER, follower), Updates.set(field, value)),
                UPSERT_UPDATE));
        edge.append(field, value);
        return edge;
    }

    /** The stored edge {@code id} (after what is queued for it), or an empty one. */
    private Document storedEdge(String id) {
        ReadModelWrites.flushIfPending(edges, id);
        Document stored = edges.find(Filters.eq("_id", id)).first();
        return stored == null ? new Document("_id", id) : stored;
    }

    /**
     * The edges of every follow-graph event of the current batch as stored before it, read in one
     * query when the batch's first one is handled; the batch's events then update them in memory, so
     * a follow or an unmute knows the edge without reading it back after its write.
     */
    private Map<String, Document> prefetchEdges() {
        Map<String, Document> batch = new HashMap<>();
        if (!CurrentUnitOfWork.isStarted() || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> unitOfWork)) {
            return batch;
        }
        for (Message<?> message : unitOfWork.getMessages()) {
            Object payload = message.getPayload();
            if (payload instanceof TraderFollowedEvent e) {
                batch.put(FeedKeys.edge(e.target().value(), e.actor().value()), null);
            } else if (payload instanceof TraderUnfollowedEvent e) {
                batch.put(FeedKeys.edge(e.target().value(), e.actor().value()), null);
            } else if (payload instanceof TraderMutedEvent e) {
                batch.put(FeedKeys.edge(e.target().value(), e.actor().value()), null);
            } else if (payload instanceof TraderUnmutedEvent e) {
                batch.put(FeedKeys.edge(e.target().value(), e.actor().value()), null);
            } else if (payload instanceof TraderBlockedEvent e) {
                batch.put(FeedKeys.edge(e.target().value(), e.actor().value()), null);
                batch.put(FeedKeys.edge(e.actor().value(), e.target().value()), null);
            } else if (payload instanceof TraderUnblockedEvent e) {
                batch.put(FeedKeys.edge(e.target().value(), e.actor().value()), null);
                batch.put(FeedKeys.edge(e.actor().value(), e.target().value()), null);
            }
        }
        if (batch.isEmpty()) {
            return batch;
        }
        List<String> ids = List.copyOf(batch.keySet());
        ReadModelWrites.flush(edges);
        batch.replaceAll((id, none) -> new Document("_id", id));
        for (int from = 0; from < ids.size(); from += PREFETCH_CHUNK) {
            for (Document document : edges.find(Filters.in("_id", ids.subList(from, Math.min(ids.size(), from + PREFETCH_CHUNK))))) {
                batch.put(document.getString("_id"), document);
            }
        }
        return batch;
    }

    private static boolean receives(Document edge) {
        return !edge.getBoolean(MUTED, false) && !edge.getBoolean(BLOCKS, false) && !edge.getBoolean(BLOCKED_BY, false);
    }

    /**
     * Queues a timeline write; past {@value #TIMELINE_WRITES_PER_FLUSH} queued in the batch (say a
     * replayed batch of 500 posts to 10,000 followers each), sends them at once instead of holding
     * them all until commit. That is safe: they are idempotent upserts and deletes, the token moves
     * only when the batch commits, and {@link ReadModelWrites#flush} still checks the batch's
     * aggregate sequences first.
     */
    private void writeTimeline(String id, WriteModel<Document> model) {
        ReadModelWrites.write(timelines, id, model);
        int[] queued = BatchEnd.state(QUEUED_TIMELINE_WRITES, () -> new int[1]);
        if (++queued[0] >= timelineWritesPerFlush) {
            ReadModelWrites.flush(timelines);
            queued[0] = 0;
        }
    }

    /** The followers of {@code author} whose timelines get the author's posts: one range read. */
    private List<String> followersReceiving(String author) {
        ReadModelWrites.flush(edges);
        Bson filter = Filters.and(FeedKeys.range(author, FOLLOWEE), Filters.eq(FOLLOWING, true),
                Filters.ne(MUTED, true), Filters.ne(BLOCKS, true), Filters.ne(BLOCKED_BY, true));
        List<String> followers = new ArrayList<>();
        for (Document edge : edges.find(filter).projection(Projections.include(FOLLOWER))) {
            followers.add(edge.getString(FOLLOWER));
        }
        return followers;
    }

    /** The followee's latest posts into the follower's timeline, each under its own time. */
    private void backfill(String followee, String follower) {
        ReadModelWrites.flush(recentPosts);
        List<Document> recent = recentPosts.find(FeedKeys.range(followee, AUTHOR)).sort(Sorts.ascending("_id"))
                .limit(FeedProperties.BACKFILL).into(new ArrayList<>());
        if (recent.isEmpty()) {
            return;
        }
        for (Document post : recent) {
            String recentId = post.getString("_id");
            String inverted = recentId.substring(followee.length() + 1, followee.length() + 20);
            String postId = post.getString(POST_ID);
            String id = FeedKeys.entry(follower, inverted, postId);
            writeTimeline(id, new ReplaceOneModel<>(Filters.eq("_id", id), entry(id, follower, followee, postId), UPSERT));
        }
        timelineTrimmer.added(follower, recent.size());
    }

    private void removeAuthorFrom(String owner, String author) {
        writeTimeline(null, new DeleteManyModel<>(Filters.and(FeedKeys.range(owner, OWNER), Filters.eq(AUTHOR, author))));
    }

    private static Document entry(String id, String owner, String author, String postId) {
        return new Document("_id", id).append(OWNER, owner).append(AUTHOR, author).append(POST_ID, postId);
    }
}
