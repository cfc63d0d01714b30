package io.tandem.projection.feed;

import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.feed.FeedEntry;
import io.tandem.contracts.feed.FeedPage;
import io.tandem.contracts.feed.FeedUpdatesQuery;
import io.tandem.contracts.feed.FindFeedQuery;
import io.tandem.contracts.follow.UnfollowReason;
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
import java.util.function.Predicate;

import static io.tandem.projection.feed.SocialEvents.postId;
import static io.tandem.projection.feed.SocialEvents.replayed;
import static io.tandem.projection.feed.SocialEvents.user;
import static io.tandem.projection.support.ProjectionBatches.contents;
import static io.tandem.projection.support.ProjectionBatches.inOneBatch;
import static io.tandem.projection.support.ProjectionBatches.oneByOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The home feed on the memory backend; {@link FeedProjectorOnH2Test} runs the same on the H2 one.
 * Events go through Axon's annotation adapter one by one or in one batching unit of work, as the
 * pooled processor hands them over; pushes are recorded by a mocked emitter.
 */
class FeedProjectorTest extends MongoReadModelTest {

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

    private FeedProjector projector(int maxItems) {
        return new FeedProjector(database, emitter, new FeedProperties(maxItems, null), FanOutPolicy.ALWAYS_PUSH);
    }

    private FeedProjector projector() {
        return projector(FeedProperties.DEFAULT_MAX_ITEMS);
    }

    private FeedQueryHandler queries(int maxItems) {
        return new FeedQueryHandler(database, new FeedProperties(maxItems, null));
    }

    private List<String> feed(String owner) {
        return feed(owner, FeedProperties.DEFAULT_MAX_ITEMS);
    }

    /** The whole feed of {@code owner}, page by page of 7, as post ids. */
    private List<String> feed(String owner, int maxItems) {
        List<String> postIds = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 200; page++) {
            FeedPage result = queries(maxItems).find(new FindFeedQuery(user(owner), 7, after));
            result.items().forEach(entry -> postIds.add(entry.postId()));
            if (!result.hasNextPage()) {
                return postIds;
            }
            after = result.endCursor();
        }
        throw new AssertionError("no last page");
    }

    private static List<String> posts(String author, String... clientPostIds) {
        return java.util.Arrays.stream(clientPostIds).map(id -> postId(author, id)).toList();
    }

    @Test
    void aPostReachesItsAuthorAndFollowersButNotMutersNorEitherSideOfABlock() {
        inOneBatch(projector(), List.of(
                events.follow("fan", "alice"),
                events.follow("muter", "alice"), events.mute("muter", "alice"),
                events.follow("blocked", "alice"), events.unfollow("blocked", "alice", UnfollowReason.BLOCKED),
                events.block("alice", "blocked"),
                events.follow("blocker", "alice"), events.unfollow("blocker", "alice", UnfollowReason.BLOCKED),
                events.block("blocker", "alice"),
                events.mute("stranger", "alice"),
                events.post("alice", "p1")));

        assertThat(feed("alice")).isEqualTo(posts("alice", "p1"));
        assertThat(feed("fan")).isEqualTo(posts("alice", "p1"));
        assertThat(feed("muter")).isEmpty();
        assertThat(feed("blocked")).isEmpty();
        assertThat(feed("blocker")).isEmpty();
        assertThat(feed("stranger")).isEmpty();
    }

    @Test
    void fanOutIsOneRangeReadAndOneBulkWritePerBatchWhateverTheFollowerCount() {
        List<EventMessage<Object>> follows = new ArrayList<>();
        for (int n = 0; n < 300; n++) {
            follows.add(events.follow("f" + n, "alice"));
        }
        inOneBatch(projector(), follows);
        clearCommands();

        inOneBatch(projector(), List.of(events.post("alice", "p1"), events.post("alice", "p2"), events.post("alice", "p3")));

        assertThat(commands("update", database, ReadModelCollections.TIMELINES)).isEqualTo(1);
        assertThat(commands("find", database, ReadModelCollections.FEED_EDGES)).isEqualTo(3);
        assertThat(database.getCollection(ReadModelCollections.TIMELINES).countDocuments()).isEqualTo(3 * 301);
        assertThat(feed("f299")).isEqualTo(posts("alice", "p3", "p2", "p1"));
    }

    @Test
    void aNewFollowBackfillsTheLatestFortyPostsInTimeOrder() {
        List<EventMessage<Object>> batch = new ArrayList<>();
        List<String> newestFirst = new ArrayList<>();
        for (int n = 0; n < 45; n++) {
            batch.add(events.post("alice", "p" + n));
            newestFirst.add(0, postId("alice", "p" + n));
        }
        batch.add(events.post("bob", "b1"));
        batch.add(events.follow("fan", "bob"));
        oneByOne(projector(), batch);
        oneByOne(projector(), List.of(events.follow("fan", "alice")));

        List<String> expected = new ArrayList<>();
        expected.add(postId("bob", "b1"));
        expected.addAll(newestFirst.subList(0, 40));
        assertThat(feed("fan")).isEqualTo(expected);
    }

    @Test
    void unfollowMuteAndBlockRemoveTheOthersPostsAndABlockWorksBothWays() {
        FeedProjector projector = projector();
        inOneBatch(projector, List.of(
                events.follow("fan", "alice"), events.follow("fan", "bob"), events.follow("bob", "fan"),
                events.post("alice", "a1"), events.post("bob", "b1"), events.post("fan", "f1")));
        assertThat(feed("fan")).isEqualTo(List.of(postId("fan", "f1"), postId("bob", "b1"), postId("alice", "a1")));

        inOneBatch(projector, List.of(events.unfollow("fan", "alice", UnfollowReason.UNFOLLOWED)));
        assertThat(feed("fan")).isEqualTo(List.of(postId("fan", "f1"), postId("bob", "b1")));

        inOneBatch(projector, List.of(events.mute("fan", "bob"), events.post("bob", "b2")));
        assertThat(feed("fan")).isEqualTo(posts("fan", "f1"));
        assertThat(feed("bob")).isEqualTo(List.of(postId("bob", "b2"), postId("fan", "f1"), postId("bob", "b1")));

        inOneBatch(projector, List.of(events.unmute("fan", "bob")));
        assertThat(feed("fan")).as("an unmute of someone followed brings their posts back")
                .isEqualTo(List.of(postId("bob", "b2"), postId("fan", "f1"), postId("bob", "b1")));

        inOneBatch(projector, List.of(
                events.unfollow("fan", "bob", UnfollowReason.BLOCKED), events.unfollow("bob", "fan", UnfollowReason.BLOCKED),
                events.block("fan", "bob"), events.post("fan", "f2"), events.post("bob", "b3")));
        assertThat(feed("fan")).isEqualTo(posts("fan", "f2", "f1"));
        assertThat(feed("bob")).isEqualTo(posts("bob", "b3", "b2", "b1"));
    }

    @Test
    void aBlockAloneRemovesBothWaysEvenBeforeTheUnfollowsArrive() {
        FeedProjector projector = projector();
        inOneBatch(projector, List.of(events.follow("fan", "alice"), events.follow("alice", "fan"),
                events.post("alice", "a1"), events.post("fan", "f1")));
        inOneBatch(projector, List.of(events.block("alice", "fan"), events.post("alice", "a2"), events.post("fan", "f2")));

        assertThat(feed("fan")).isEqualTo(posts("fan", "f2", "f1"));
        assertThat(feed("alice")).isEqualTo(posts("alice", "a2", "a1"));
    }

    @Test
    void aDeletedPostDisappearsFromEveryTimeline() {
        FeedProjector projector = projector();
        inOneBatch(projector, List.of(events.follow("f1", "alice"), events.follow("f2", "alice"),
                events.post("alice", "a1"), events.post("alice", "a2")));
        inOneBatch(projector, List.of(events.follow("f3", "alice"), events.deletePost("alice", "a1")));

        for (String owner : List.of("alice", "f1", "f2", "f3")) {
            assertThat(feed(owner)).as(owner).isEqualTo(posts("alice", "a2"));
        }
        inOneBatch(projector, List.of(events.follow("f4", "alice")));
        assertThat(feed("f4")).as("no backfill of a deleted post").isEqualTo(posts("alice", "a2"));
    }

    @Test
    void readsStopAtTheCapAndTheSweepTrimsStorageToIt() {
        FeedProjector projector = projector(5);
        List<EventMessage<Object>> batch = new ArrayList<>();
        List<String> newestFirst = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            batch.add(events.post("alice", "p" + n));
            newestFirst.add(0, postId("alice", "p" + n));
        }
        batch.add(0, events.follow("fan", "alice"));
        inOneBatch(projector, batch);

        assertThat(feed("fan", 5)).isEqualTo(newestFirst.subList(0, 5));
        assertThat(database.getCollection(ReadModelCollections.TIMELINES).countDocuments()).isEqualTo(24);

        clearCommands();
        assertThat(projector.sweep()).as("fan's and alice's timelines; alice's 12 recent posts are within 40").isEqualTo(2);
        assertThat(database.getCollection(ReadModelCollections.TIMELINES).countDocuments()).isEqualTo(10);
        assertThat(feed("fan", 5)).isEqualTo(newestFirst.subList(0, 5));
        assertThat(projector.sweep()).as("nothing touched since").isZero();
    }

    @Test
    void theSweepWalksOnlyTheListsThatMayBeOverTheCapPlusSlack() {
        FeedProjector projector = projector(8);
        List<EventMessage<Object>> batch = new ArrayList<>();
        batch.add(events.follow("fan", "alice"));
        for (int n = 0; n < 12; n++) {
            batch.add(events.post("alice", "p" + n));
        }
        inOneBatch(projector, batch);
        assertThat(projector.sweep()).as("unknown sizes: walked once").isEqualTo(2);

        inOneBatch(projector, List.of(events.post("alice", "q1"), events.post("alice", "q2")));
        clearCommands();
        assertThat(projector.sweep()).isZero();
        assertThat(commands("find", database, ReadModelCollections.TIMELINES))
                .as("8 + 2 entries at most: within the slack of 2, not walked").isZero();

        inOneBatch(projector, List.of(events.post("alice", "q3")));
        clearCommands();
        assertThat(projector.sweep()).isEqualTo(2);
        assertThat(commands("find", database, ReadModelCollections.TIMELINES)).isEqualTo(2);
        assertThat(database.getCollection(ReadModelCollections.TIMELINES).countDocuments()).isEqualTo(16);
    }

    @Test
    void followsAndUnmutesOfABatchReadTheirEdgesInOneQuery() {
        FeedProjector projector = projector();
        inOneBatch(projector, List.of(events.post("alice", "a1"), events.post("bob", "b1"),
                events.follow("fan", "bob"), events.mute("fan", "bob")));
        List<EventMessage<Object>> batch = new ArrayList<>();
        for (int n = 0; n < 10; n++) {
            batch.add(events.follow("f" + n, "alice"));
        }
        batch.add(events.unmute("fan", "bob"));
        clearCommands();
        inOneBatch(projector, batch);

        assertThat(commands("find", database, ReadModelCollections.FEED_EDGES)).isEqualTo(1);
        assertThat(feed("f9")).isEqualTo(posts("alice", "a1"));
        assertThat(feed("fan")).isEqualTo(posts("bob", "b1"));
    }

    @Test
    void aBatchSendsItsTimelineWritesEarlyPastTheThreshold() {
        FeedProjector projector = new FeedProjector(database, emitter, FeedProperties.defaults(), FanOutPolicy.ALWAYS_PUSH, 100);
        List<EventMessage<Object>> follows = new ArrayList<>();
        for (int n = 0; n < 300; n++) {
            follows.add(events.follow("f" + n, "alice"));
        }
        inOneBatch(projector, follows);
        clearCommands();

        inOneBatch(projector, List.of(events.post("alice", "p1"), events.post("alice", "p2"), events.post("alice", "p3")));

        assertThat(commands("update", database, ReadModelCollections.TIMELINES)).isEqualTo(10);
        assertThat(database.getCollection(ReadModelCollections.TIMELINES).countDocuments()).isEqualTo(3 * 301);
        assertThat(feed("f299")).isEqualTo(posts("alice", "p3", "p2", "p1"));
    }

    @Test
    void recentPostsKeepTheLatestFortyPerAuthor() {
        FeedProjector projector = projector();
        List<EventMessage<Object>> batch = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            batch.add(events.post("alice", "p" + n));
        }
        inOneBatch(projector, batch);
        projector.sweep();

        assertThat(database.getCollection(ReadModelCollections.FEED_RECENT_POSTS).countDocuments()).isEqualTo(40);
        assertThat(database.getCollection(ReadModelCollections.TIMELINES).countDocuments()).isEqualTo(50);
    }

    @Test
    void aPageNeverRepeatsOrSkipsAnItemWhenNewerPostsArrive() {
        FeedProjector projector = projector();
        List<EventMessage<Object>> batch = new ArrayList<>();
        batch.add(events.follow("fan", "alice"));
        List<String> newestFirst = new ArrayList<>();
        for (int n = 0; n < 30; n++) {
            batch.add(events.post("alice", "p" + n));
            newestFirst.add(0, postId("alice", "p" + n));
        }
        inOneBatch(projector, batch);
        FeedQueryHandler queries = queries(800);

        List<String> seen = new ArrayList<>();
        FeedPage page = queries.find(new FindFeedQuery(user("fan"), 10, null));
        page.items().forEach(entry -> seen.add(entry.postId()));
        for (int round = 0; page.hasNextPage(); round++) {
            inOneBatch(projector, List.of(events.post("alice", "new" + round), events.post("alice", "newer" + round)));
            page = queries.find(new FindFeedQuery(user("fan"), 10, page.endCursor()));
            page.items().forEach(entry -> seen.add(entry.postId()));
        }
        assertThat(seen).isEqualTo(newestFirst);
    }

    @Test
    void aPageIsOneReadThatStopsAtTheCapWithoutWalkingToIt() {
        List<EventMessage<Object>> batch = new ArrayList<>();
        batch.add(events.follow("fan", "alice"));
        List<String> newestFirst = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            batch.add(events.post("alice", "p" + n));
            newestFirst.add(0, postId("alice", "p" + n));
        }
        inOneBatch(projector(5), batch);
        FeedQueryHandler queries = queries(5);
        clearCommands();

        FeedPage first = queries.find(new FindFeedQuery(user("fan"), 2, null));
        assertThat(commands("find", database, ReadModelCollections.TIMELINES)).as("one read per page").isEqualTo(1);
        FeedPage second = queries.find(new FindFeedQuery(user("fan"), 2, first.endCursor()));
        FeedPage third = queries.find(new FindFeedQuery(user("fan"), 2, second.endCursor()));
        assertThat(commands("find", database, ReadModelCollections.TIMELINES)).isEqualTo(3);

        List<String> seen = new ArrayList<>();
        for (FeedPage page : List.of(first, second, third)) {
            page.items().forEach(entry -> seen.add(entry.postId()));
        }
        assertThat(seen).isEqualTo(newestFirst.subList(0, 5));
        assertThat(List.of(first.hasNextPage(), second.hasNextPage(), third.hasNextPage())).containsExactly(true, true, false);
        assertThat(queries.find(new FindFeedQuery(user("fan"), 2, third.endCursor())).items())
                .as("a cursor at the cap reads nothing more").isEmpty();
    }

    @Test
    void pageSizesAreClampedMalformedCursorsRefusedAndAForeignCursorReadsOnlyTheCallersTimeline() {
        FeedProjector projector = projector();
        List<EventMessage<Object>> batch = new ArrayList<>();
        for (int n = 0; n < 120; n++) {
            batch.add(events.post("alice", "p" + n));
        }
        inOneBatch(projector, batch);
        FeedQueryHandler queries = queries(800);

        assertThat(queries.find(new FindFeedQuery(user("alice"), 0, null)).items()).hasSize(20);
        FeedPage max = queries.find(new FindFeedQuery(user("alice"), 500, null));
        assertThat(max.items()).hasSize(100);
        assertThat(max.hasNextPage()).isTrue();
        assertThat(queries.find(new FindFeedQuery(user("nobody"), 5, null)).items()).isEmpty();
        assertThat(queries.find(new FindFeedQuery(user("bob"), 5, max.endCursor())).items())
                .as("alice's cursor in bob's timeline: bob's own entries only").isEmpty();
        assertThatThrownBy(() -> queries.find(new FindFeedQuery(user("alice"), 5, "not a cursor!")))
                .isInstanceOf(TandemException.class);
        String oldForm = io.tandem.projection.support.Cursors.encode("alice\u0001" + "9".repeat(19) + "\u0001" + postId("alice", "p1"));
        assertThatThrownBy(() -> queries.find(new FindFeedQuery(user("alice"), 5, oldForm)))
                .as("a cursor without a position is refused").isInstanceOf(TandemException.class);
    }

    @Test
    void aRedeliveredBatchLeavesTheSameTimelines() {
        List<EventMessage<Object>> batch = List.of(events.follow("fan", "alice"), events.post("alice", "a1"),
                events.mute("fan", "alice"), events.unmute("fan", "alice"), events.post("alice", "a2"),
                events.follow("late", "alice"), events.deletePost("alice", "a1"), events.post("fan", "f1"));
        inOneBatch(projector(), batch);
        var once = contents(database);

        inOneBatch(projector(), batch);
        assertThat(contents(database)).isEqualTo(once);
        oneByOne(projector(), batch);
        assertThat(contents(database)).isEqualTo(once);
        assertThat(feed("fan")).isEqualTo(List.of(postId("fan", "f1"), postId("alice", "a2")));
    }

    @Test
    void resetClearsEveryCollection() {
        FeedProjector projector = projector();
        inOneBatch(projector, List.of(events.follow("fan", "alice"), events.post("alice", "a1")));
        projector.reset();

        for (String name : List.of(ReadModelCollections.TIMELINES, ReadModelCollections.FEED_EDGES,
                ReadModelCollections.FEED_RECENT_POSTS, ReadModelCollections.FEED_POSTS)) {
            assertThat(database.getCollection(name).countDocuments()).as(name).isZero();
        }
        assertThat(projector.sweep()).isZero();
    }

    private void subscribe(String owner) {
        subscriptions.add(new GenericSubscriptionQueryMessage<>(new FeedUpdatesQuery(user(owner)),
                ResponseTypes.instanceOf(Boolean.class), ResponseTypes.instanceOf(FeedEntry.class)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    /** The entries of the {@code times} emits, each filtered to exactly {@code owners}. */
    private List<FeedEntry> emitted(int times, List<String> owners) {
        ArgumentCaptor<Predicate> filters = ArgumentCaptor.forClass(Predicate.class);
        ArgumentCaptor<Object> entries = ArgumentCaptor.forClass(Object.class);
        verify(emitter, times(times)).emit(eq(FeedUpdatesQuery.class), filters.capture(), entries.capture());
        for (int n = 0; n < times; n++) {
            Predicate<FeedUpdatesQuery> filter = filters.getAllValues().get(n);
            for (String owner : owners) {
                assertThat(filter.test(new FeedUpdatesQuery(user(owner)))).as(owner).isTrue();
            }
            assertThat(filter.test(new FeedUpdatesQuery(user("someone-else")))).isFalse();
            assertThat(filter.test(new FeedUpdatesQuery(user("f0")))).as("followed but not subscribed").isFalse();
        }
        return entries.getAllValues().stream().map(FeedEntry.class::cast).toList();
    }

    @Test
    void liveEntriesArePushedToTheOwnersThatSubscribedOnly() {
        FeedProjector projector = projector();
        List<EventMessage<Object>> follows = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            follows.add(events.follow("f" + n, "alice"));
        }
        inOneBatch(projector, follows);
        inOneBatch(projector, List.of(events.post("alice", "a0")));
        verify(emitter, never()).emit(eq(FeedUpdatesQuery.class), any(), (Object) any());

        subscribe("f7");
        subscribe("alice");
        inOneBatch(projector, List.of(events.post("alice", "a1")));

        List<FeedEntry> pushed = emitted(1, List.of("alice", "f7"));
        assertThat(pushed).extracting(FeedEntry::postId).containsExactly(postId("alice", "a1"));
        assertThat(pushed.get(0).cursor()).as("the same entry is each subscriber's own")
                .isEqualTo(queries(800).find(new FindFeedQuery(user("f7"), 1, null)).items().get(0).cursor())
                .isEqualTo(queries(800).find(new FindFeedQuery(user("alice"), 1, null)).items().get(0).cursor());
    }

    @Test
    void aBatchReadsTheSubscriptionsOnceAndEmitsOncePerPost() {
        FeedProjector projector = projector();
        List<EventMessage<Object>> follows = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            follows.add(events.follow("f" + n, "alice"));
        }
        inOneBatch(projector, follows);
        subscribe("f1");
        subscribe("f2");
        subscribe("f3");
        inOneBatch(projector, List.of(events.post("alice", "a1"), events.post("alice", "a2"), events.post("alice", "a3")));

        verify(emitter, times(1)).activeSubscriptions();
        assertThat(emitted(3, List.of("f1", "f2", "f3"))).extracting(FeedEntry::postId)
                .containsExactly(postId("alice", "a1"), postId("alice", "a2"), postId("alice", "a3"));
    }

    @Test
    void aBackfillIsNotPushed() {
        FeedProjector projector = projector();
        inOneBatch(projector, List.of(events.post("alice", "a1"), events.post("alice", "a2")));
        subscribe("fan");
        inOneBatch(projector, List.of(events.follow("fan", "alice")));

        verify(emitter, never()).emit(eq(FeedUpdatesQuery.class), any(), (Object) any());
        assertThat(feed("fan")).isEqualTo(posts("alice", "a2", "a1"));
        inOneBatch(projector, List.of(events.post("alice", "a3")));
        assertThat(emitted(1, List.of("fan"))).extracting(FeedEntry::postId).containsExactly(postId("alice", "a3"));
    }

    @Test
    void nothingIsPushedDuringAReplay() {
        FeedProjector projector = projector();
        subscribe("fan");
        subscribe("alice");
        List<EventMessage<Object>> live = List.of(events.post("alice", "a0"), events.follow("fan", "alice"),
                events.post("alice", "a1"), events.mute("fan", "alice"), events.unmute("fan", "alice"));
        List<EventMessage<Object>> replay = new ArrayList<>();
        for (int n = 0; n < live.size(); n++) {
            replay.add(replayed(live.get(n), n));
        }
        inOneBatch(projector, replay);

        verify(emitter, never()).emit(eq(FeedUpdatesQuery.class), any(), (Object) any());
        assertThat(feed("fan")).isEqualTo(posts("alice", "a1", "a0"));
    }
}
