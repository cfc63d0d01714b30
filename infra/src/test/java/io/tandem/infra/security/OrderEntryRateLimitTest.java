package io.tandem.infra.security;

import io.tandem.command.orderentry.OrderEntry;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.OrderResult;
import io.tandem.contracts.orderbook.OrderStatus;
import io.tandem.infra.api.ApiSliceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.ResultActions;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Per-user rate limits on order entry at the REST edge, with three requests per minute and a clock the
 * test moves. The limiter keeps its state for the whole (cached) context, so every test uses users of
 * its own; a user's periods start with that user's first request.
 */
@TestPropertySource(properties = {
        "tandem.rate-limits.order-entry.limit-for-period=3",
        "tandem.rate-limits.order-entry.limit-refresh-period=PT1M"})
@Import(OrderEntryRateLimitTest.ManualTime.class)
class OrderEntryRateLimitTest extends ApiSliceTest {

    private static final Symbol ACME = Symbol.of("ACME");
    private static final InstrumentSpec SPEC = new InstrumentSpec(ACME, "Acme Corp", new BigDecimal("0.01"),
            new BigDecimal("0.0001"), new BigDecimal("0.001"), new BigDecimal("0.002"), Quantity.ofLots(10_000_000_000L),
            Cash.parse("1000000.00"), new BigDecimal("0.10"));
    private static final OrderResult RESULT = new OrderResult(OrderId.of("acc-1:c1"), AccountId.of("acc-1"), ACME,
            Side.BUY, OrderStatus.NEW, Quantity.ofLots(10_000), Quantity.ofLots(0), null, List.of());

    /** Monotonic nanoseconds that only move when a test says so; the limiter reads time from here. */
    static final class ManualNanoTime implements Supplier<Long> {

        private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

        @Override
        public Long get() {
            return nanos.get();
        }

        void advance(Duration duration) {
            nanos.addAndGet(duration.toNanos());
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ManualTime {

        @Bean
        ManualNanoTime manualNanoTime() {
            return new ManualNanoTime();
        }

        /** The configured limiter, reading the manual time instead of {@link System#nanoTime()}. */
        @Bean
        @Primary
        PerUserRateLimiter manualTimeRateLimiter(OrderEntryRateLimitProperties properties, ManualNanoTime time) {
            return new PerUserRateLimiter(properties.limitForPeriod(), properties.limitRefreshPeriod(),
                    properties.maxTrackedUsers(), time);
        }
    }

    @Autowired
    private ManualNanoTime time;

    @BeforeEach
    void orderEntryAnswers() {
        when(orderEntry.instrument(ACME)).thenReturn(Optional.of(SPEC));
        when(orderEntry.place(any())).thenReturn(RESULT);
        when(orderEntry.cancel(any(), any(), any())).thenReturn(RESULT);
        when(orderEntry.amend(any(), any(), any(), any(), any())).thenReturn(RESULT);
    }

    private ResultActions place(String token, String clientOrderId) throws Exception {
        return mvc.perform(post("/api/v1/orders").header(AUTHORIZATION, token).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"clientOrderId":"%s","accountId":"acc-1","symbol":"ACME","side":"BUY",
                         "type":"LIMIT","price":"10.00","quantity":"1"}""".formatted(clientOrderId)));
    }

    private void placeThreeOrders(String token) throws Exception {
        for (int i = 1; i <= 3; i++) {
            place(token, "c" + i).andExpect(status().isCreated());
        }
    }

    private static void assertRateLimited(ResultActions result) throws Exception {
        result.andExpect(status().isTooManyRequests())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("RATE_LIMITED"))
                .andExpect(header().exists(HttpHeaders.RETRY_AFTER));
    }

    @Test
    void fourthOrderInOnePeriodIsRefusedWithRetryAfterAndNeverReachesOrderEntry() throws Exception {
        String alice = trader("alice-1");
        placeThreeOrders(alice);
        time.advance(Duration.ofMillis(20_500));

        place(alice, "c4").andExpect(status().isTooManyRequests())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("RATE_LIMITED"))
                .andExpect(jsonPath("$.detail").value(
                        "Too many order requests: at most 3 per 60 seconds per user; retry in 40 s"))
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "40"));

        verify(orderEntry, times(3)).place(any());
    }

    @Test
    void anotherUsersOrdersAreNotLimitedByAlicesSpentBudget() throws Exception {
        String alice = trader("alice-2");
        placeThreeOrders(alice);
        assertRateLimited(place(alice, "c4"));

        placeThreeOrders(trader("bob-2"));
    }

    @Test
    void aNewPeriodAllowsOrdersAgain() throws Exception {
        String alice = trader("alice-3");
        placeThreeOrders(alice);
        assertRateLimited(place(alice, "c4"));

        time.advance(Duration.ofMinutes(1));

        place(alice, "c4").andExpect(status().isCreated());
    }

    @Test
    void cancelsAndAmendsShareTheBudgetOfPlacing() throws Exception {
        String alice = trader("alice-4");
        place(alice, "c1").andExpect(status().isCreated());
        mvc.perform(delete("/api/v1/orders/acc-1:c1").header(AUTHORIZATION, alice)).andExpect(status().isOk());
        mvc.perform(patch("/api/v1/orders/acc-1:c2").header(AUTHORIZATION, alice)
                .contentType(MediaType.APPLICATION_JSON).content("{\"quantity\":\"2\"}")).andExpect(status().isOk());

        assertRateLimited(mvc.perform(delete("/api/v1/orders/acc-1:c2").header(AUTHORIZATION, alice)));
        assertRateLimited(mvc.perform(patch("/api/v1/orders/acc-1:c2").header(AUTHORIZATION, alice)
                .contentType(MediaType.APPLICATION_JSON).content("{\"quantity\":\"3\"}")));
        verify(orderEntry, times(1)).cancel(any(), any(), any());
        verify(orderEntry, times(1)).amend(any(), any(), any(), any(), any());
    }

    @Test
    void adminsAreLimitedLikeTraders() throws Exception {
        String admin = bearer("admin-5", Role.ADMIN);
        for (int i = 1; i <= 3; i++) {
            mvc.perform(delete("/api/v1/orders/acc-1:c" + i).header(AUTHORIZATION, admin)).andExpect(status().isOk());
        }

        assertRateLimited(mvc.perform(delete("/api/v1/orders/acc-1:c4").header(AUTHORIZATION, admin)));
        verify(orderEntry, times(3)).cancel(any(), any(), any());
    }

    @Test
    void requestsOutsideOrderEntryAreNotLimited() throws Exception {
        String alice = trader("alice-6");
        placeThreeOrders(alice);
        assertRateLimited(place(alice, "c4"));

        mvc.perform(post("/api/v1/accounts").header(AUTHORIZATION, alice).contentType(MediaType.APPLICATION_JSON)
                .content("{}")).andExpect(status().isCreated());
    }
}
