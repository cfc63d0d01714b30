package io.tandem.query.notification;

import io.tandem.contracts.common.UserId;
import io.tandem.contracts.notification.NotificationUpdatesQuery;
import io.tandem.contracts.notification.NotificationView;
import io.tandem.query.api.Subscriptions;
import io.tandem.query.security.AccountAccess;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/**
 * {@code subscription { notifications }}: each new notification of the caller, as the
 * notifications projection emits it (live events only, never during a replay or a rebuild).
 */
@Controller
public class NotificationSubscriptionController {

    private final QueryGateway queryGateway;

    public NotificationSubscriptionController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @SubscriptionMapping
    public Flux<NotificationView> notifications(Authentication authentication) {
        UserId caller = UserId.of(AccountAccess.requireAuthenticated(authentication).getName());
        return Subscriptions.updates(queryGateway, new NotificationUpdatesQuery(caller), NotificationView.class);
    }
}
