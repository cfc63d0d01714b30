package io.tandem.infra.security;

import io.tandem.command.follow.FollowEntry;
import io.tandem.command.orderentry.InstrumentListing;
import io.tandem.command.orderentry.OrderEntry;
import io.tandem.command.payment.PaymentEntry;
import io.tandem.command.post.PostEntry;
import io.tandem.command.profile.ProfileEntry;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.post.PostId;
import io.tandem.infra.api.PostRequestController;
import io.tandem.infra.api.TraderRequestController;
import io.tandem.infra.config.PlatformConfiguration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.util.List;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Per-user rate limits on the social write routes at the REST edge, three requests per minute: one
 * budget per user across posts, likes and relations, separate from order entry's. The limiter keeps
 * its state for the whole (cached) context, so every test uses users of its own.
 */
@WebMvcTest(controllers = {PostRequestController.class, TraderRequestController.class})
@Import({SecurityConfiguration.class, OrderEntryRateLimitConfiguration.class, SocialRateLimitConfiguration.class,
        PlatformConfiguration.class})
@TestPropertySource(properties = {
        "tandem.security.jwt-secret=slice-test-secret-of-at-least-32-bytes!",
        "tandem.rate-limits.social.limit-for-period=3",
        "tandem.rate-limits.social.limit-refresh-period=PT1M"})
class SocialRateLimitTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private TokenIssuer tokens;

    @MockitoBean
    private PostEntry posts;
    @MockitoBean
    private ProfileEntry profileEntry;
    @MockitoBean
    private FollowEntry followEntry;
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

    @BeforeEach
    void likesAnswer() {
        when(posts.like(any(), any(), anyBoolean(), any())).thenReturn(true);
        when(posts.createPost(any(), any(), any(), any())).thenReturn(PostId.of("post-1"));
    }

    private String trader(String user) {
        return "Bearer " + tokens.issue(UserId.of(user), List.of(Role.TRADER));
    }

    private ResultActions like(String token) throws Exception {
        return mvc.perform(post("/api/v1/posts/post-1/likes").header(AUTHORIZATION, token));
    }

    @Test
    void theFourthSocialWriteInOnePeriodIsRefusedWithRetryAfterAndNeverReachesPostEntry() throws Exception {
        String alice = trader("alice-1");
        for (int i = 0; i < 3; i++) {
            like(alice).andExpect(status().isOk());
        }

        like(alice).andExpect(status().isTooManyRequests())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("RATE_LIMITED"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith(
                        "Too many social write requests: at most 3 per 60 seconds per user")))
                .andExpect(header().exists(HttpHeaders.RETRY_AFTER));
        verify(posts, times(3)).like(any(), any(), anyBoolean(), any());
    }

    @Test
    void postsCommentsLikesAndRelationsShareOneBudgetPerUser() throws Exception {
        String bob = trader("bob-2");
        like(bob).andExpect(status().isOk());
        mvc.perform(delete("/api/v1/posts/post-1/likes").header(AUTHORIZATION, bob)).andExpect(status().isOk());
        mvc.perform(post("/api/v1/posts").header(AUTHORIZATION, bob).contentType(MediaType.APPLICATION_JSON)
                .content("{\"clientPostId\":\"p1\",\"text\":\"hi\"}")).andExpect(status().isCreated());

        mvc.perform(post("/api/v1/traders/alice/follow").header(AUTHORIZATION, bob))
                .andExpect(status().isTooManyRequests()).andExpect(jsonPath("$.code").value("RATE_LIMITED"));
        mvc.perform(delete("/api/v1/traders/alice/block").header(AUTHORIZATION, bob))
                .andExpect(status().isTooManyRequests());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/traders/me")
                        .header(AUTHORIZATION, bob).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isTooManyRequests());

        like(trader("carol-2")).andExpect(status().isOk());
    }
}
