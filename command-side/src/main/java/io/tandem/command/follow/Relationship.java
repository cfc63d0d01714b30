package io.tandem.command.follow;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.follow.Relation;
import io.tandem.contracts.follow.RelationState;
import io.tandem.contracts.follow.RelationshipId;
import io.tandem.contracts.follow.SetRelationCommand;
import io.tandem.contracts.follow.TraderBlockedEvent;
import io.tandem.contracts.follow.TraderFollowedEvent;
import io.tandem.contracts.follow.TraderMutedEvent;
import io.tandem.contracts.follow.TraderUnblockedEvent;
import io.tandem.contracts.follow.TraderUnfollowedEvent;
import io.tandem.contracts.follow.TraderUnmutedEvent;
import io.tandem.contracts.follow.UnfollowReason;
import io.tandem.contracts.post.SocialIds;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.EnumSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * What two users have set towards each other: follow, mute and block, in both directions. One
 * aggregate per unordered pair ({@link SocialIds#relationship}), rather than one per directed edge
 * or one per user, because:
 * <ul>
 *   <li>a block must end the follows of both directions and bar new ones atomically: with both
 *       directions in one aggregate, "A blocks B" applies the unfollows and the block in one
 *       command, and "B follows A" is checked against the block under the same lock, so no follow
 *       can slip in between;</li>
 *   <li>its state is bounded: six flags, whatever the history, so it needs no snapshots;</li>
 *   <li>there is no hot aggregate: a per-user aggregate of a popular trader would hold (and lock
 *       for) every follower, and each new follower would contend on it; here followers of one
 *       trader touch different aggregates and never wait for each other.</li>
 * </ul>
 * Counts and lists of followers are read models built from the events, not state here. Every
 * command is idempotent: setting what is set, or clearing what is clear, applies nothing and answers
 * the same {@link RelationState}.
 */
@Aggregate
@Revision("1")
public class Relationship {

    @AggregateIdentifier
    private RelationshipId relationshipId;
    /** The pair in id order, each with the relations it has set towards the other. */
    private UserId first;
    private Set<Relation> fromFirst = EnumSet.noneOf(Relation.class);
    private UserId second;
    private Set<Relation> fromSecond = EnumSet.noneOf(Relation.class);

    protected Relationship() {
        // Axon rebuilds the relationship from its events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public RelationState handle(SetRelationCommand command) {
        UserId actor = command.actor();
        UserId target = command.target();
        if (actor == null || target == null || command.relation() == null) {
            throw new IllegalArgumentException("actor, target and relation are required");
        }
        if (actor.equals(target)) {
            throw new TandemException(ErrorCode.CANNOT_FOLLOW_SELF, "you cannot follow, mute or block yourself");
        }
        if (!SocialIds.relationship(actor, target).equals(command.relationshipId())) {
            throw new IllegalArgumentException("relationship " + command.relationshipId() + " is not that of " + actor + " and " + target);
        }
        RelationshipId id = command.relationshipId();
        boolean set = has(actor, command.relation());
        if (set != command.active()) {
            switch (command.relation()) {
                case FOLLOW -> {
                    if (command.active()) {
                        if (has(actor, Relation.BLOCK) || has(target, Relation.BLOCK)) {
                            throw new TandemException(ErrorCode.BLOCKED, "you cannot follow this trader: one of you has blocked the other");
                        }
                        apply(new TraderFollowedEvent(id, actor, target, command.at()));
                    } else {
                        apply(new TraderUnfollowedEvent(id, actor, target, UnfollowReason.UNFOLLOWED, command.at()));
                    }
                }
                case MUTE -> apply(command.active() ? new TraderMutedEvent(id, actor, target, command.at())
                        : new TraderUnmutedEvent(id, actor, target, command.at()));
                case BLOCK -> {
                    if (command.active()) {
                        if (has(actor, Relation.FOLLOW)) {
                            apply(new TraderUnfollowedEvent(id, actor, target, UnfollowReason.BLOCKED, command.at()));
                        }
                        if (has(target, Relation.FOLLOW)) {
                            apply(new TraderUnfollowedEvent(id, target, actor, UnfollowReason.BLOCKED, command.at()));
                        }
                        apply(new TraderBlockedEvent(id, actor, target, command.at()));
                    } else {
                        apply(new TraderUnblockedEvent(id, actor, target, command.at()));
                    }
                }
            }
        }
        return new RelationState(has(actor, Relation.FOLLOW), has(actor, Relation.MUTE),
                has(actor, Relation.BLOCK), has(target, Relation.BLOCK));
    }

    /** Whether {@code user} has set {@code relation} towards the other user of the pair. */
    private boolean has(UserId user, Relation relation) {
        Set<Relation> relations = relationsOf(user);
        return relations != null && relations.contains(relation);
    }

    /** The relations {@code user} has set, or null before the pair has any history. */
    private Set<Relation> relationsOf(UserId user) {
        if (user.equals(first)) {
            return fromFirst;
        }
        return user.equals(second) ? fromSecond : null;
    }

    private void record(RelationshipId id, UserId actor, UserId target, Relation relation, boolean active) {
        if (relationshipId == null) {
            relationshipId = id;
            boolean ordered = actor.value().compareTo(target.value()) <= 0;
            first = ordered ? actor : target;
            second = ordered ? target : actor;
        }
        Set<Relation> relations = relationsOf(actor);
        if (active) {
            relations.add(relation);
        } else {
            relations.remove(relation);
        }
    }

    @EventSourcingHandler
    void on(TraderFollowedEvent event) {
        record(event.relationshipId(), event.actor(), event.target(), Relation.FOLLOW, true);
    }

    @EventSourcingHandler
    void on(TraderUnfollowedEvent event) {
        record(event.relationshipId(), event.actor(), event.target(), Relation.FOLLOW, false);
    }

    @EventSourcingHandler
    void on(TraderMutedEvent event) {
        record(event.relationshipId(), event.actor(), event.target(), Relation.MUTE, true);
    }

    @EventSourcingHandler
    void on(TraderUnmutedEvent event) {
        record(event.relationshipId(), event.actor(), event.target(), Relation.MUTE, false);
    }

    @EventSourcingHandler
    void on(TraderBlockedEvent event) {
        record(event.relationshipId(), event.actor(), event.target(), Relation.BLOCK, true);
    }

    @EventSourcingHandler
    void on(TraderUnblockedEvent event) {
        record(event.relationshipId(), event.actor(), event.target(), Relation.BLOCK, false);
    }
}
