package io.tandem.infra.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;


/**
 * Per-user rate limits on the copy write routes ({@code POST|DELETE /api/v1/copies/**}), with the
 * order-entry limiter's mechanics ({@link PerUserRateLimiter}, refused with 429 RATE_LIMITED and
 * {@code Retry-After}) and a budget of their own ({@link CopyRateLimitProperties}). This is the one
 * place that says which copy routes are limited. The limiter is no bean of its own, so the order-entry
 * limiter stays the only {@link PerUserRateLimiter} to inject. The orders the copy engine places are
 * not requests of the copier's and take no permit of anyone's.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CopyRateLimitProperties.class)
public class CopyRateLimitConfiguration {

    static final String[] COPY_WRITE_ROUTES = {"/api/v1/copies", "/api/v1/copies/**"};

    @Bean
    public WebMvcConfigurer copyRateLimiting(CopyRateLimitProperties properties) {
        return RateLimitSettings.limitingWrites(properties.enabled(), properties.limitForPeriod(),
                properties.limitRefreshPeriod(), properties.maxTrackedUsers(), "copy write", COPY_WRITE_ROUTES);
    }
}
