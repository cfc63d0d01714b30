package io.tandem.command.copy;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Copy entry's settings ({@link CopyProperties}), bound and checked at startup. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CopyProperties.class)
public class CopyEntryConfiguration {
}
