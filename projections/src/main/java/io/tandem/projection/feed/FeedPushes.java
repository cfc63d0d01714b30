package io.tandem.projection.feed;

import io.tandem.contracts.feed.FeedEntry;
import io.tandem.contracts.feed.FeedUpdatesQuery;
import io.tandem.projection.support.BatchEnd;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryMessage;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Pushes new posts to the {@link FeedUpdatesQuery} subscriptions of the owners whose timelines got
 * them. {@link QueryUpdateEmitter#emit} walks every active subscription and, inside a unit of work,
 * registers an after-commit task per call; a post reaching 10,000 timelines must not pay that per
 * owner. So the owners with a subscription are read once per batch (the emitter's live view of its
 * subscriptions, empty when nobody listens), and each post is one emit, filtered on the set of its
 * subscribed owners, of one {@link FeedEntry}: its cursor names no owner ({@link FeedCursor}), so the
 * same entry is every subscriber's own. Axon sends it after the batch commits.
 * <p>
 * A pushed entry's cursor has position 0: it is the newest entry of the timeline when pushed, and a
 * client paging on from it gets at most {@code max-items} entries older than it.
 */
final class FeedPushes {

    private static final String SUBSCRIBED = FeedPushes.class.getName() + ".subscribed";

    private final QueryUpdateEmitter emitter;

    FeedPushes(QueryUpdateEmitter emitter) {
        this.emitter = emitter;
    }

    /** The owners that have a feed subscription, read once per batch; empty (and cheap) when nobody listens. */
    Set<String> subscribedOwners() {
        return BatchEnd.state(SUBSCRIBED, this::readSubscribedOwners);
    }

    private Set<String> readSubscribedOwners() {
        Set<SubscriptionQueryMessage<?, ?, ?>> subscriptions = emitter.activeSubscriptions();
        if (subscriptions.isEmpty()) {
            return Set.of();
        }
        Set<String> owners = new HashSet<>();
        for (SubscriptionQueryMessage<?, ?, ?> subscription : subscriptions) {
            if (subscription.getPayload() instanceof FeedUpdatesQuery query) {
                owners.add(query.owner().value());
            }
        }
        return owners;
    }

    /** Pushes the post to those of {@code owners} (the timelines that got it) that have a subscription: one emit. */
    void push(Collection<String> owners, String inverted, String postId) {
        Set<String> subscribed = subscribedOwners();
        if (subscribed.isEmpty()) {
            return;
        }
        Set<String> targets = new HashSet<>();
        for (String owner : owners) {
            if (subscribed.contains(owner)) {
                targets.add(owner);
            }
        }
        if (targets.isEmpty()) {
            return;
        }
        FeedEntry entry = new FeedEntry(postId, new FeedCursor(0, inverted, postId).encode());
        emitter.emit(FeedUpdatesQuery.class, query -> targets.contains(query.owner().value()), entry);
    }
}
