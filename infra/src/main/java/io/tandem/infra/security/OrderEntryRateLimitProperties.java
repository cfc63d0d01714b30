package io.tandem.infra.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How often one user may enter orders (prefix {@code tandem.rate-limits.order-entry}). Every place,
 * cancel and amend request of a user takes one permit, whatever its outcome; admins count like
 * traders, since they enter orders as a user too.
 *
 * @param enabled            whether order entry is limited at all
 * @param limitForPeriod     permits per user in each refresh period
 * @param limitRefreshPeriod the period after which a user's permits are restored in full
 * @param maxTrackedUsers    how many users' limiters are kept; past that the least recently seen is
 *                           forgotten (and gets a fresh budget when it comes back), so memory stays bounded
 */
@ConfigurationProperties("tandem.rate-limits.order-entry")
public record OrderEntryRateLimitProperties(@DefaultValue("true") boolean enabled,
                                            @DefaultValue("50") int limitForPeriod,
                                            @DefaultValue("PT1S") Duration limitRefreshPeriod,
                                            @DefaultValue("10000") int maxTrackedUsers) {

    public OrderEntryRateLimitProperties {
        RateLimitSettings.check(limitForPeriod, limitRefreshPeriod, maxTrackedUsers);
    }
}
