package io.tandem.query.notification;

import io.tandem.contracts.common.UserId;
import io.tandem.contracts.notification.FindNotificationQuery;
import io.tandem.contracts.notification.NotificationUpdatesQuery;
import io.tandem.contracts.notification.NotificationView;
import io.tandem.query.GraphQlTestSupport;
import io.tandem.query.api.GraphQlLimitsConfiguration;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.graphql.GraphQlTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

@GraphQlTest({NotificationSubscriptionController.class, NotificationController.class})
@Import(GraphQlLimitsConfiguration.class)
class NotificationSubscriptionControllerTest extends GraphQlTestSupport {

    @Autowired
    private GraphQlTester graphQlTester;

    @MockitoBean
    private QueryGateway queryGateway;

    @Test
    void eachNewNotificationOfTheCallerIsPushedWithItsActorOnceShownAndUnsubscribingClosesTheAxonSubscription() {
        actAs("alice", "TRADER");
        Sinks.Many<NotificationView> updates = Sinks.many().unicast().onBackpressureBuffer();
        @SuppressWarnings("unchecked")
        SubscriptionQueryResult<Boolean, NotificationView> axonSubscription = mock(SubscriptionQueryResult.class);
        given(axonSubscription.updates()).willReturn(updates.asFlux());
        given(queryGateway.subscriptionQuery(eq(new NotificationUpdatesQuery(UserId.of("alice"))), eq(Boolean.class),
                eq(NotificationView.class))).willReturn(axonSubscription);

        updates.tryEmitNext(new NotificationView("n1", "MENTIONED", "bob-id", null, null, "p1", null,
                "2026-01-01T10:00:00Z", "k1"));
        given(queryGateway.query(eq(new FindNotificationQuery(UserId.of("alice"), "k1")), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(null), CompletableFuture.completedFuture(null),
                        CompletableFuture.completedFuture(new NotificationView("n1", "MENTIONED", "bob-id", "bob", "Bob", "p1", null,
                                "2026-01-01T10:00:00Z", "k1")));

        @SuppressWarnings("unchecked")
        Map<String, Object> pushed = (Map<String, Object>) graphQlTester.document("subscription { notifications { id kind actor { handle displayName } postId commentId createdAt } }")
                .executeSubscription().toFlux("notifications", Map.class).next().block(Duration.ofSeconds(10));

        assertThat(pushed).as("read back until the actor's profile shows")
                .containsEntry("actor", Map.of("handle", "bob", "displayName", "Bob")).containsEntry("id", "n1").containsEntry("kind", "MENTIONED").containsEntry("postId", "p1")
                .containsEntry("commentId", null).containsEntry("createdAt", "2026-01-01T10:00:00Z");
        verify(axonSubscription, timeout(5_000)).cancel();
    }
}
