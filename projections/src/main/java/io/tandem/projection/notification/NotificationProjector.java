package io.tandem.projection.notification;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.follow.TraderBlockedEvent;
import io.tandem.contracts.follow.TraderFollowedEvent;
import io.tandem.contracts.follow.TraderMutedEvent;
import io.tandem.contracts.follow.TraderUnblockedEvent;
import io.tandem.contracts.follow.TraderUnmutedEvent;
import io.tandem.contracts.notification.NotificationKind;
import io.tandem.contracts.notification.NotificationUpdatesQuery;
import io.tandem.contracts.post.CommentAddedEvent;
import io.tandem.contracts.post.Mention;
import io.tandem.contracts.post.PostCreatedEvent;
import io.tandem.contracts.post.PostLikedEvent;
import io.tandem.projection.support.ReadModelCollections;
import io.tandem.projection.support.ReadModelWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.SourceId;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryMessage;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Notifications: someone followed you, mentioned you in a post or comment, liked or commented on
 * your post; never for your own actions, nor for actions of someone you muted or blocked (this
 * group's own copy of mutes and blocks, {@code notification_relations}, keyed {@code owner \u0001
 * actor}; the query side filters by it again, so notifications written before a mute or block are
 * hidden too). A notification is listed under {@code owner \u0001 inverted time \u0001 id} and has a
 * stable key (its public id): per post or comment for mentions and comments, and per (actor, post)
 * for a like and per actor for a follow, so that liking again or following again moves the one
 * notification to the new time instead of adding another ({@code notification_keys} says where it is
 * listed, and with which event sequence, so that an older event delivered again changes nothing).
 * A redelivered or replayed event writes the same documents again. New notifications are pushed to
 * the owner's {@link NotificationUpdatesQuery} subscription outside replays only, without the actor's
 * profile: the subscription reads each one back as the notifications page shows it.
 */
@Component
@ProcessingGroup(NotificationProjector.PROCESSING_GROUP)
public class NotificationProjector {

    public static final String PROCESSING_GROUP = "notifications";

    static final String SEP = "\u0001";
    static final String OWNER = "owner";
    static final String KIND = "kind";
    static final String ACTOR = "actor";
    static final String POST_ID = "postId";
    static final String COMMENT_ID = "commentId";
    static final String AT = "at";
    static final String KEY = "key";
    static final String LISTING = "listing";
    static final String SEQUENCE = "sequence";
    static final String SILENCED = "silenced";
    static final String MUTED = "muted";
    static final String BLOCKED = "blocked";

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final UpdateOptions UPSERT_UPDATE = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> notifications;
    private final MongoCollection<Document> relations;
    private final MongoCollection<Document> keys;
    private final QueryUpdateEmitter emitter;

    public NotificationProjector(MongoDatabase database, QueryUpdateEmitter emitter) {
        this.notifications = database.getCollection(ReadModelCollections.NOTIFICATIONS);
        this.relations = database.getCollection(ReadModelCollections.NOTIFICATION_RELATIONS);
        this.keys = database.getCollection(ReadModelCollections.NOTIFICATION_KEYS);
        this.emitter = emitter;
    }

    @EventHandler
    public void on(TraderMutedEvent event) {
        relation(event.actor(), event.target(), MUTED, true);
    }

    @EventHandler
    public void on(TraderUnmutedEvent event) {
        relation(event.actor(), event.target(), MUTED, false);
    }

    @EventHandler
    public void on(TraderBlockedEvent event) {
        relation(event.actor(), event.target(), BLOCKED, true);
    }

    @EventHandler
    public void on(TraderUnblockedEvent event) {
        relation(event.actor(), event.target(), BLOCKED, false);
    }

    @EventHandler
    public void on(TraderFollowedEvent event, @SourceId String aggregateId, @SequenceNumber long sequence,
                   ReplayStatus replayStatus) {
        Map<String, Document> notes = new LinkedHashMap<>();
        add(notes, event.target(), event.actor(), NotificationKind.FOLLOWED, null, null, event.at(), aggregateId, sequence);
        store(notes, replayStatus);
    }

    @EventHandler
    public void on(PostCreatedEvent event, @SourceId String aggregateId, @SequenceNumber long sequence,
                   ReplayStatus replayStatus) {
        Map<String, Document> notes = new LinkedHashMap<>();
        for (Mention mention : mentions(event.mentions())) {
            add(notes, mention.userId(), event.author(), NotificationKind.MENTIONED, event.postId().value(), null, event.at(),
                    aggregateId, sequence);
        }
        store(notes, replayStatus);
    }

    @EventHandler
    public void on(CommentAddedEvent event, @SourceId String aggregateId, @SequenceNumber long sequence,
                   ReplayStatus replayStatus) {
        Map<String, Document> notes = new LinkedHashMap<>();
        String postId = event.postId().value();
        String commentId = event.commentId().value();
        add(notes, event.postAuthor(), event.author(), NotificationKind.COMMENTED, postId, commentId, event.at(),
                aggregateId, sequence);
        for (Mention mention : mentions(event.mentions())) {
            if (!mention.userId().equals(event.postAuthor())) { // the post's author hears of the comment already
                add(notes, mention.userId(), event.author(), NotificationKind.MENTIONED, postId, commentId, event.at(),
                        aggregateId, sequence);
            }
        }
        store(notes, replayStatus);
    }

    @EventHandler
    public void on(PostLikedEvent event, @SourceId String aggregateId, @SequenceNumber long sequence,
                   ReplayStatus replayStatus) {
        Map<String, Document> notes = new LinkedHashMap<>();
        add(notes, event.postAuthor(), event.user(), NotificationKind.LIKED, event.postId().value(), null, event.at(),
                aggregateId, sequence);
        store(notes, replayStatus);
    }

    @ResetHandler
    public void reset() {
        ReadModelWrites.deleteAll(notifications);
        ReadModelWrites.deleteAll(relations);
        ReadModelWrites.deleteAll(keys);
    }

    static String relationId(String owner, String actor) {
        return owner + SEP + actor;
    }

    private void relation(UserId owner, UserId actor, String flag, boolean value) {
        String id = relationId(owner.value(), actor.value());
        ReadModelWrites.write(relations, id, new UpdateOneModel<>(Filters.eq("_id", id), Updates.combine(
                Updates.set(OWNER, owner.value()), Updates.set(ACTOR, actor.value()), Updates.set(flag, value)), UPSERT_UPDATE));
    }

    private static List<Mention> mentions(List<Mention> mentions) {
        return mentions == null ? List.of() : mentions;
    }

    /** One notification of {@code owner}, unless it is about the owner's own action; the first one per owner wins. */
    private static void add(Map<String, Document> notes, UserId owner, UserId actor, NotificationKind kind, String postId,
                            String commentId, Instant at, String aggregateId, long sequence) {
        if (owner == null || actor == null || owner.equals(actor) || notes.containsKey(owner.value())) {
            return;
        }
        String key = key(owner.value(), kind, actor.value(), postId, commentId);
        String inverted = String.format("%019d", Long.MAX_VALUE - io.tandem.projection.support.Cursors.timeKey(at));
        String id = owner.value() + SEP + inverted + SEP + aggregateId + ":" + sequence + ":" + kind.name();
        notes.put(owner.value(), new Document("_id", id).append(KEY, key).append(OWNER, owner.value()).append(KIND, kind.name())
                .append(ACTOR, actor.value()).append(POST_ID, postId).append(COMMENT_ID, commentId).append(AT, at.toString())
                .append(SEQUENCE, sequence));
    }

    /**
     * The stable key of a notification: what makes two of them the same one. A like is one per
     * (actor, post) and a follow one per actor, whatever the unlikes and unfollows in between;
     * mentions and comments are one per post or comment.
     */
    static String key(String owner, NotificationKind kind, String actor, String postId, String commentId) {
        return switch (kind) {
            case FOLLOWED -> owner + SEP + kind.name() + SEP + actor;
            case LIKED -> owner + SEP + kind.name() + SEP + actor + SEP + postId;
            case MENTIONED, COMMENTED -> owner + SEP + kind.name() + SEP + postId + SEP + (commentId == null ? "" : commentId);
        };
    }

    private static boolean repeatable(String kind) {
        return NotificationKind.LIKED.name().equals(kind) || NotificationKind.FOLLOWED.name().equals(kind);
    }

    /** Drops the notifications whose owner muted or blocked the actor (one read for all of them), writes and pushes the rest. */
    private void store(Map<String, Document> notes, ReplayStatus replayStatus) {
        if (notes.isEmpty()) {
            return;
        }
        List<String> relationIds = new ArrayList<>();
        for (Document note : notes.values()) {
            relationIds.add(relationId(note.getString(OWNER), note.getString(ACTOR)));
        }
        ReadModelWrites.flush(relations);
        Set<String> silenced = new HashSet<>();
        for (Document relation : relations.find(Filters.and(Filters.in("_id", relationIds),
                Filters.or(Filters.eq(MUTED, true), Filters.eq(BLOCKED, true))))) {
            silenced.add(relation.getString(OWNER));
        }
        Set<String> subscribed = replayStatus.isReplay() ? Set.of() : subscribedOwners();
        for (Document note : notes.values()) {
            String owner = note.getString(OWNER);
            if (silenced.contains(owner)) {
                continue;
            }
            long sequence = note.getLong(SEQUENCE);
            note.remove(SEQUENCE);
            String id = note.getString("_id");
            if (repeatable(note.getString(KIND)) && !moveRepeated(note.getString(KEY), id, sequence)) {
                continue;
            }
            ReadModelWrites.write(notifications, id, new ReplaceOneModel<>(Filters.eq("_id", id), note, UPSERT));
            if (subscribed.contains(owner)) {
                var view = NotificationViews.unresolved(note);
                emitter.emit(NotificationUpdatesQuery.class, query -> query.owner().value().equals(owner), view);
            }
        }
    }

    /**
     * Records that the notification of the repeatable {@code key} is now listed as {@code id}, removing
     * the one it replaces; false (write nothing) when an event of a higher sequence already did.
     */
    private boolean moveRepeated(String key, String id, long sequence) {
        ReadModelWrites.flushIfPending(keys, key);
        Document current = keys.find(Filters.eq("_id", key)).first();
        if (current != null) {
            if (current.get(SEQUENCE, Number.class).longValue() > sequence) {
                return false;
            }
            String listed = current.getString(LISTING);
            if (listed != null && !listed.equals(id)) {
                ReadModelWrites.write(notifications, listed, new DeleteOneModel<>(Filters.eq("_id", listed)));
            }
        }
        ReadModelWrites.write(keys, key, new ReplaceOneModel<>(Filters.eq("_id", key),
                new Document("_id", key).append(LISTING, id).append(SEQUENCE, sequence), UPSERT));
        return true;
    }

    private Set<String> subscribedOwners() {
        Set<SubscriptionQueryMessage<?, ?, ?>> subscriptions = emitter.activeSubscriptions();
        if (subscriptions.isEmpty()) {
            return Set.of();
        }
        Set<String> owners = new HashSet<>();
        for (SubscriptionQueryMessage<?, ?, ?> subscription : subscriptions) {
            if (subscription.getPayload() instanceof NotificationUpdatesQuery query) {
                owners.add(query.owner().value());
            }
        }
        return owners;
    }
}
