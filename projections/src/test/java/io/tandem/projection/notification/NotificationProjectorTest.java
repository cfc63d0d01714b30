package io.tandem.projection.notification;

import io.tandem.contracts.follow.UnfollowReason;
import io.tandem.contracts.notification.FindNotificationQuery;
import io.tandem.contracts.notification.FindNotificationsQuery;
import io.tandem.contracts.notification.NotificationPage;
import io.tandem.contracts.notification.NotificationUpdatesQuery;
import io.tandem.contracts.notification.NotificationView;
import io.tandem.projection.feed.SocialEvents;
import io.tandem.projection.support.Cursors;
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
        profiles("alice", "bob", "carol", "dave", "erin");
    }

    /** The {@code social} group has projected these users' profiles, with their name as the handle. */
    private void profiles(String... users) {
        for (String user : users) {
            database.getCollection(ReadModelCollections.PROFILES)
                    .insertOne(new Document("_id", user).append("handle", user).append("displayName", user.toUpperCase()));
        }
    }

    private NotificationPage page(String owner, int first, String after) {
        return new NotificationQueryHandler(database).find(new FindNotificationsQuery(user(owner), first, after));
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
    void actorsShowTheirCurrentHandleFromTheProfiles() {
        database.getCollection(ReadModelCollections.PROFILES).updateOne(new Document("_id", "bob"),
                new Document("$set", new Document("handle", "bobby").append("displayName", "Bob B")));
        inOneBatch(projector(), List.of(events.follow("bob", "alice")));

        List<NotificationView> items = page("alice", 10, null).items();
        assertThat(items).extracting(NotificationView::actorHandle).containsExactly("bobby");
        assertThat(items).extracting(NotificationView::actorDisplayName).containsExactly("Bob B");
    }

    @Test
    void anActorWhoseProfileIsNotProjectedYetIsLeftOutWithoutBreakingThePagesAndShowsOnceItIs() {
        inOneBatch(projector(), List.of(events.follow("zed", "alice"), events.follow("bob", "alice"),
                events.like("zed", "alice", "a1"), events.like("yan", "alice", "a1"), events.like("carol", "alice", "a1"),
                events.like("zed", "alice", "a2"), events.follow("dave", "alice")));

        assertThat(page("alice", 10, null).items()).extracting(NotificationView::actorId).containsExactly("dave", "carol", "bob");
        assertThat(notifications("alice")).containsExactly("FOLLOWED dave", "LIKED carol " + postId("alice", "a1"), "FOLLOWED bob");
        NotificationPage first = page("alice", 2, null);
        assertThat(first.items()).extracting(NotificationView::actorId).containsExactly("dave", "carol");
        assertThat(first.hasNextPage()).isTrue();
        NotificationPage second = page("alice", 2, first.endCursor());
        assertThat(second.items()).extracting(NotificationView::actorId).containsExactly("bob");
        assertThat(second.hasNextPage()).isFalse();

        profiles("zed", "yan");
        assertThat(notifications("alice")).hasSize(7);
    }

    @Test
    void aPageOfOnlyHiddenNotificationsStillMovesOn() {
        List<EventMessage<Object>> batch = new ArrayList<>();
        batch.add(events.follow("bob", "alice"));
        for (int i = 0; i < 12; i++) {
            batch.add(events.like("zed", "alice", "a" + i));
        }
        inOneBatch(projector(), batch);

        NotificationPage first = page("alice", 2, null);
        assertThat(first.items()).as("%s reads of 3 documents find nothing to show", NotificationQueryHandler.MAX_READS).isEmpty();
        assertThat(first.hasNextPage()).isTrue();
        assertThat(notifications("alice")).containsExactly("FOLLOWED bob");
    }

    @Test
    void notificationsWrittenBeforeAMuteOrABlockAreHiddenAndShowAgainWhenItIsLifted() {
        NotificationProjector projector = projector();
        inOneBatch(projector, List.of(events.follow("bob", "alice"), events.like("carol", "alice", "a1"),
                events.like("dave", "alice", "a1"), events.follow("erin", "alice")));
        inOneBatch(projector, List.of(events.mute("alice", "bob"), events.block("alice", "carol"), events.block("dave", "alice")));

        assertThat(notifications("alice")).containsExactly("FOLLOWED erin");

        inOneBatch(projector, List.of(events.unmute("alice", "bob"), events.unblock("alice", "carol")));
        assertThat(notifications("alice")).containsExactly("FOLLOWED erin", "LIKED carol " + postId("alice", "a1"), "FOLLOWED bob");
    }

    @Test
    void likingOrFollowingAgainMovesTheOneNotificationToTheNewTime() {
        NotificationProjector projector = projector();
        inOneBatch(projector, List.of(events.like("bob", "alice", "a1"), events.follow("bob", "alice"),
                events.like("carol", "alice", "a1")));
        NotificationView firstLike = page("alice", 10, null).items().get(2);
        inOneBatch(projector, List.of(events.like("bob", "alice", "a1"), events.unfollow("bob", "alice", UnfollowReason.UNFOLLOWED),
                events.follow("bob", "alice")));
        inOneBatch(projector, List.of(events.like("bob", "alice", "a2")));

        String a1 = postId("alice", "a1");
        assertThat(notifications("alice")).containsExactly("LIKED bob " + postId("alice", "a2"), "FOLLOWED bob",
                "LIKED bob " + a1, "LIKED carol " + a1);
        NotificationView again = page("alice", 10, null).items().get(2);
        assertThat(again.id()).as("the same notification").isEqualTo(firstLike.id());
        assertThat(again.createdAt()).isEqualTo(SocialEvents.T0.plusSeconds(3).toString());
    }

    @Test
    void anOlderLikeOrFollowDeliveredAgainChangesNothing() {
        EventMessage<Object> like = events.like("bob", "alice", "a1");
        EventMessage<Object> follow = events.follow("bob", "alice");
        List<EventMessage<Object>> later = List.of(events.like("bob", "alice", "a1"), events.unfollow("bob", "alice", UnfollowReason.UNFOLLOWED),
                events.follow("bob", "alice"));
        NotificationProjector projector = projector();
        inOneBatch(projector, List.of(like, follow));
        inOneBatch(projector, later);
        var once = contents(database);

        oneByOne(projector, List.of(like, follow));
        inOneBatch(projector, List.of(like, follow));
        inOneBatch(projector, later);
        assertThat(contents(database)).isEqualTo(once);
        assertThat(notifications("alice")).hasSize(2);
    }

    @Test
    void theIdIsOpaqueAndStableAndTheCursorNamesTheListing() {
        inOneBatch(projector(), List.of(events.follow("bob", "alice"), events.comment("carol", "alice", "a1", "c1")));

        for (NotificationView view : page("alice", 10, null).items()) {
            assertThat(view.id()).matches("[A-Za-z0-9_-]+");
            assertThat(view.cursor()).matches("[A-Za-z0-9_-]+");
            assertThat(new String(java.util.Base64.getUrlDecoder().decode(view.id()))).startsWith("alice\u0001" + view.kind());
        }
    }

    @Test
    void aNotificationIsReadBackByItsCursorOnlyWhenItIsShown() {
        inOneBatch(projector(), List.of(events.follow("bob", "alice"), events.follow("zed", "alice")));
        NotificationQueryHandler queries = new NotificationQueryHandler(database);
        NotificationView bob = page("alice", 10, null).items().get(0);

        assertThat(queries.find(new FindNotificationQuery(user("alice"), bob.cursor()))).isEqualTo(bob);
        assertThat(queries.find(new FindNotificationQuery(user("carol"), bob.cursor())))
                .as("another owner's cursor").isNull();
        String zedCursor = database.getCollection(ReadModelCollections.NOTIFICATIONS).find(new Document("actor", "zed"))
                .first().getString("_id");
        FindNotificationQuery zed = new FindNotificationQuery(user("alice"), Cursors.encode(zedCursor));
        assertThat(queries.find(zed)).as("no profile yet").isNull();
        profiles("zed");
        assertThat(queries.find(zed).actorHandle()).isEqualTo("zed");
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
        NotificationView view = (NotificationView) pushed.getValue();
        assertThat(view.actorId()).isEqualTo("carol");
        assertThat(new NotificationQueryHandler(database).find(new FindNotificationQuery(user("alice"), view.cursor())))
                .as("what the subscription reads back").extracting(NotificationView::actorHandle).isEqualTo("carol");
    }
}
