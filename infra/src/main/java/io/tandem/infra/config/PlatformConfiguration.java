package io.tandem.infra.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Beans every role needs. The clock is a bean so that time enters commands from one place (and
 * tests can pin it); aggregates never read the clock themselves.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TandemProperties.class)
public class PlatformConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
