package io.tandem.infra.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How often one user may write on the social side (prefix {@code tandem.rate-limits.social}): setting
 * a profile, following, muting and blocking and their undoing, posting, commenting, liking and their
 * deleting share one budget per user, separate from order entry's. Every such request takes one
 * permit, whatever its outcome; reads are not limited. The default allows bursts a person clicking
 * through profiles makes, and stops a script from flooding followers' feeds and notifications.
 *
 * @param enabled            whether social writes are limited at all
 * @param limitForPeriod     permits per user in each refresh period
 * @param limitRefreshPeriod the period after which a user's permits are restored in full
 * @param maxTrackedUsers    how many users' limiters are kept; past that the least recently seen is
 *                           forgotten (and gets a fresh budget when it comes back), so memory stays bounded
 */
@ConfigurationProperties("tandem.rate-limits.social")
public record SocialRateLimitProperties(@DefaultValue("true") boolean enabled,
                                        @DefaultValue("20") int limitForPeriod,
                                        @DefaultValue("PT1S") Duration limitRefreshPeriod,
                                        @DefaultValue("10000") int maxTrackedUsers) {

    public SocialRateLimitProperties {
        RateLimitSettings.check(limitForPeriod, limitRefreshPeriod, maxTrackedUsers);
    }
}
