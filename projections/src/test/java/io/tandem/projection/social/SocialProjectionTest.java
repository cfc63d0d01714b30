package io.tandem.projection.social;

import com.mongodb.client.MongoDatabase;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.follow.FindFollowersQuery;
import io.tandem.contracts.follow.FindFollowingQuery;
import io.tandem.contracts.follow.UnfollowReason;
import io.tandem.contracts.post.CommentId;
import io.tandem.contracts.post.CommentPage;
import io.tandem.contracts.post.CommentPages;
import io.tandem.contracts.post.FindCommentsOfPostsQuery;
import io.tandem.contracts.post.CommentView;
import io.tandem.contracts.post.FindCommentsQuery;
import io.tandem.contracts.post.FindPostQuery;
import io.tandem.contracts.post.FindPostsByIdQuery;
import io.tandem.contracts.post.FindPostsQuery;
import io.tandem.contracts.post.Mention;
import io.tandem.contracts.post.PostId;
import io.tandem.contracts.post.PostPage;
import io.tandem.contracts.post.PostView;
import io.tandem.contracts.profile.FindTraderQuery;
import io.tandem.contracts.profile.FindTradersByIdQuery;
import io.tandem.contracts.profile.TraderPage;
import io.tandem.contracts.profile.TraderProfileView;
import io.tandem.contracts.profile.TraderSummary;
import io.tandem.projection.post.PostQueryHandler;
import io.tandem.projection.profile.TraderQueryHandler;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.MongoReadModelTest;
import io.tandem.projection.support.TestEvents;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.tandem.projection.support.ProjectionBatches.contents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class SocialProjectionTest extends MongoReadModelTest {

    private static final UserId ALICE = UserId.of("alice-id");
    private static final UserId BOB = UserId.of("bob-id");
    private static final UserId CAROL = UserId.of("carol-id");

    private SocialProjection projection;
    private TraderQueryHandler traders;
    private PostQueryHandler posts;
    private SocialProjection.Events events;

    @BeforeEach
    void setUp() {
        projection = new SocialProjection(database);
        InstrumentFormats instruments = new InstrumentFormats(database);
        instruments.store(TestEvents.acmeListed("1000"));
        traders = new TraderQueryHandler(database);
        posts = new PostQueryHandler(database, instruments);
        events = new SocialProjection.Events();
        events.profile(ALICE.value(), "Alice", null, "Alice A");
        events.profile(BOB.value(), "bob", null, "Bob B");
        events.profile(CAROL.value(), "carol", null, "Carol C");
    }

    private TraderProfileView trader(String handle, UserId viewer) {
        return traders.find(new FindTraderQuery(handle, null, viewer));
    }

    private TraderProfileView trader(UserId userId) {
        return traders.find(new FindTraderQuery(null, userId, userId));
    }

    private static List<String> handles(TraderPage page) {
        return page.items().stream().map(TraderSummary::handle).toList();
    }

    private static List<String> texts(PostPage page) {
        return page.items().stream().map(PostView::text).toList();
    }

    private void batch() {
        projection.inOneBatch(events.all());
    }

    @Test
    void aTraderIsFoundByHandleInAnyCaseWithTheViewersRelationsAndTheirPublicAccountOnlyToThemselves() {
        events.follow(BOB.value(), ALICE.value());
        events.mute(BOB.value(), ALICE.value());
        batch();

        TraderProfileView seenByBob = trader("ALICE", BOB);
        assertThat(seenByBob).isEqualTo(new TraderProfileView("alice-id", "Alice", "Alice A", "bio of Alice", true, null,
                1, 0, 0, true, true, false));
        assertThat(trader("alice", ALICE).publicAccountId()).isEqualTo("acc-alice-id");
        assertThat(trader(BOB)).satisfies(bob -> {
            assertThat(bob.handle()).isEqualTo("bob");
            assertThat(bob.followingCount()).isEqualTo(1);
            assertThat(bob.publicAccountId()).isEqualTo("acc-bob-id");
        });
        assertThat(trader("nobody", BOB)).isNull();
        assertThat(trader("not a handle!", BOB)).isNull();
    }

    @Test
    void aChangedHandleFreesTheOldOneForSomeoneElse() {
        events.profile(ALICE.value(), "Alicia", "Alice", "Alice A");
        events.profile(CAROL.value(), "alice", "carol", "Carol C");
        batch();

        assertThat(trader("alicia", BOB).userId()).isEqualTo("alice-id");
        assertThat(trader("ALICE", BOB).userId()).isEqualTo("carol-id");
        assertThat(trader("carol", BOB)).isNull();

        projection.inOneBatch(events.all()); // redelivered: nothing moves back
        assertThat(trader("alice", BOB).userId()).isEqualTo("carol-id");
        assertThat(traders.find(new FindTradersByIdQuery(List.of("alice-id", "carol-id", "nobody"))).traders())
                .extracting(TraderSummary::handle).containsExactlyInAnyOrder("Alicia", "alice");
    }

    @Test
    void aClaimAfterTheReleaseInTheLogWinsEvenWithAnEarlierRequestTime() {
        // Carol's request took its time before it was retried behind Alice's rename: its claim comes
        // later in the log but carries an earlier time than the release.
        Instant released = events.now().plusSeconds(10);
        events.profileAt(ALICE.value(), "Alicia", "Alice", "Alice A", released);
        events.profileAt(CAROL.value(), "alice", "carol", "Carol C", released.minusSeconds(5));
        batch();

        assertThat(trader("alice", BOB).userId()).isEqualTo("carol-id");
        assertThat(trader("alicia", BOB).userId()).isEqualTo("alice-id");

        projection.oneByOne(events.all()); // redelivered one by one: nothing moves back
        assertThat(trader("alice", BOB).userId()).isEqualTo("carol-id");
        assertThat(trader("carol", BOB)).isNull();
    }

    @Test
    void countsFollowFollowsAndUnfollowsAndARedeliveredBatchCountsTheSame() {
        events.follow(BOB.value(), ALICE.value());
        events.follow(CAROL.value(), ALICE.value());
        events.follow(ALICE.value(), CAROL.value());
        events.unfollow(CAROL.value(), ALICE.value(), UnfollowReason.UNFOLLOWED);
        batch();

        assertThat(trader(ALICE)).extracting(TraderProfileView::followersCount, TraderProfileView::followingCount)
                .containsExactly(1L, 1L);
        assertThat(trader(CAROL)).extracting(TraderProfileView::followersCount, TraderProfileView::followingCount)
                .containsExactly(1L, 0L);
        assertThat(trader(BOB).followingCount()).isEqualTo(1);
        var before = contents(database);

        projection.inOneBatch(events.all());
        projection.inOneBatch(events.since(3));

        assertThat(contents(database)).isEqualTo(before);
        assertThat(trader(ALICE).followersCount()).isEqualTo(1);
    }

    @Test
    void followersAreListedNewestFollowFirstAndPagedWithCursorsThatHoldWhileNewFollowsArrive() {
        UserId dave = UserId.of("dave-id");
        events.profile(dave.value(), "dave", null, "Dave");
        events.follow(BOB.value(), ALICE.value());
        events.follow(CAROL.value(), ALICE.value());
        events.follow(dave.value(), ALICE.value());
        batch();

        TraderPage first = traders.find(new FindFollowersQuery(ALICE, 2, null));
        assertThat(handles(first)).containsExactly("dave", "carol");
        assertThat(first.hasNextPage()).isTrue();
        assertThat(first.endCursor()).isEqualTo(first.items().get(1).cursor());

        int seen = events.count();
        events.follow(BOB.value(), CAROL.value()); // bob's re-follow elsewhere and a new follower of alice
        UserId erin = UserId.of("erin-id");
        events.profile(erin.value(), "erin", null, "Erin");
        events.follow(erin.value(), ALICE.value());
        projection.inOneBatch(events.since(seen));

        TraderPage second = traders.find(new FindFollowersQuery(ALICE, 2, first.endCursor()));
        assertThat(handles(second)).containsExactly("bob");
        assertThat(second.hasNextPage()).isFalse();
        assertThat(handles(traders.find(new FindFollowersQuery(ALICE, 0, null)))).containsExactly("erin", "dave", "carol", "bob");
        assertThat(handles(traders.find(new FindFollowingQuery(BOB, 10, null)))).containsExactly("carol", "Alice");
        assertThat(traders.find(new FindFollowingQuery(ALICE, 10, null)).items()).isEmpty();
    }

    @Test
    void anUnfollowRemovesTheEdgeAndAFollowAgainListsTheTraderAsTheNewestFollow() {
        events.follow(BOB.value(), ALICE.value());
        events.follow(CAROL.value(), ALICE.value());
        events.unfollow(BOB.value(), ALICE.value(), UnfollowReason.UNFOLLOWED);
        batch();
        assertThat(handles(traders.find(new FindFollowersQuery(ALICE, 10, null)))).containsExactly("carol");
        assertThat(traders.find(new FindFollowingQuery(BOB, 10, null)).items()).isEmpty();

        int seen = events.count();
        events.follow(BOB.value(), ALICE.value());
        projection.oneByOne(events.since(seen));

        assertThat(handles(traders.find(new FindFollowersQuery(ALICE, 10, null)))).containsExactly("bob", "carol");
        assertThat(trader(ALICE).followersCount()).isEqualTo(2);
    }

    @Test
    void aBlockEndsTheFollowsBothWaysAndHidesEachOthersPostsUntilUnblocked() {
        events.follow(BOB.value(), ALICE.value());
        events.follow(ALICE.value(), BOB.value());
        PostId alicePost = events.post(ALICE.value(), "a1");
        PostId bobPost = events.post(BOB.value(), "b1");
        events.unfollow(BOB.value(), ALICE.value(), UnfollowReason.BLOCKED);
        events.unfollow(ALICE.value(), BOB.value(), UnfollowReason.BLOCKED);
        events.block(ALICE.value(), BOB.value());
        batch();

        assertThat(trader(ALICE)).extracting(TraderProfileView::followersCount, TraderProfileView::followingCount)
                .containsExactly(0L, 0L);
        assertThat(trader("bob", ALICE).blockedByMe()).isTrue();
        assertThat(trader("alice", BOB).blockedByMe()).isFalse();
        for (UserId[] pair : new UserId[][]{{BOB, ALICE}, {ALICE, BOB}}) {
            UserId viewer = pair[0];
            UserId author = pair[1];
            PostId post = author.equals(ALICE) ? alicePost : bobPost;
            assertThat(posts.find(new FindPostQuery(post, viewer))).as("%s reads %s's post", viewer, author).isNull();
            assertThat(posts.find(new FindPostsQuery(author, viewer, 10, null)).items()).isEmpty();
            assertThat(posts.find(new FindPostsByIdQuery(List.of(alicePost, bobPost), viewer)).items())
                    .extracting(PostView::authorId).containsExactly(viewer.value());
        }
        assertThat(posts.find(new FindPostQuery(alicePost, CAROL))).isNotNull();

        int seen = events.count();
        events.unblock(ALICE.value(), BOB.value());
        projection.inOneBatch(events.since(seen));

        assertThat(posts.find(new FindPostQuery(alicePost, BOB)).text()).isEqualTo("text a1");
        assertThat(texts(posts.find(new FindPostsQuery(BOB, ALICE, 10, null)))).containsExactly("text b1");
    }

    @Test
    void postsAreListedNewestFirstWithTheirAuthorsCurrentNameAndPagedWithCursors() {
        events.post(ALICE.value(), "p1", "first $ACME @bob", List.of("ACME"), List.of(new Mention(BOB, "bob")));
        events.post(ALICE.value(), "p2");
        events.post(ALICE.value(), "p3");
        events.profile(ALICE.value(), "Alice2", "Alice", "Alice Two");
        batch();

        PostPage first = posts.find(new FindPostsQuery(ALICE, BOB, 2, null));
        assertThat(texts(first)).containsExactly("text p3", "text p2");
        assertThat(first.hasNextPage()).isTrue();
        assertThat(first.items().get(0).authorHandle()).isEqualTo("Alice2");
        assertThat(first.items().get(0).authorDisplayName()).isEqualTo("Alice Two");

        PostPage second = posts.find(new FindPostsQuery(ALICE, BOB, 2, first.endCursor()));
        assertThat(second.items()).singleElement().satisfies(post -> {
            assertThat(post.text()).isEqualTo("first $ACME @bob");
            assertThat(post.kind()).isEqualTo("TEXT");
            assertThat(post.symbols()).containsExactly("ACME");
            assertThat(post.mentions()).containsExactly("bob");
            assertThat(post.createdAt()).isEqualTo(TestEvents.T0.plusSeconds(4).toString());
            assertThat(post.trade()).isNull();
        });
        assertThat(second.hasNextPage()).isFalse();
        assertThat(trader(ALICE).postsCount()).isEqualTo(3);
        assertThat(posts.find(new FindPostsQuery(CAROL, BOB, 2, null)).items()).isEmpty();
    }

    @Test
    void aDeletedPostIsGoneEverywhereAndARedeliveredCreationDoesNotBringItBack() {
        PostId kept = events.post(ALICE.value(), "p1");
        PostId deleted = events.post(ALICE.value(), "p2");
        events.comment(deleted, ALICE.value(), BOB.value(), "c1", "hi");
        events.deletePost(deleted, ALICE.value());
        batch();

        assertThat(posts.find(new FindPostQuery(deleted, BOB))).isNull();
        assertThat(texts(posts.find(new FindPostsQuery(ALICE, BOB, 10, null)))).containsExactly("text p1");
        assertThat(posts.find(new FindPostsByIdQuery(List.of(deleted, kept), BOB)).items()).extracting(PostView::id)
                .containsExactly(kept.value());
        assertThat(posts.find(new FindCommentsQuery(deleted, null, 10, null)).items()).isEmpty();
        assertThat(trader(ALICE).postsCount()).isEqualTo(1);

        projection.inOneBatch(events.all());

        assertThat(posts.find(new FindPostQuery(deleted, BOB))).isNull();
        assertThat(trader(ALICE).postsCount()).isEqualTo(1);
    }

    @Test
    void likesAndCommentsAreCountedOnceHoweverOftenTheirEventsArrive() {
        PostId post = events.post(ALICE.value(), "p1");
        events.like(post, ALICE.value(), BOB.value());
        events.like(post, ALICE.value(), CAROL.value());
        events.unlike(post, ALICE.value(), CAROL.value());
        CommentId c1 = events.comment(post, ALICE.value(), BOB.value(), "c1", "one");
        events.comment(post, ALICE.value(), CAROL.value(), "c2", "two");
        events.comment(post, ALICE.value(), ALICE.value(), "c3", "three");
        events.deleteComment(c1, post, ALICE.value(), BOB.value());
        batch();
        projection.inOneBatch(events.all());
        projection.oneByOne(events.since(4));

        assertThat(posts.find(new FindPostQuery(post, BOB))).satisfies(view -> {
            assertThat(view.likesCount()).isEqualTo(1);
            assertThat(view.likedByMe()).isTrue();
            assertThat(view.commentsCount()).isEqualTo(2);
        });
        assertThat(posts.find(new FindPostQuery(post, CAROL)).likedByMe()).isFalse();

        CommentPage first = posts.find(new FindCommentsQuery(post, null, 1, null));
        assertThat(first.items()).extracting(CommentView::text).containsExactly("two");
        assertThat(first.items().get(0).authorHandle()).isEqualTo("carol");
        assertThat(first.hasNextPage()).isTrue();
        CommentPage second = posts.find(new FindCommentsQuery(post, null, 1, first.endCursor()));
        assertThat(second.items()).extracting(CommentView::text, CommentView::authorDisplayName)
                .containsExactly(tuple("three", "Alice A"));
        assertThat(second.hasNextPage()).isFalse();
    }

    @Test
    void aViewerDoesNotSeeTheCommentsOfTradersBlockedEitherWayAndTheCursorMovesPastThem() {
        PostId post = events.post(ALICE.value(), "p1");
        events.comment(post, ALICE.value(), BOB.value(), "c1", "by bob");
        events.comment(post, ALICE.value(), CAROL.value(), "c2", "by carol");
        events.comment(post, ALICE.value(), ALICE.value(), "c3", "by alice");
        events.block(CAROL.value(), BOB.value());
        batch();

        assertThat(posts.find(new FindCommentsQuery(post, BOB, 10, null)).items()).extracting(CommentView::text)
                .containsExactly("by bob", "by alice");
        assertThat(posts.find(new FindCommentsQuery(post, CAROL, 10, null)).items()).extracting(CommentView::text)
                .containsExactly("by carol", "by alice");
        assertThat(posts.find(new FindCommentsQuery(post, ALICE, 10, null)).items()).hasSize(3);

        CommentPage first = posts.find(new FindCommentsQuery(post, BOB, 1, null));
        CommentPage hidden = posts.find(new FindCommentsQuery(post, BOB, 1, first.endCursor()));
        assertThat(hidden.items()).isEmpty();
        assertThat(hidden.hasNextPage()).isTrue();
        assertThat(posts.find(new FindCommentsQuery(post, BOB, 1, hidden.endCursor())).items()).extracting(CommentView::text)
                .containsExactly("by alice");
    }

    @Test
    void theFirstCommentsOfSeveralPostsAreOnePageEachAsTheSinglePostQueryAnswersIt() {
        PostId p1 = events.post(ALICE.value(), "p1");
        PostId p2 = events.post(BOB.value(), "p2");
        PostId gone = events.post(ALICE.value(), "p3");
        events.comment(p1, ALICE.value(), BOB.value(), "c1", "one");
        events.comment(p1, ALICE.value(), CAROL.value(), "c2", "two");
        events.comment(p1, ALICE.value(), ALICE.value(), "c3", "three");
        events.comment(gone, ALICE.value(), BOB.value(), "c4", "four");
        events.deletePost(gone, ALICE.value());
        events.block(CAROL.value(), BOB.value());
        batch();

        List<PostId> asked = List.of(p1, p2, gone, PostId.of("unknown"), p1);
        CommentPages pages = posts.find(new FindCommentsOfPostsQuery(asked, BOB, 2));

        assertThat(pages.pages()).hasSize(asked.size());
        for (int i = 0; i < asked.size(); i++) {
            assertThat(pages.pages().get(i)).isEqualTo(posts.find(new FindCommentsQuery(asked.get(i), BOB, 2, null)));
        }
        assertThat(pages.pages().get(0).items()).extracting(CommentView::text).containsExactly("one");
        assertThat(pages.pages().get(0).hasNextPage()).isTrue();
        assertThat(pages.pages().get(1).items()).isEmpty();
        assertThat(pages.pages().get(2).items()).isEmpty();
    }

    @Test
    void aTradePostShowsTheOrdersFillsSoFarInTheInstrumentsPrecision() {
        var first = SocialProjection.Events.trade("o1", Side.BUY, TestEvents.quantity("1.5"), TestEvents.price("10.00"));
        PostId post = events.tradePost(ALICE.value(), "o1", first);
        var later = SocialProjection.Events.trade("o1", Side.BUY, TestEvents.quantity("2.5"), TestEvents.price("10.40"));
        events.tradeUpdated(post, ALICE.value(), "t2", later);
        batch();

        PostView view = posts.find(new FindPostQuery(post, BOB));
        assertThat(view.kind()).isEqualTo("TRADE");
        assertThat(view.text()).isNull();
        assertThat(view.trade()).isEqualTo(new PostView.TradeView("ACME", "BUY", "2.5", "10.40"));
    }

    @Test
    void batchesEndWithTheSameDocumentsAsEventsOneByOne() {
        events.follow(BOB.value(), ALICE.value());
        PostId post = events.post(ALICE.value(), "p1");
        events.like(post, ALICE.value(), BOB.value());
        CommentId comment = events.comment(post, ALICE.value(), BOB.value(), "c1", "hi");
        events.unfollow(BOB.value(), ALICE.value(), UnfollowReason.UNFOLLOWED);
        events.follow(BOB.value(), ALICE.value());
        events.deleteComment(comment, post, ALICE.value(), BOB.value());
        events.profile(BOB.value(), "bobby", "bob", "Bob B");
        List<EventMessage<Object>> all = events.all();

        MongoDatabase reference = emptyDatabase("one-by-one");
        new SocialProjection(reference).oneByOne(all);
        projection.inOneBatch(all.subList(0, 6));
        projection.inOneBatch(all.subList(3, all.size()));

        var expected = contents(reference);
        var actual = contents(database);
        actual.remove("instruments"); // listed by the test's setup only
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void aBatchThatFailsAfterItsEdgesWereWrittenEndsRightWhenDeliveredAgain() {
        events.follow(BOB.value(), ALICE.value());
        events.follow(CAROL.value(), ALICE.value());
        events.unfollow(BOB.value(), ALICE.value(), UnfollowReason.UNFOLLOWED);
        events.follow(BOB.value(), ALICE.value());
        List<EventMessage<Object>> all = events.all();
        MongoDatabase reference = emptyDatabase("one-by-one");
        new SocialProjection(reference).oneByOne(all);

        projection.inOneBatchFailingAtCommit(all);
        assertThat(database.getCollection("followers").countDocuments()).as("edges written").isEqualTo(2);
        assertThat(database.getCollection("relations").countDocuments()).as("relation documents not yet").isZero();
        projection.inOneBatch(all);

        var actual = contents(database);
        actual.remove("instruments");
        assertThat(actual).isEqualTo(contents(reference));
        assertThat(handles(traders.find(new FindFollowersQuery(ALICE, 10, null)))).containsExactly("bob", "carol");
    }

    @Test
    void aBatchOfFollowsReadsItsRelationDocumentsInOneQuery() {
        batch();
        int seen = events.count();
        for (String follower : List.of(BOB.value(), CAROL.value())) {
            events.follow(follower, ALICE.value());
            events.mute(ALICE.value(), follower);
        }
        clearCommands();

        projection.inOneBatch(events.since(seen));

        assertThat(commands("find", database, "relations")).isEqualTo(1);
        assertThat(trader("bob", ALICE).mutedByMe()).isTrue();
        assertThat(trader(ALICE).followersCount()).isEqualTo(2);
    }

    @Test
    void aResetEmptiesTheReadModelsAndAReplayRebuildsThem() {
        events.follow(BOB.value(), ALICE.value());
        PostId post = events.post(ALICE.value(), "p1");
        events.like(post, ALICE.value(), BOB.value());
        events.comment(post, ALICE.value(), BOB.value(), "c1", "hi");
        batch();
        var built = contents(database);

        projection.reset();
        assertThat(trader(ALICE)).isNull();
        assertThat(posts.find(new FindPostQuery(post, BOB))).isNull();
        assertThat(traders.find(new FindFollowersQuery(ALICE, 10, null)).items()).isEmpty();
        contents(database).forEach((name, documents) -> {
            if (!name.equals("instruments")) {
                assertThat(documents).as(name).allSatisfy(document -> assertThat(document).contains("from-start"));
            }
        });

        projection.inOneBatch(events.all());
        assertThat(contents(database)).isEqualTo(built);
    }

    @Test
    void aCursorThatIsNotOneOfOursIsAMalformedRequest() {
        batch();
        assertThatThrownBy(() -> traders.find(new FindFollowersQuery(ALICE, 10, "%%%")))
                .isInstanceOfSatisfying(TandemException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST));
        assertThatThrownBy(() -> posts.find(new FindPostsQuery(ALICE, BOB, 10, io.tandem.projection.support.Cursors.encode("x"))))
                .isInstanceOf(TandemException.class);
    }

    @Test
    void aPageCostsTheSameNumberOfReadsWhateverItsSize() {
        List<PostId> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(events.post(i % 2 == 0 ? ALICE.value() : BOB.value(), "p" + i));
        }
        batch();
        clearCommands();

        assertThat(posts.find(new FindPostsByIdQuery(ids, CAROL)).items()).hasSize(30);

        assertThat(commands("find", database, "posts")).isEqualTo(1);
        assertThat(commands("find", database, "profiles")).isEqualTo(1);
        assertThat(commands("find", database, "relations")).isEqualTo(1);
        assertThat(commands("find", database, "likes")).isEqualTo(1);
    }
}
