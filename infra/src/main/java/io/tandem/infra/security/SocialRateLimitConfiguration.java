package io.tandem.infra.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;


/**
 * Per-user rate limits on the social write routes, with the order-entry limiter's mechanics
 * ({@link PerUserRateLimiter}, refused with 429 RATE_LIMITED and {@code Retry-After}) and a budget of
 * their own ({@link SocialRateLimitProperties}): {@code POST|DELETE /api/v1/posts/**},
 * {@code PUT /api/v1/traders/me} and {@code POST|DELETE /api/v1/traders/{handle}/{relation}}. This
 * is the one place that says which social routes are limited. The limiter is no bean of its own, so
 * the order-entry limiter stays the only {@link PerUserRateLimiter} to inject.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SocialRateLimitProperties.class)
public class SocialRateLimitConfiguration {

    static final String[] SOCIAL_WRITE_ROUTES = {"/api/v1/posts", "/api/v1/posts/**", "/api/v1/traders/me",
            "/api/v1/traders/*/*"};

    @Bean
    public WebMvcConfigurer socialRateLimiting(SocialRateLimitProperties properties) {
        return RateLimitSettings.limitingWrites(properties.enabled(), properties.limitForPeriod(),
                properties.limitRefreshPeriod(), properties.maxTrackedUsers(), "social write", SOCIAL_WRITE_ROUTES);
    }
}
