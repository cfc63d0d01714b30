package io.tandem.infra.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Bounds what one request may cost before any work is done for it. The body limit filter runs
 * ahead of every other filter of ours and of Spring Security (order -100), so that neither a missing
 * token nor the response buffering of command answers comes first.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestBodyLimits.class)
public class RequestLimitsConfiguration {

    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

    @Bean
    public FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(RequestBodyLimits limits,
                                                                                 ObjectMapper objectMapper) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(limits, objectMapper));
        registration.setOrder(ORDER);
        return registration;
    }
}
