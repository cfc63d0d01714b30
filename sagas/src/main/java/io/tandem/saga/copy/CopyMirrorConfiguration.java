package io.tandem.saga.copy;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Registers the copy-mirror settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CopyMirrorProperties.class)
public class CopyMirrorConfiguration {
}
