package io.tandem.query.notification;

import io.tandem.contracts.notification.FindNotificationsQuery;
import io.tandem.contracts.notification.NotificationPage;
import io.tandem.contracts.notification.NotificationView;
import io.tandem.contracts.profile.TraderSummary;
import io.tandem.query.api.Connection;
import io.tandem.query.api.PageArguments;
import io.tandem.query.profile.Traders;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import java.util.concurrent.CompletableFuture;

/**
 * The caller's notifications, newest first; each names its actor by current handle and display name
 * (the query handler leaves out those whose actor it cannot show, so {@code actor} is never null).
 */
@Controller
public class NotificationController {

    private final QueryGateway queryGateway;

    public NotificationController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @QueryMapping
    public CompletableFuture<Connection<NotificationView>> notifications(@Argument Integer first, @Argument String after,
                                                                         Authentication authentication) {
        var caller = Traders.caller(authentication);
        int pageSize = PageArguments.pageSize(first);
        return queryGateway.query(new FindNotificationsQuery(caller, pageSize, after), ResponseTypes.instanceOf(NotificationPage.class))
                .thenApply(page -> Connection.of(page.items(), NotificationView::cursor, page.hasNextPage(), page.endCursor()));
    }

    @SchemaMapping(typeName = "Notification", field = "actor")
    public TraderSummary actor(NotificationView notification) {
        return Traders.summary(notification.actorId(), notification.actorHandle(), notification.actorDisplayName());
    }
}
