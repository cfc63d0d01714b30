package io.tandem.saga.settlement;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Registers the settlement settings so that the saga can take them as a handler parameter. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SettlementProperties.class)
public class SettlementConfiguration {
}
