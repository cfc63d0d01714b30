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
 */
public class OrderEntryRateLimitInterceptor implements HandlerInterceptor {

    private static final Set<String> ORDER_ENTRY_METHODS =
            Set.of(HttpMethod.POST.name(), HttpMethod.PATCH.name(), HttpMethod.DELETE.name());

    private final PerUserRateLimiter limiter;

    public OrderEntryRateLimitInterceptor(PerUserRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!ORDER_ENTRY_METHODS.contains(request.getMethod())) {
            return true;
        }
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        // The order routes require a role, so the security chain has refused anonymous callers already.
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
        return new RateLimitedException("Too many order requests: at most " + limiter.limitForPeriod() + " per "
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
