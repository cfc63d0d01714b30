package io.tandem.projection.follow;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.tandem.contracts.follow.RelationshipId;
import io.tandem.contracts.follow.TraderBlockedEvent;
import io.tandem.contracts.follow.TraderFollowedEvent;
import io.tandem.contracts.follow.TraderMutedEvent;
import io.tandem.contracts.follow.TraderUnblockedEvent;
import io.tandem.contracts.follow.TraderUnfollowedEvent;
import io.tandem.contracts.follow.TraderUnmutedEvent;
import io.tandem.contracts.common.UserId;
import io.tandem.projection.profile.ProfileProjector;
import io.tandem.projection.profile.TraderCounts;
import io.tandem.projection.support.AggregateStreams;
import io.tandem.projection.support.BatchEnd;
import io.tandem.projection.support.CompositeIds;
import io.tandem.projection.support.ReadModelCollections;
import io.tandem.projection.support.ReadModelWrites;
import io.tandem.projection.support.SequencedUpdates;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.tandem.projection.follow.RelationDocuments.*;

/**
 * Projects the relationship aggregates into one document per directed pair (what the viewer has set
 * towards the target) and the follower and following edges of the two listings, newest follow first.
 * <p>
 * An edge's key holds the time of its follow, so an unfollow needs the key the follow chose: the
 * relation document keeps it. Edges and relation documents live in different collections, so the
 * order they reach the server in decides what a crash in between leaves behind; here the relation
 * documents of a batch are written last, once its edge writes have been sent ({@link BatchEnd}). A
 * relation document therefore never claims more than its edges show: when a batch is delivered again
 * after a crash, every event the relation document has not seen is applied again from the state it
 * shows, and applying an edge write twice (an upsert or a delete by {@code _id}) changes nothing.
 * Events the document has seen ({@value SequencedUpdates#LAST_SEQ}: one relationship aggregate
 * writes both directions of a pair, so its sequence numbers guard both documents) are skipped.
 * <p>
 * The relation documents a batch's events touch are read in one query at its first relationship
 * event and then kept for the batch, since this group is the only writer. The counts of the two users are recounted at the
 * end of the batch ({@link TraderCounts}).
 */
@Component
@ProcessingGroup(ProfileProjector.PROCESSING_GROUP)
public class RelationProjector {

    private static final String STATE = RelationProjector.class.getName();
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoCollection<Document> relations;
    private final MongoCollection<Document> followers;
    private final MongoCollection<Document> following;
    private final AggregateStreams streams;
    private final TraderCounts counts;

    public RelationProjector(MongoDatabase database) {
        this.relations = database.getCollection(ReadModelCollections.RELATIONS);
        this.followers = database.getCollection(ReadModelCollections.FOLLOWERS);
        this.following = database.getCollection(ReadModelCollections.FOLLOWING);
        this.streams = AggregateStreams.of(database, ProfileProjector.PROCESSING_GROUP + "_relations",
                relations, followers, following);
        this.counts = new TraderCounts(database);
    }

    @EventHandler
    public void on(TraderFollowedEvent event, @SequenceNumber long sequence) {
        apply(event.relationshipId(), event.actor(), event.target(), sequence, relation -> {
            String key = CompositeIds.newestFirst(event.at());
            if (relation.followKey != null && !relation.followKey.equals(key)) {
                deleteEdges(event.actor().value(), event.target().value(), relation.followKey);
            }
            String actor = event.actor().value();
            String target = event.target().value();
            ReadModelWrites.write(followers, null, edge(CompositeIds.of(target, key, actor), actor, event.at()));
            ReadModelWrites.write(following, null, edge(CompositeIds.of(actor, key, target), target, event.at()));
            relation.following = true;
            relation.followKey = key;
        });
        counts.recount(event.actor().value(), TraderCounts.Count.FOLLOWING);
        counts.recount(event.target().value(), TraderCounts.Count.FOLLOWERS);
    }

    @EventHandler
    public void on(TraderUnfollowedEvent event, @SequenceNumber long sequence) {
        apply(event.relationshipId(), event.actor(), event.target(), sequence, relation -> {
            if (relation.followKey != null) {
                deleteEdges(event.actor().value(), event.target().value(), relation.followKey);
            }
            relation.following = false;
            relation.followKey = null;
        });
        counts.recount(event.actor().value(), TraderCounts.Count.FOLLOWING);
        counts.recount(event.target().value(), TraderCounts.Count.FOLLOWERS);
    }

    @EventHandler
    public void on(TraderMutedEvent event, @SequenceNumber long sequence) {
        apply(event.relationshipId(), event.actor(), event.target(), sequence, relation -> relation.muting = true);
    }

    @EventHandler
    public void on(TraderUnmutedEvent event, @SequenceNumber long sequence) {
        apply(event.relationshipId(), event.actor(), event.target(), sequence, relation -> relation.muting = false);
    }

    @EventHandler
    public void on(TraderBlockedEvent event, @SequenceNumber long sequence) {
        apply(event.relationshipId(), event.actor(), event.target(), sequence, relation -> relation.blocking = true);
    }

    @EventHandler
    public void on(TraderUnblockedEvent event, @SequenceNumber long sequence) {
        apply(event.relationshipId(), event.actor(), event.target(), sequence, relation -> relation.blocking = false);
    }

    @ResetHandler
    public void reset() {
        ReadModelWrites.deleteAll(relations);
        ReadModelWrites.deleteAll(followers);
        ReadModelWrites.deleteAll(following);
        streams.reset();
    }

    private void apply(RelationshipId relationshipId, UserId actor, UserId target, long sequence, Consumer<Relation> change) {
        streams.handled(relationshipId.value(), sequence);
        Map<String, Relation> batch = BatchEnd.state(STATE, this::prefetch);
        String id = CompositeIds.of(actor.value(), target.value());
        Relation relation = batch.computeIfAbsent(id, this::load);
        if (sequence <= relation.lastSeq) {
            return; // seen: the document and its edges already show it
        }
        change.accept(relation);
        relation.lastSeq = sequence;
        relation.changed = true;
        BatchEnd.once(STATE, () -> store(batch));
    }

    /**
     * The relation documents of every relationship event in the current batch, read in one query when
     * the batch's first one is handled (a batch of follows would otherwise cost a read each).
     */
    private Map<String, Relation> prefetch() {
        Map<String, Relation> batch = new LinkedHashMap<>();
        if (!CurrentUnitOfWork.isStarted() || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> unitOfWork)) {
            return batch;
        }
        for (Message<?> message : unitOfWork.getMessages()) {
            String id = pairOf(message.getPayload());
            if (id != null) {
                batch.put(id, new Relation(id));
            }
        }
        if (!batch.isEmpty()) {
            for (Document document : relations.find(Filters.in("_id", List.copyOf(batch.keySet())))) {
                batch.put(document.getString("_id"), Relation.of(document));
            }
        }
        return batch;
    }

    private static String pairOf(Object payload) {
        UserId actor;
        UserId target;
        if (payload instanceof TraderFollowedEvent event) {
            actor = event.actor();
            target = event.target();
        } else if (payload instanceof TraderUnfollowedEvent event) {
            actor = event.actor();
            target = event.target();
        } else if (payload instanceof TraderMutedEvent event) {
            actor = event.actor();
            target = event.target();
        } else if (payload instanceof TraderUnmutedEvent event) {
            actor = event.actor();
            target = event.target();
        } else if (payload instanceof TraderBlockedEvent event) {
            actor = event.actor();
            target = event.target();
        } else if (payload instanceof TraderUnblockedEvent event) {
            actor = event.actor();
            target = event.target();
        } else {
            return null;
        }
        return CompositeIds.of(actor.value(), target.value());
    }

    private Relation load(String id) {
        Document document = relations.find(Filters.eq("_id", id)).first();
        return document == null ? new Relation(id) : Relation.of(document);
    }

    /** Writes the relation documents the batch changed, after its edges (see the class comment). */
    private void store(Map<String, Relation> batch) {
        ReadModelWrites.flush(followers);
        ReadModelWrites.flush(following);
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Relation relation : batch.values()) {
            if (relation.changed) {
                writes.add(new ReplaceOneModel<>(Filters.eq("_id", relation.id), relation.toDocument(), UPSERT));
                relation.changed = false;
            }
        }
        ReadModelWrites.writeNow(relations, writes);
    }

    private void deleteEdges(String actor, String target, String key) {
        ReadModelWrites.write(followers, null, new DeleteOneModel<>(Filters.eq("_id", CompositeIds.of(target, key, actor))));
        ReadModelWrites.write(following, null, new DeleteOneModel<>(Filters.eq("_id", CompositeIds.of(actor, key, target))));
    }

    private static ReplaceOneModel<Document> edge(String id, String userId, Instant at) {
        return new ReplaceOneModel<>(Filters.eq("_id", id),
                new Document("_id", id).append(EDGE_USER, userId).append(EDGE_AT, at.toString()), UPSERT);
    }

    /** A relation document as this batch has it. */
    private static final class Relation {

        final String id;
        long lastSeq = -1;
        boolean following;
        boolean muting;
        boolean blocking;
        String followKey;
        boolean changed;

        Relation(String id) {
            this.id = id;
        }

        static Relation of(Document document) {
            Relation relation = new Relation(document.getString("_id"));
            relation.lastSeq = ((Number) document.get(SequencedUpdates.LAST_SEQ)).longValue();
            relation.following = Boolean.TRUE.equals(document.getBoolean(FOLLOWING));
            relation.muting = Boolean.TRUE.equals(document.getBoolean(MUTING));
            relation.blocking = Boolean.TRUE.equals(document.getBoolean(BLOCKING));
            relation.followKey = document.getString(FOLLOW_KEY);
            return relation;
        }

        Document toDocument() {
            return new Document("_id", id).append(FOLLOWING, following).append(MUTING, muting).append(BLOCKING, blocking)
                    .append(FOLLOW_KEY, followKey).append(SequencedUpdates.LAST_SEQ, lastSeq);
        }
    }
}
