package io.tandem.infra.api;

import io.tandem.command.orderentry.InstrumentListing;
import io.tandem.command.orderentry.OrderEntry;
import io.tandem.command.orderentry.OrderEntry.Caller;
import io.tandem.command.payment.PaymentEntry;
import io.tandem.command.post.PostEntry;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.post.CommentId;
import io.tandem.contracts.post.PostId;
import io.tandem.infra.config.PlatformConfiguration;
import io.tandem.infra.security.OrderEntryRateLimitConfiguration;
import io.tandem.infra.security.Role;
import io.tandem.infra.security.SecurityConfiguration;
import io.tandem.infra.security.TokenIssuer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.List;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Posts, comments and likes at the REST edge with real security (post entry mocked): statuses and bodies. */
@WebMvcTest(controllers = PostRequestController.class)
@Import({SecurityConfiguration.class, OrderEntryRateLimitConfiguration.class, PlatformConfiguration.class,
        PaymentSliceConfiguration.class})
@TestPropertySource(properties = "tandem.security.jwt-secret=slice-test-secret-of-at-least-32-bytes!")
class PostApiTest {

    private static final PostId POST = PostId.of("post-1");
    private static final Caller ALICE = new Caller(UserId.of("alice"), false);

    @Autowired
    private MockMvc mvc;
    @Autowired
    private TokenIssuer tokens;

    @MockitoBean
    private PostEntry posts;
    @MockitoBean
    private OrderEntry orderEntry;
    @MockitoBean
    private InstrumentListing instrumentListing;
    @MockitoBean
    private CommandGateway commandGateway;
    @MockitoBean
    private QueryGateway queryGateway;
    @MockitoBean
    private PaymentEntry paymentEntry;

    private String alice() {
        return "Bearer " + tokens.issue(UserId.of("alice"), List.of(Role.TRADER));
    }

    private ResultActions send(MockHttpServletRequestBuilder request, String body) throws Exception {
        request.header(AUTHORIZATION, alice());
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request);
    }

    @Test
    void aPostIsCreatedAndARepeatAnswersTheSameId() throws Exception {
        when(posts.createPost(eq(ALICE), eq("p1"), eq("hello $ACME"), any())).thenReturn(POST);

        for (int i = 0; i < 2; i++) {
            send(post("/api/v1/posts"), "{\"clientPostId\":\"p1\",\"text\":\"hello $ACME\"}")
                    .andExpect(status().isCreated())
                    .andExpect(content().json("{\"postId\":\"post-1\"}", true));
        }
    }

    @Test
    void malformedClientIdsAreBadRequestsAndReachNothing() throws Exception {
        send(post("/api/v1/posts"), "{\"clientPostId\":\"p 1\",\"text\":\"hi\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        send(post("/api/v1/posts"), "{\"clientPostId\":\"" + "p".repeat(65) + "\",\"text\":\"hi\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        send(post("/api/v1/posts"), "{\"text\":\"hi\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        send(post("/api/v1/posts/post-1/comments"), "{\"clientCommentId\":\"c/1\",\"text\":\"hi\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        send(post("/api/v1/posts"), "[1]")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        verifyNoInteractions(posts);
    }

    @Test
    void refusalsOfPostEntryKeepTheirCodeAndStatus() throws Exception {
        when(posts.createPost(any(), eq("p1"), any(), any()))
                .thenThrow(new TandemException(ErrorCode.UNKNOWN_MENTION, "@nobody is not a trader"));
        when(posts.createPost(any(), eq("p2"), any(), any())).thenThrow(new TandemException(ErrorCode.INVALID_TEXT, "too long"));
        when(posts.createPost(any(), eq("p3"), any(), any())).thenThrow(new TandemException(ErrorCode.POST_CONFLICT, "other text"));
        when(posts.createPost(any(), eq("p4"), any(), any())).thenThrow(new TandemException(ErrorCode.PROFILE_REQUIRED, "no profile"));
        when(posts.addComment(any(), any(), any(), any(), any())).thenThrow(new TandemException(ErrorCode.BLOCKED, "blocked"));
        when(posts.like(any(), eq(PostId.of("gone")), eq(true), any()))
                .thenThrow(new TandemException(ErrorCode.POST_NOT_FOUND, "POST_NOT_FOUND: gone"));

        send(post("/api/v1/posts"), "{\"clientPostId\":\"p1\",\"text\":\"@nobody\"}")
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.code").value("UNKNOWN_MENTION"))
                .andExpect(jsonPath("$.detail").value("@nobody is not a trader"));
        send(post("/api/v1/posts"), "{\"clientPostId\":\"p2\",\"text\":\"x\"}")
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.code").value("INVALID_TEXT"));
        send(post("/api/v1/posts"), "{\"clientPostId\":\"p3\",\"text\":\"x\"}")
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("POST_CONFLICT"));
        send(post("/api/v1/posts"), "{\"clientPostId\":\"p4\",\"text\":\"x\"}")
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.code").value("PROFILE_REQUIRED"));
        send(post("/api/v1/posts/post-1/comments"), "{\"clientCommentId\":\"c1\",\"text\":\"hi\"}")
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("BLOCKED"));
        send(post("/api/v1/posts/gone/likes"), null)
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("POST_NOT_FOUND"));
    }

    @Test
    void deletesAnswerNoContent() throws Exception {
        send(delete("/api/v1/posts/post-1"), null).andExpect(status().isNoContent()).andExpect(content().string(""));
        send(delete("/api/v1/posts/post-1/comments/comment-1"), null).andExpect(status().isNoContent());

        verify(posts).deletePost(eq(ALICE), eq(POST), any());
        verify(posts).deleteComment(eq(ALICE), eq(POST), eq(CommentId.of("comment-1")), any());
    }

    @Test
    void anAdminDeletesWithTheAdminFlag() throws Exception {
        mvc.perform(delete("/api/v1/posts/post-1").header(AUTHORIZATION,
                        "Bearer " + tokens.issue(UserId.of("root"), List.of(Role.ADMIN))))
                .andExpect(status().isNoContent());

        verify(posts).deletePost(eq(new Caller(UserId.of("root"), true)), eq(POST), any());
    }

    @Test
    void aCommentIsCreated() throws Exception {
        when(posts.addComment(eq(ALICE), eq(POST), eq("c1"), eq("nice"), any())).thenReturn(CommentId.of("comment-1"));

        send(post("/api/v1/posts/post-1/comments"), "{\"clientCommentId\":\"c1\",\"text\":\"nice\"}")
                .andExpect(status().isCreated())
                .andExpect(content().json("{\"commentId\":\"comment-1\"}", true));
    }

    @Test
    void likesAnswerWhetherThePostIsLiked() throws Exception {
        when(posts.like(eq(ALICE), eq(POST), eq(true), any())).thenReturn(true);
        when(posts.like(eq(ALICE), eq(POST), eq(false), any())).thenReturn(false);

        send(post("/api/v1/posts/post-1/likes"), null)
                .andExpect(status().isOk()).andExpect(content().json("{\"postId\":\"post-1\",\"liked\":true}", true));
        send(delete("/api/v1/posts/post-1/likes"), null)
                .andExpect(status().isOk()).andExpect(content().json("{\"postId\":\"post-1\",\"liked\":false}", true));
    }

    @Test
    void everyPostEndpointNeedsAToken() throws Exception {
        mvc.perform(post("/api/v1/posts").contentType(MediaType.APPLICATION_JSON).content("{\"clientPostId\":\"p1\",\"text\":\"x\"}"))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        mvc.perform(delete("/api/v1/posts/post-1")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/posts/post-1/likes")).andExpect(status().isUnauthorized());
        verifyNoInteractions(posts);
    }
}
