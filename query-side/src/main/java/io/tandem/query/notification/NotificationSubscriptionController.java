package io.tandem.query.notification;

import io.tandem.contracts.common.UserId;
import io.tandem.contracts.notification.FindNotificationQuery;
import io.tandem.contracts.notification.NotificationUpdatesQuery;
import io.tandem.contracts.notification.NotificationView;
import io.tandem.query.api.Subscriptions;
import io.tandem.query.security.AccountAccess;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * {@code subscription { notifications }}: each new notification of the caller, as the
 * notifications projection emits it (live events only, never during a replay or a rebuild). The
 * projector pushes a notification without its actor's handle and display name: such a push is read
 * back through the query gateway as the {@code notifications} query shows it, so that its actor is
 * always there (a push that already names its actor goes out as it is). The actor's profile is
 * projected by another processor, which may be a little behind:
 * a notification that does not show yet is asked for again every 100 ms for up to 5 s before it is
 * skipped (as it is when it was hidden or replaced meanwhile).
 */
@Controller
public class NotificationSubscriptionController {

    static final int NOT_YET_PROJECTED_RETRIES = 50;
    static final Duration NOT_YET_PROJECTED_DELAY = Duration.ofMillis(100);

    private final QueryGateway queryGateway;

    public NotificationSubscriptionController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @SubscriptionMapping
    public Flux<NotificationView> notifications(Authentication authentication) {
        UserId caller = UserId.of(AccountAccess.requireAuthenticated(authentication).getName());
        return Subscriptions.updates(queryGateway, new NotificationUpdatesQuery(caller), NotificationView.class)
                .concatMap(pushed -> readBack(pushed, caller));
    }

    private Mono<NotificationView> readBack(NotificationView pushed, UserId caller) {
        if (pushed.actorHandle() != null && pushed.actorDisplayName() != null) {
            return Mono.just(pushed);
        }
        FindNotificationQuery query = new FindNotificationQuery(caller, pushed.cursor());
        return Mono.fromFuture(() -> queryGateway.query(query, ResponseTypes.instanceOf(NotificationView.class)))
                .repeatWhenEmpty(repeats -> repeats.take(NOT_YET_PROJECTED_RETRIES).delayElements(NOT_YET_PROJECTED_DELAY));
    }
}
