package io.tandem.command.post;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.post.AddCommentCommand;
import io.tandem.contracts.post.CommentAddedEvent;
import io.tandem.contracts.post.CommentDeletedEvent;
import io.tandem.contracts.post.CommentId;
import io.tandem.contracts.post.DeleteCommentCommand;
import io.tandem.contracts.post.LikePostCommand;
import io.tandem.contracts.post.Mention;
import io.tandem.contracts.post.PostId;
import io.tandem.contracts.post.PostLikeId;
import io.tandem.contracts.post.PostLikedEvent;
import io.tandem.contracts.post.PostUnlikedEvent;
import io.tandem.contracts.post.SocialIds;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;


class CommentAndLikeTest {

    private static final Instant AT = Instant.parse("2025-01-01T10:00:00Z");
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");
    private static final UserId CAROL = UserId.of("carol");
    private static final PostId POST = SocialIds.post(ALICE, "p1");
    private static final CommentId COMMENT = SocialIds.comment(POST, BOB, "c1");
    private static final PostLikeId LIKE = SocialIds.like(POST, BOB);

    @Nested
    class Comments {

        private final AggregateTestFixture<Comment> fixture = new AggregateTestFixture<>(Comment.class);

        private AddCommentCommand add(String text) {
            return new AddCommentCommand(COMMENT, POST, ALICE, BOB, "c1", text, List.of(new Mention(CAROL, "carol")), AT);
        }

        private CommentAddedEvent added(String text) {
            return new CommentAddedEvent(COMMENT, POST, ALICE, BOB, "c1", text, List.of(new Mention(CAROL, "carol")), AT);
        }

        @Test
        void aCommentIsAdded() {
            fixture.givenNoPriorActivity().when(add("nice")).expectEvents(added("nice")).expectResultMessagePayload(COMMENT);
        }

        @Test
        void theSameCommentAgainAnswersTheSameCommentAndAddsNothing() {
            fixture.given(added("nice")).when(add("nice")).expectNoEvents().expectResultMessagePayload(COMMENT);
        }

        @Test
        void theSameClientCommentIdWithAnotherTextIsAConflict() {
            fixture.given(added("nice")).when(add("nicer")).expectNoEvents()
                    .expectException(Refusals.refusedWith(ErrorCode.COMMENT_CONFLICT));
        }

        @Test
        void theCommentsAuthorThePostsAuthorAndAnAdminMayDeleteIt() {
            fixture.given(added("nice")).when(new DeleteCommentCommand(COMMENT, BOB, false, AT))
                    .expectEvents(new CommentDeletedEvent(COMMENT, POST, ALICE, BOB, BOB, AT)).expectResultMessagePayload(POST);
            fixture.given(added("nice")).when(new DeleteCommentCommand(COMMENT, ALICE, false, AT))
                    .expectEvents(new CommentDeletedEvent(COMMENT, POST, ALICE, BOB, ALICE, AT));
            fixture.given(added("nice")).when(new DeleteCommentCommand(COMMENT, UserId.of("root"), true, AT))
                    .expectEvents(new CommentDeletedEvent(COMMENT, POST, ALICE, BOB, UserId.of("root"), AT));
        }

        @Test
        void anyoneElseMayNotDeleteIt() {
            fixture.given(added("nice")).when(new DeleteCommentCommand(COMMENT, CAROL, false, AT)).expectNoEvents()
                    .expectException(Refusals.refusedWith(ErrorCode.FORBIDDEN));
        }

        @Test
        void deletingADeletedCommentChangesNothing() {
            fixture.given(added("nice"), new CommentDeletedEvent(COMMENT, POST, ALICE, BOB, BOB, AT))
                    .when(new DeleteCommentCommand(COMMENT, BOB, false, AT)).expectNoEvents().expectResultMessagePayload(POST);
        }
    }

    @Nested
    class Likes {

        private final AggregateTestFixture<PostLike> fixture = new AggregateTestFixture<>(PostLike.class);

        private LikePostCommand like(boolean liked) {
            return new LikePostCommand(LIKE, POST, ALICE, BOB, liked, AT);
        }

        @Test
        void aLikeIsRecordedOnce() {
            fixture.givenNoPriorActivity().when(like(true))
                    .expectEvents(new PostLikedEvent(LIKE, POST, ALICE, BOB, AT)).expectResultMessagePayload(true);
            fixture.given(new PostLikedEvent(LIKE, POST, ALICE, BOB, AT)).when(like(true))
                    .expectNoEvents().expectResultMessagePayload(true);
        }

        @Test
        void anUnlikeRemovesTheLikeOnce() {
            fixture.given(new PostLikedEvent(LIKE, POST, ALICE, BOB, AT)).when(like(false))
                    .expectEvents(new PostUnlikedEvent(LIKE, POST, ALICE, BOB, AT)).expectResultMessagePayload(false);
            fixture.given(new PostLikedEvent(LIKE, POST, ALICE, BOB, AT), new PostUnlikedEvent(LIKE, POST, ALICE, BOB, AT))
                    .when(like(false)).expectNoEvents().expectResultMessagePayload(false);
        }

        @Test
        void unlikingAPostNeverLikedCreatesNothing() {
            fixture.givenNoPriorActivity().when(like(false)).expectNoEvents().expectResultMessagePayload(false);
        }

        @Test
        void aLikeIdOfAnotherUserIsRefused() {
            fixture.givenNoPriorActivity().when(new LikePostCommand(LIKE, POST, ALICE, CAROL, true, AT))
                    .expectNoEvents().expectException(IllegalArgumentException.class);
        }
    }
}
