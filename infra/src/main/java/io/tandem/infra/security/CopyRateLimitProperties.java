package io.tandem.infra.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How often one user may write on the copy side (prefix {@code tandem.rate-limits.copy}): starting,
 * pausing, resuming and stopping copies, moving funds in and out and closing copied positions share
 * one budget per user, separate from order entry's and social writes'. Every such request takes one
 * permit, whatever its outcome; reads (GraphQL) are not limited. Each write is a transaction over
 * several aggregates (the copy, its COPY account, the account it came from, the leader's profile), so
 * the default is lower than social writes': enough for a person managing their copies, not for a
 * script churning copies to move cash around or to occupy a leader's slots.
 *
 * @param enabled            whether copy writes are limited at all
 * @param limitForPeriod     permits per user in each refresh period
 * @param limitRefreshPeriod the period after which a user's permits are restored in full
 * @param maxTrackedUsers    how many users' limiters are kept; past that the least recently seen is
 *                           forgotten (and gets a fresh budget when it comes back), so memory stays bounded
 */
@ConfigurationProperties("tandem.rate-limits.copy")
public record CopyRateLimitProperties(@DefaultValue("true") boolean enabled,
                                      @DefaultValue("10") int limitForPeriod,
                                      @DefaultValue("PT1S") Duration limitRefreshPeriod,
                                      @DefaultValue("10000") int maxTrackedUsers) {

    public CopyRateLimitProperties {
        RateLimitSettings.check(limitForPeriod, limitRefreshPeriod, maxTrackedUsers);
    }
}
