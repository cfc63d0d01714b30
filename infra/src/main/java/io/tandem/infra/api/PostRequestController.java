package io.tandem.infra.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.command.post.PostEntry;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.post.CommentId;
import io.tandem.contracts.post.PostId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/**
 * Posts, comments and likes of the caller, who needs a trader profile (422 PROFILE_REQUIRED). The
 * client names its posts and comments ({@code clientPostId}, {@code clientCommentId}: 1 to 64 of
 * {@code A-Z a-z 0-9 . _ -}, else 400), so a retried request answers 201 with the same id and
 * creates nothing; the same client id with another text is 409. Texts are 1 to 1000 characters
 * without control characters, and every {@code $SYMBOL} and {@code @handle} they mention must be a
 * listed instrument or an existing trader (422 INVALID_TEXT, UNKNOWN_MENTION). Deletes answer 204,
 * again too once deleted; likes answer whether the caller likes the post afterwards. Reading posts,
 * comments and feeds is GraphQL's.
 */
@RestController
@MissingAggregate(ErrorCode.POST_NOT_FOUND)
@Tag(name = "posts")
public class PostRequestController {

    private final PostEntry posts;
    private final Clock clock;

    public PostRequestController(PostEntry posts, Clock clock) {
        this.posts = posts;
        this.clock = clock;
    }

    @PostMapping("/api/v1/posts")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Post a text; $SYMBOL and @handle mentions are extracted (listed instruments and existing traders only)")
    public PostResponse create(@Valid @RequestBody PostRequest request, Authentication caller) {
        PostId postId = posts.createPost(Callers.of(caller), request.clientPostId(), request.text(), clock.instant());
        return new PostResponse(postId.value());
    }

    @DeleteMapping("/api/v1/posts/{postId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete one of your posts (admins: any post)")
    public void delete(@PathVariable String postId, Authentication caller) {
        posts.deletePost(Callers.of(caller), PostId.of(postId), clock.instant());
    }

    @PostMapping("/api/v1/posts/{postId}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Comment on a post; refused (403 BLOCKED) between a blocker and the trader they blocked")
    public CommentResponse comment(@PathVariable String postId, @Valid @RequestBody CommentRequest request,
                                   Authentication caller) {
        CommentId commentId = posts.addComment(Callers.of(caller), PostId.of(postId), request.clientCommentId(),
                request.text(), clock.instant());
        return new CommentResponse(commentId.value());
    }

    @DeleteMapping("/api/v1/posts/{postId}/comments/{commentId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @MissingAggregate(ErrorCode.COMMENT_NOT_FOUND)
    @Operation(summary = "Delete a comment: yours, one on your post, or (admins) any")
    public void deleteComment(@PathVariable String postId, @PathVariable String commentId, Authentication caller) {
        posts.deleteComment(Callers.of(caller), PostId.of(postId), CommentId.of(commentId), clock.instant());
    }

    @PostMapping("/api/v1/posts/{postId}/likes")
    @Operation(summary = "Like a post (idempotent: one like per trader)")
    public LikeResponse like(@PathVariable String postId, Authentication caller) {
        return new LikeResponse(postId, posts.like(Callers.of(caller), PostId.of(postId), true, clock.instant()));
    }

    @DeleteMapping("/api/v1/posts/{postId}/likes")
    @Operation(summary = "Take back your like of a post (idempotent)")
    public LikeResponse unlike(@PathVariable String postId, Authentication caller) {
        return new LikeResponse(postId, posts.like(Callers.of(caller), PostId.of(postId), false, clock.instant()));
    }

    /** {@code text} is checked by post entry (422 INVALID_TEXT when missing, blank, too long or with control characters). */
    public record PostRequest(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String clientPostId,
                              String text) {
    }

    public record CommentRequest(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String clientCommentId,
                                 String text) {
    }

    public record PostResponse(String postId) {
    }

    public record CommentResponse(String commentId) {
    }

    public record LikeResponse(String postId, boolean liked) {
    }
}
