package io.tandem.infra.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Set;

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
    static final Set<String> COPY_WRITE_METHODS =
            Set.of(HttpMethod.POST.name(), HttpMethod.PUT.name(), HttpMethod.PATCH.name(), HttpMethod.DELETE.name());

    @Bean
    public WebMvcConfigurer copyRateLimiting(CopyRateLimitProperties properties) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                if (properties.enabled()) {
                    PerUserRateLimiter limiter = new PerUserRateLimiter(properties.limitForPeriod(),
                            properties.limitRefreshPeriod(), properties.maxTrackedUsers(), System::nanoTime);
                    registry.addInterceptor(new OrderEntryRateLimitInterceptor(limiter, COPY_WRITE_METHODS, "copy write"))
                            .addPathPatterns(COPY_WRITE_ROUTES);
                }
            }
        };
    }
}
