package io.tandem.command.post;

import io.tandem.command.orderentry.OrderEntry.Caller;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.post.CommentAddedEvent;
import io.tandem.contracts.post.CommentDeletedEvent;
import io.tandem.contracts.post.CommentId;
import io.tandem.contracts.post.Mention;
import io.tandem.contracts.post.PostCreatedEvent;
import io.tandem.contracts.post.PostDeletedEvent;
import io.tandem.contracts.post.PostId;
import io.tandem.contracts.post.PostKind;
import io.tandem.contracts.post.PostLikedEvent;
import io.tandem.contracts.post.PostUnlikedEvent;
import io.tandem.contracts.post.RecordTradeFillCommand;
import io.tandem.contracts.post.SocialIds;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Post entry against real posts, comments and likes, a real event store, the posts lookup table's
 * subscribing processor and the instrument catalog on H2: what a request leaves behind, and that a
 * refusal leaves nothing. Each test has its own traders and instruments.
 */
@SpringBootTest(classes = PostEntryTestApplication.class, properties = {
        "axon.axonserver.enabled=false",
        "axon.serializer.general=jackson",
        "axon.serializer.events=jackson",
        "axon.serializer.messages=jackson",
        "spring.datasource.url=jdbc:h2:mem:post-entry;DB_CLOSE_DELAY=-1"})
class PostEntryIntegrationTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");

    @Autowired
    private PostEntry entry;
    @Autowired
    private PostEntryTestApplication.Traders traders;
    @Autowired
    private PostEntryTestApplication.Blocks blocks;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private TransactionTemplate transaction;
    @Autowired
    private CommandGateway commands;
    @Autowired
    @Qualifier(PostConfiguration.CACHE)
    private Cache postCache;

    private String n;
    private Caller alice;
    private Caller bob;
    private Caller carol;
    private String acme;

    @BeforeEach
    void traders() {
        n = String.valueOf(SEQUENCE.incrementAndGet());
        alice = trader("Alice");
        bob = trader("Bob");
        carol = trader("Carol");
        acme = "ACME" + n;
        list(acme);
        list("BRK.B" + n);
    }

    private Caller trader(String name) {
        UserId user = UserId.of(name.toLowerCase() + "-" + n);
        traders.profile(user, name + "_" + n);
        return new Caller(user, false);
    }

    private String handle(Caller caller) {
        return traders.handleOf(caller.userId()).orElseThrow();
    }

    private void list(String symbol) {
        InstrumentSpec spec = new InstrumentSpec(Symbol.of(symbol), symbol, new BigDecimal("0.01"), BigDecimal.ONE,
                new BigDecimal("0.001"), new BigDecimal("0.002"), Quantity.ofLots(1_000), Cash.parse("50000.00"),
                new BigDecimal("0.10"));
        InstrumentListedEvent listed = new InstrumentListedEvent(Symbol.of(symbol), spec, AccountId.of("issuer"),
                Quantity.ofLots(1_000), NOW);
        transaction.executeWithoutResult(status -> eventStore.publish(GenericEventMessage.asEventMessage(listed)));
    }

    private List<Object> events(Object aggregateId) {
        return transaction.execute(status -> eventStore.readEvents(aggregateId.toString()).asStream()
                .map(EventMessage::getPayload).map(Object.class::cast).toList());
    }

    private static void refused(ThrowingCallable call, ErrorCode code, String... words) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TandemException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            for (String word : words) {
                assertThat(e.getMessage()).contains(word);
            }
        });
    }

    private PostId post(Caller author, String clientPostId) {
        return entry.createPost(author, clientPostId, "hello", NOW);
    }

    @Test
    void aTradePostStaysCachedBetweenFillsAndIsSnapshottedSoALoadNeedNotReplayEveryFill() {
        OrderId order = OrderId.of("order-" + n);
        PostId postId = SocialIds.tradePost(order);
        for (int i = 1; i <= 120; i++) {
            commands.sendAndWait(new RecordTradeFillCommand(postId, alice.userId(), AccountId.of("acc-" + n), order,
                    Symbol.of(acme), Side.BUY, TradeId.of("T" + n + "-" + i), Price.ofTicks(1_000), Quantity.ofLots(1), NOW));
        }

        assertThat(postCache.containsKey(postId.toString())).as("the post is in its cache").isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!(events(postId).get(0) instanceof Post) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        List<Object> stream = events(postId);
        assertThat(stream.get(0)).as("a load starts from a snapshot").isInstanceOf(Post.class);
        assertThat(stream).as("and replays only the fills after it").hasSizeLessThan(25);
        assertThat(stream.get(0)).extracting("countedTrades").asInstanceOf(InstanceOfAssertFactories.COLLECTION)
                .hasSize(121 - stream.size());
    }

    @Test
    void aPostIsCreatedWithItsSymbolsAndMentionsEachOnceInTheOrderWritten() {
        String text = "Long $" + acme + " and $BRK.B" + n + ", says @" + handle(bob).toLowerCase() + " to @" + handle(carol)
                + "; again $" + acme + ". @" + handle(bob) + " mail: x@" + handle(carol) + " $lower $5 $" + acme + "x";

        PostId postId = entry.createPost(alice, "p1", text, NOW);

        assertThat(postId).isEqualTo(SocialIds.post(alice.userId(), "p1"));
        assertThat(events(postId)).containsExactly(new PostCreatedEvent(postId, alice.userId(), "p1", PostKind.TEXT, text,
                List.of(acme, "BRK.B" + n), List.of(new Mention(bob.userId(), handle(bob)), new Mention(carol.userId(), handle(carol))),
                null, NOW));
    }

    @Test
    void theSameRequestAgainAnswersTheSamePostAndAnotherTextIsAConflict() {
        PostId first = post(alice, "p1");

        assertThat(post(alice, "p1")).isEqualTo(first);
        assertThat(post(bob, "p1")).isNotEqualTo(first);
        refused(() -> entry.createPost(alice, "p1", "other", NOW), ErrorCode.POST_CONFLICT);
        assertThat(events(first)).hasSize(1);
    }

    @Test
    void anUnlistedSymbolOrAnUnknownHandleIsRefusedAndNothingIsWritten() {
        refused(() -> entry.createPost(alice, "p1", "buy $NOPE" + n, NOW), ErrorCode.UNKNOWN_MENTION, "$NOPE" + n);
        refused(() -> entry.createPost(alice, "p1", "buy $ABCDEFGHIJKLM", NOW), ErrorCode.UNKNOWN_MENTION, "$ABCDEFGHIJKLM");
        refused(() -> entry.createPost(alice, "p1", "hi @" + handle(bob) + " and @nobody_" + n, NOW),
                ErrorCode.UNKNOWN_MENTION, "@nobody_" + n);
        assertThat(events(SocialIds.post(alice.userId(), "p1"))).isEmpty();
    }

    @Test
    void badTextsAndClientIdsAreRefusedAndNothingIsWritten() {
        refused(() -> entry.createPost(alice, "p1", "x".repeat(1001), NOW), ErrorCode.INVALID_TEXT, "1000");
        refused(() -> entry.createPost(alice, "p1", "bell \u0007", NOW), ErrorCode.INVALID_TEXT, "U+0007");
        refused(() -> entry.createPost(alice, "p1", "sneaky \u202E", NOW), ErrorCode.INVALID_TEXT);
        refused(() -> entry.createPost(alice, "p1", "   ", NOW), ErrorCode.INVALID_TEXT);
        refused(() -> entry.createPost(alice, "p 1", "hello", NOW), ErrorCode.MALFORMED_REQUEST);
        refused(() -> entry.createPost(alice, "p".repeat(65), "hello", NOW), ErrorCode.MALFORMED_REQUEST);
        assertThat(entry.createPost(alice, "p1", "x".repeat(1000), NOW)).isEqualTo(SocialIds.post(alice.userId(), "p1"));
        assertThat(entry.createPost(alice, "p2", "two\nlines\ttab", NOW)).isNotNull();
    }

    @Test
    void postingCommentingAndLikingNeedAProfile() {
        Caller nobody = new Caller(UserId.of("nobody-" + n), false);
        PostId postId = post(alice, "p1");

        refused(() -> post(nobody, "p1"), ErrorCode.PROFILE_REQUIRED);
        refused(() -> entry.addComment(nobody, postId, "c1", "hi", NOW), ErrorCode.PROFILE_REQUIRED);
        refused(() -> entry.like(nobody, postId, true, NOW), ErrorCode.PROFILE_REQUIRED);
        assertThat(events(SocialIds.post(nobody.userId(), "p1"))).isEmpty();
    }

    @Test
    void aCommentIsAddedWithItsMentionsOnceAndIdempotently() {
        PostId postId = post(alice, "p1");
        String text = "@" + handle(carol) + " look, @" + handle(carol);

        CommentId commentId = entry.addComment(bob, postId, "c1", text, NOW);

        assertThat(entry.addComment(bob, postId, "c1", text, NOW)).isEqualTo(commentId);
        assertThat(events(commentId)).containsExactly(new CommentAddedEvent(commentId, postId, alice.userId(), bob.userId(), "c1",
                text, List.of(new Mention(carol.userId(), handle(carol))), NOW));
        refused(() -> entry.addComment(bob, postId, "c1", "other", NOW), ErrorCode.COMMENT_CONFLICT);
        refused(() -> entry.addComment(bob, postId, "c2", "hi @nobody_" + n, NOW), ErrorCode.UNKNOWN_MENTION);
        refused(() -> entry.addComment(bob, postId, "c2", "\u0000", NOW), ErrorCode.INVALID_TEXT);
        assertThat(events(SocialIds.comment(postId, bob.userId(), "c2"))).isEmpty();
    }

    @Test
    void commentsAndLikesOnAnUnknownOrDeletedPostAreNotFound() {
        PostId unknown = SocialIds.post(alice.userId(), "never");
        PostId deleted = post(alice, "p1");
        entry.deletePost(alice, deleted, NOW);

        for (PostId postId : List.of(unknown, deleted)) {
            refused(() -> entry.addComment(bob, postId, "c1", "hi", NOW), ErrorCode.POST_NOT_FOUND);
            refused(() -> entry.like(bob, postId, true, NOW), ErrorCode.POST_NOT_FOUND);
            assertThat(events(SocialIds.comment(postId, bob.userId(), "c1"))).isEmpty();
            assertThat(events(SocialIds.like(postId, bob.userId()))).isEmpty();
        }
        refused(() -> entry.deletePost(alice, unknown, NOW), ErrorCode.POST_NOT_FOUND);
    }

    @Test
    void aLikeOfADeletedPostCanStillBeTakenBackButAnUnknownPostIsNotFound() {
        PostId postId = post(alice, "p1");
        assertThat(entry.like(bob, postId, true, NOW)).isTrue();
        entry.deletePost(alice, postId, NOW);

        assertThat(entry.like(bob, postId, false, NOW)).isFalse();
        assertThat(entry.like(carol, postId, false, NOW)).isFalse();
        refused(() -> entry.like(bob, SocialIds.post(alice.userId(), "never"), false, NOW), ErrorCode.POST_NOT_FOUND);

        assertThat(events(SocialIds.like(postId, bob.userId()))).containsExactly(
                new PostLikedEvent(SocialIds.like(postId, bob.userId()), postId, alice.userId(), bob.userId(), NOW),
                new PostUnlikedEvent(SocialIds.like(postId, bob.userId()), postId, alice.userId(), bob.userId(), NOW));
        assertThat(events(SocialIds.like(postId, carol.userId()))).isEmpty();
    }

    @Test
    void aTextMentionsAtMostTenDistinctTradersAndTenDistinctSymbols() {
        StringBuilder eleven = new StringBuilder("hi");
        for (int i = 1; i <= 11; i++) {
            eleven.append(" @nobody_").append(i).append('_').append(n);
        }
        StringBuilder symbols = new StringBuilder("watch");
        for (int i = 1; i <= 11; i++) {
            symbols.append(" $S").append(i);
        }
        String tenTimesTheSame = ("@" + handle(bob) + " $" + acme + " ").repeat(11);

        refused(() -> entry.createPost(alice, "p1", eleven.toString(), NOW), ErrorCode.INVALID_TEXT, "at most 10", "@handles", "11");
        refused(() -> entry.createPost(alice, "p1", symbols.toString(), NOW), ErrorCode.INVALID_TEXT, "at most 10", "$SYMBOLs");
        PostId postId = post(alice, "p0");
        refused(() -> entry.addComment(bob, postId, "c1", eleven.toString(), NOW), ErrorCode.INVALID_TEXT, "at most 10");
        refused(() -> entry.addComment(bob, postId, "c1", symbols.toString(), NOW), ErrorCode.INVALID_TEXT, "at most 10");
        assertThat(events(SocialIds.post(alice.userId(), "p1"))).isEmpty();
        assertThat(events(SocialIds.comment(postId, bob.userId(), "c1"))).isEmpty();

        assertThat(entry.createPost(alice, "p2", tenTimesTheSame, NOW)).isEqualTo(SocialIds.post(alice.userId(), "p2"));
    }

    @Test
    void aBlockEitherWayStopsCommentsAndLikesButNotUnlikes() {
        PostId postId = post(alice, "p1");
        assertThat(entry.like(bob, postId, true, NOW)).isTrue();
        blocks.block(alice.userId(), bob.userId());
        blocks.block(carol.userId(), alice.userId());

        refused(() -> entry.addComment(bob, postId, "c1", "hi", NOW), ErrorCode.BLOCKED, "blocked you");
        refused(() -> entry.like(bob, postId, true, NOW), ErrorCode.BLOCKED);
        refused(() -> entry.addComment(carol, postId, "c1", "hi", NOW), ErrorCode.BLOCKED, "you have blocked");
        refused(() -> entry.like(carol, postId, true, NOW), ErrorCode.BLOCKED);
        assertThat(entry.like(bob, postId, false, NOW)).isFalse();

        assertThat(events(SocialIds.comment(postId, bob.userId(), "c1"))).isEmpty();
        assertThat(events(SocialIds.like(postId, carol.userId()))).isEmpty();
        assertThat(events(SocialIds.like(postId, bob.userId()))).hasSize(2);
    }

    @Test
    void aLikeIsOnePerUserAndUnlikingTwiceChangesNothing() {
        PostId postId = post(alice, "p1");

        assertThat(entry.like(bob, postId, true, NOW)).isTrue();
        assertThat(entry.like(bob, postId, true, NOW)).isTrue();
        assertThat(entry.like(bob, postId, false, NOW)).isFalse();
        assertThat(entry.like(bob, postId, false, NOW)).isFalse();
        assertThat(entry.like(carol, postId, false, NOW)).isFalse();

        assertThat(events(SocialIds.like(postId, bob.userId()))).containsExactly(
                new PostLikedEvent(SocialIds.like(postId, bob.userId()), postId, alice.userId(), bob.userId(), NOW),
                new PostUnlikedEvent(SocialIds.like(postId, bob.userId()), postId, alice.userId(), bob.userId(), NOW));
        assertThat(events(SocialIds.like(postId, carol.userId()))).isEmpty();
    }

    @Test
    void onlyTheAuthorOrAnAdminDeletesAPostAndDeletingAgainChangesNothing() {
        PostId postId = post(alice, "p1");
        Caller admin = new Caller(UserId.of("root-" + n), true);

        refused(() -> entry.deletePost(bob, postId, NOW), ErrorCode.FORBIDDEN);
        entry.deletePost(alice, postId, NOW);
        entry.deletePost(alice, postId, NOW);
        PostId other = post(bob, "p1");
        entry.deletePost(admin, other, NOW);

        assertThat(events(postId)).hasSize(2).last().isEqualTo(new PostDeletedEvent(postId, alice.userId(), alice.userId(), NOW));
        assertThat(events(other)).last().isEqualTo(new PostDeletedEvent(other, bob.userId(), admin.userId(), NOW));
    }

    @Test
    void aCommentIsDeletedByItsAuthorThePostsAuthorOrAnAdminUnderItsOwnPostOnly() {
        PostId postId = post(alice, "p1");
        PostId otherPost = post(alice, "p2");
        CommentId byBob = entry.addComment(bob, postId, "c1", "hi", NOW);
        CommentId byCarol = entry.addComment(carol, postId, "c1", "hi", NOW);

        refused(() -> entry.deleteComment(carol, postId, byBob, NOW), ErrorCode.FORBIDDEN);
        refused(() -> entry.deleteComment(bob, otherPost, byBob, NOW), ErrorCode.COMMENT_NOT_FOUND);
        refused(() -> entry.deleteComment(bob, postId, SocialIds.comment(postId, bob.userId(), "none"), NOW),
                ErrorCode.COMMENT_NOT_FOUND);
        assertThat(events(byBob)).hasSize(1);

        entry.deleteComment(bob, postId, byBob, NOW);
        entry.deleteComment(bob, postId, byBob, NOW);
        entry.deleteComment(alice, postId, byCarol, NOW);

        assertThat(events(byBob)).hasSize(2).last()
                .isEqualTo(new CommentDeletedEvent(byBob, postId, alice.userId(), bob.userId(), bob.userId(), NOW));
        assertThat(events(byCarol)).last()
                .isEqualTo(new CommentDeletedEvent(byCarol, postId, alice.userId(), carol.userId(), alice.userId(), NOW));
    }
}
