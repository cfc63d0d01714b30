package io.tandem.infra.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

import java.time.Duration;
import java.util.Set;

/**
 * Takes a permit from the caller's budget before an order-entry request reaches its controller, so a
 * refused request writes nothing. It runs after the security filter chain, so the caller is the
 * authenticated token's subject (the same user id order entry checks ownership against). Registered
 * for the order routes only ({@link OrderEntryRateLimitConfiguration}); reads are never limited here.
 * The social and copy write routes get interceptors of their own, with their own budgets and methods
 * ({@link SocialRateLimitConfiguration}, {@link CopyRateLimitConfiguration}).
 */
public class OrderEntryRateLimitInterceptor implements HandlerInterceptor {

    private static final Set<String> ORDER_ENTRY_METHODS =
            Set.of(HttpMethod.POST.name(), HttpMethod.PATCH.name(), HttpMethod.DELETE.name());

    private final PerUserRateLimiter limiter;
    private final Set<String> limitedMethods;
    private final String what;

    public OrderEntryRateLimitInterceptor(PerUserRateLimiter limiter) {
        this(limiter, ORDER_ENTRY_METHODS, "order");
    }

    /**
     * @param limitedMethods the HTTP methods that take a permit (others pass)
     * @param what           what the requests are, for the refusal's message ("Too many {what} requests")
     */
    OrderEntryRateLimitInterceptor(PerUserRateLimiter limiter, Set<String> limitedMethods, String what) {
        this.limiter = limiter;
        this.limitedMethods = Set.copyOf(limitedMethods);
        this.what = what;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!limitedMethods.contains(request.getMethod())) {
            return true;
        }
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        // The limited routes require authentication, so the security chain has refused anonymous callers already.
        if (caller == null || !caller.isAuthenticated()) {
            return true;
        }
        limiter.tryAcquire(caller.getName()).ifPresent(wait -> {
            throw refusal(wait);
        });
        return true;
    }

    private RateLimitedException refusal(Duration wait) {
        long seconds = retryAfterSeconds(wait);
        return new RateLimitedException("Too many " + what + " requests: at most " + limiter.limitForPeriod() + " per "
                + describe(limiter.limitRefreshPeriod()) + " per user; retry in " + seconds + " s", seconds);
    }

    /** Whole seconds, rounded up and at least 1, as {@code Retry-After} wants them. */
    static long retryAfterSeconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    private static String describe(Duration period) {
        if (period.toNanosPart() == 0) {
            long seconds = period.getSeconds();
            return seconds == 1 ? "second" : seconds + " seconds";
        }
        return period.toMillis() + " ms";
    }
}
