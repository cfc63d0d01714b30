package io.tandem.infra.security;

import io.tandem.command.copy.CopyEntry;
import io.tandem.command.copy.CopyEntry.CopyState;
import io.tandem.command.orderentry.OrderEntry;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.CopyIds;
import io.tandem.contracts.copy.CopyStatus;
import io.tandem.infra.api.CopyRequestController;
import io.tandem.infra.config.PlatformConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Per-user rate limits on the copy write routes at the REST edge, three requests per minute: one
 * budget per user across every copy write, separate from order entry's. The limiter keeps its state
 * for the whole (cached) context, so every test uses users of its own.
 */
@WebMvcTest(controllers = CopyRequestController.class)
@Import({SecurityConfiguration.class, OrderEntryRateLimitConfiguration.class, CopyRateLimitConfiguration.class,
        PlatformConfiguration.class})
@TestPropertySource(properties = {
        "tandem.security.jwt-secret=slice-test-secret-of-at-least-32-bytes!",
        "tandem.rate-limits.copy.limit-for-period=3",
        "tandem.rate-limits.copy.limit-refresh-period=PT1M"})
class CopyRateLimitTest {

    private static final CopyId COPY = CopyIds.copy(UserId.of("alice-1"), "c-1");
    private static final String ID = COPY.value();
    private static final CopyState PAUSED = new CopyState(COPY, AccountId.of("copyacct-1"),
            CopyStatus.PAUSED, Cash.parse("100.00"));

    @Autowired
    private MockMvc mvc;
    @Autowired
    private TokenIssuer tokens;
    @MockitoBean
    private CopyEntry copyEntry;
    @MockitoBean
    private OrderEntry orderEntry;

    @BeforeEach
    void copiesAnswer() {
        when(copyEntry.pause(any(), any(), any())).thenReturn(PAUSED);
        when(copyEntry.resume(any(), any(), any())).thenReturn(PAUSED);
        when(copyEntry.stop(any(), any(), any())).thenReturn(PAUSED);
    }

    private String trader(String user) {
        return "Bearer " + tokens.issue(UserId.of(user), List.of(Role.TRADER));
    }

    @Test
    void theFourthCopyWriteInOnePeriodIsRefusedWithRetryAfterAndNeverReachesCopyEntry() throws Exception {
        String alice = trader("alice-1");
        mvc.perform(post("/api/v1/copies/" + ID + "/pause").header(AUTHORIZATION, alice)).andExpect(status().isOk());
        mvc.perform(post("/api/v1/copies/" + ID + "/resume").header(AUTHORIZATION, alice)).andExpect(status().isOk());
        mvc.perform(delete("/api/v1/copies/" + ID).header(AUTHORIZATION, alice)).andExpect(status().isAccepted());

        mvc.perform(post("/api/v1/copies/" + ID + "/pause").header(AUTHORIZATION, alice))
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.code").value("RATE_LIMITED"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith(
                        "Too many copy write requests: at most 3 per 60 seconds per user")))
                .andExpect(header().exists(HttpHeaders.RETRY_AFTER));
        mvc.perform(post("/api/v1/copies").header(AUTHORIZATION, alice)).andExpect(status().isTooManyRequests());
        verify(copyEntry, times(1)).pause(any(), any(), any());

        mvc.perform(post("/api/v1/copies/" + ID + "/pause").header(AUTHORIZATION, trader("bob-1"))).andExpect(status().isOk());
    }
}
