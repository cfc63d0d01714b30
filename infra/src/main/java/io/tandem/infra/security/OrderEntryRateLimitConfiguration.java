package io.tandem.infra.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Per-user rate limits on order entry (DESIGN section 11): placing, cancelling and amending orders
 * ({@code POST /api/v1/orders}, {@code PATCH} and {@code DELETE /api/v1/orders/{id}}) share one
 * budget per user. This is the one place that says which routes are limited.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrderEntryRateLimitProperties.class)
public class OrderEntryRateLimitConfiguration {

    static final String[] ORDER_ENTRY_ROUTES = {"/api/v1/orders", "/api/v1/orders/*"};

    @Bean
    public PerUserRateLimiter orderEntryRateLimiter(OrderEntryRateLimitProperties properties) {
        return PerUserRateLimiter.of(properties);
    }

    @Bean
    public WebMvcConfigurer orderEntryRateLimiting(OrderEntryRateLimitProperties properties,
                                                   PerUserRateLimiter orderEntryRateLimiter) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                if (properties.enabled()) {
                    registry.addInterceptor(new OrderEntryRateLimitInterceptor(orderEntryRateLimiter))
                            .addPathPatterns(ORDER_ENTRY_ROUTES);
                }
            }
        };
    }
}
