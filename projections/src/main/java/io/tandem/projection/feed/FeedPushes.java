package io.tandem.projection.feed;

import io.tandem.contracts.feed.FeedEntry;
import io.tandem.contracts.feed.FeedUpdatesQuery;
import io.tandem.projection.support.Cursors;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryMessage;

import java.util.HashSet;
import java.util.Set;

/**
 * Pushes new timeline entries to the {@link FeedUpdatesQuery} subscriptions of their owners.
 * {@link QueryUpdateEmitter#emit} walks every active subscription and, inside a unit of work,
 * registers an after-commit task per call; a post reaching 10,000 timelines would pay that 10,000
 * times for usually a handful of subscribers. So the owners with a subscription are read once (the
 * emitter's live view of its subscriptions, empty when nobody listens) and only their entries are
 * emitted; Axon sends them after the batch commits.
 */
final class FeedPushes {

    private final QueryUpdateEmitter emitter;

    FeedPushes(QueryUpdateEmitter emitter) {
        this.emitter = emitter;
    }

    /** The owners that have a feed subscription right now; empty (and cheap) when nobody listens. */
    Set<String> subscribedOwners() {
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

    void push(String owner, String postId, String key) {
        FeedEntry entry = new FeedEntry(postId, Cursors.encode(key));
        emitter.emit(FeedUpdatesQuery.class, query -> query.owner().value().equals(owner), entry);
    }
}
