package io.tandem.query.notification;

import io.tandem.contracts.common.UserId;
import io.tandem.contracts.notification.FindNotificationsQuery;
import io.tandem.contracts.notification.NotificationPage;
import io.tandem.contracts.notification.NotificationView;
import io.tandem.query.GraphQlTestSupport;
import io.tandem.query.api.GraphQlLimitsConfiguration;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.graphql.GraphQlTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;

@GraphQlTest(NotificationController.class)
@Import(GraphQlLimitsConfiguration.class)
class NotificationControllerTest extends GraphQlTestSupport {

    @Autowired
    private GraphQlTester graphQlTester;

    @MockitoBean
    private QueryGateway queryGateway;

    @Test
    void theCallersNotificationsAreAConnectionWithOpaqueIdsAndTheirActors() {
        actAs("alice", "TRADER");
        given(queryGateway.query(eq(new FindNotificationsQuery(UserId.of("alice"), 2, "c0")), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(new NotificationPage(List.of(
                        new NotificationView("TElLRUQ", "LIKED", "bob-id", "bob", "Bob B", "p1", null, "2026-01-01T10:00:00Z", "c1"),
                        new NotificationView("Rk9MTE9XRUQ", "FOLLOWED", "carol-id", "carol", "Carol C", null, null,
                                "2026-01-01T09:00:00Z", "c2")), "c3", true)));

        graphQlTester.document("{ notifications(first: 2, after: \"c0\") { edges { cursor node { id kind actor { handle displayName } "
                        + "postId } } pageInfo { hasNextPage endCursor } } }")
                .execute().errors().verify()
                .path("notifications.edges[0].cursor").entity(String.class).isEqualTo("c1")
                .path("notifications.edges[0].node.id").entity(String.class).isEqualTo("TElLRUQ")
                .path("notifications.edges[0].node.actor.handle").entity(String.class).isEqualTo("bob")
                .path("notifications.edges[1].node.actor.displayName").entity(String.class).isEqualTo("Carol C")
                .path("notifications.edges[1].node.postId").valueIsNull()
                .path("notifications.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true)
                .path("notifications.pageInfo.endCursor").entity(String.class).isEqualTo("c3");
    }
}
