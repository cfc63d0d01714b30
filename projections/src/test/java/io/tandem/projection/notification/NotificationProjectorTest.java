package io.tandem.projection.notification;

import io.tandem.contracts.notification.FindNotificationsQuery;
import io.tandem.contracts.notification.NotificationPage;
import io.tandem.contracts.notification.NotificationUpdatesQuery;
import io.tandem.contracts.notification.NotificationView;
import io.tandem.projection.feed.SocialEvents;
import io.tandem.projection.support.MongoReadModelTest;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryMessage;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.tandem.projection.feed.SocialEvents.mention;
import static io.tandem.projection.feed.SocialEvents.postId;
import static io.tandem.projection.feed.SocialEvents.replayed;
import static io.tandem.projection.feed.SocialEvents.user;
import static io.tandem.projection.support.ProjectionBatches.contents;
import static io.tandem.projection.support.ProjectionBatches.inOneBatch;
import static io.tandem.projection.support.ProjectionBatches.oneByOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Notification rules on the memory backend; {@link NotificationProjectorOnH2Test} runs them on the H2 one. */
class NotificationProjectorTest extends MongoReadModelTest {

    private SocialEvents events;
    private QueryUpdateEmitter emitter;
    private final Set<SubscriptionQueryMessage<?, ?, ?>> subscriptions = new HashSet<>();

    @BeforeEach
    void fresh() {
        events = new SocialEvents();
        emitter = mock(QueryUpdateEmitter.class);
        subscriptions.clear();
        when(emitter.activeSubscriptions()).thenReturn(subscriptions);
    }

    private NotificationProjector projector() {
        return new NotificationProjector(database, emitter);
    }

    /** Kind, actor and post of every notification of {@code owner}, newest first, read page by page of 2. */
    private List<String> notifications(String owner) {
        NotificationQueryHandler queries = new NotificationQueryHandler(database);
        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            NotificationPage page = queries.find(new FindNotificationsQuery(user(owner), 2, after));
            for (NotificationView view : page.items()) {
                seen.add(view.kind() + " " + view.actorId() + (view.commentId() != null ? " comment" : "")
                        + (view.postId() != null ? " " + view.postId() : ""));
            }
            after = page.hasNextPage() ? page.endCursor() : null;
        } while (after != null);
        return seen;
    }

    @Test
    void followsMentionsLikesAndCommentsNotifyTheirTarget() {
        inOneBatch(projector(), List.of(
                events.follow("bob", "alice"),
                events.post("bob", "b1", mention("alice"), mention("carol"), mention("bob")),
                events.like("carol", "alice", "a1"),
                events.comment("dave", "alice", "a1", "c1", mention("alice"), mention("erin"))));

        String a1 = postId("alice", "a1");
        String b1 = postId("bob", "b1");
        assertThat(notifications("alice")).containsExactly("COMMENTED dave comment " + a1, "LIKED carol " + a1,
                "MENTIONED bob " + b1, "FOLLOWED bob");
        assertThat(notifications("carol")).containsExactly("MENTIONED bob " + b1);
        assertThat(notifications("erin")).containsExactly("MENTIONED dave comment " + a1);
        assertThat(notifications("bob")).as("no notification of one's own mention").isEmpty();
    }

    @Test
    void ownActionsNotifyNobody() {
        inOneBatch(projector(), List.of(events.like("alice", "alice", "a1"), events.comment("alice", "alice", "a1", "c1")));

        assertThat(notifications("alice")).isEmpty();
    }

    @Test
    void mutedAndBlockedActorsNotifyNoMore() {
        NotificationProjector projector = projector();
        inOneBatch(projector, List.of(events.mute("alice", "bob"), events.block("alice", "carol"),
                events.like("bob", "alice", "a1"), events.comment("carol", "alice", "a1", "c1", mention("alice")),
                events.post("bob", "b1", mention("alice")), events.follow("dave", "alice")));
        assertThat(notifications("alice")).containsExactly("FOLLOWED dave");

        inOneBatch(projector, List.of(events.unmute("alice", "bob"), events.unblock("alice", "carol"),
                events.like("bob", "alice", "a2"), events.like("carol", "alice", "a2")));
        assertThat(notifications("alice")).containsExactly("LIKED carol " + postId("alice", "a2"),
                "LIKED bob " + postId("alice", "a2"), "FOLLOWED dave");
    }

    @Test
    void aRedeliveredBatchWritesTheSameNotificationsAndResetClearsThem() {
        List<EventMessage<Object>> batch = List.of(events.follow("bob", "alice"), events.mute("alice", "carol"),
                events.like("carol", "alice", "a1"), events.like("bob", "alice", "a1"));
        NotificationProjector projector = projector();
        inOneBatch(projector, batch);
        var once = contents(database);
        inOneBatch(projector, batch);
        oneByOne(projector, batch);
        assertThat(contents(database)).isEqualTo(once);
        assertThat(notifications("alice")).hasSize(2);

        projector.reset();
        assertThat(database.getCollection(ReadModelCollections.NOTIFICATIONS).countDocuments()).isZero();
        assertThat(database.getCollection(ReadModelCollections.NOTIFICATION_RELATIONS).countDocuments()).isZero();
    }

    @Test
    void actorsShowTheirCurrentHandleFromTheProfilesWhenThereIsOne() {
        database.getCollection(ReadModelCollections.PROFILES)
                .insertOne(new Document("_id", "bob").append("handle", "bobby").append("displayName", "Bob B"));
        inOneBatch(projector(), List.of(events.follow("bob", "alice"), events.follow("zed", "alice")));

        List<NotificationView> items = new NotificationQueryHandler(database)
                .find(new FindNotificationsQuery(user("alice"), 10, null)).items();
        assertThat(items).extracting(NotificationView::actorHandle).containsExactly(null, "bobby");
        assertThat(items).extracting(NotificationView::actorDisplayName).containsExactly(null, "Bob B");
    }

    @Test
    void liveNotificationsArePushedToSubscribedOwnersButNotDuringAReplay() {
        subscriptions.add(new GenericSubscriptionQueryMessage<>(new NotificationUpdatesQuery(user("alice")),
                ResponseTypes.instanceOf(Boolean.class), ResponseTypes.instanceOf(NotificationView.class)));
        NotificationProjector projector = projector();
        inOneBatch(projector, List.of(replayed(events.follow("bob", "alice"), 0), replayed(events.like("bob", "alice", "a1"), 1)));
        verify(emitter, never()).emit(eq(NotificationUpdatesQuery.class), any(), (Object) any());
        assertThat(notifications("alice")).hasSize(2);

        inOneBatch(projector, List.of(events.follow("carol", "alice"), events.follow("carol", "bob")));
        ArgumentCaptor<Object> pushed = ArgumentCaptor.forClass(Object.class);
        verify(emitter).emit(eq(NotificationUpdatesQuery.class), any(), pushed.capture());
        assertThat(((NotificationView) pushed.getValue()).kind()).isEqualTo("FOLLOWED");
        assertThat(((NotificationView) pushed.getValue()).actorId()).isEqualTo("carol");
    }
}
