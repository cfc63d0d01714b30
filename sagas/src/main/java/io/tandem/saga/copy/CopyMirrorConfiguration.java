package io.tandem.saga.copy;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.async.SequentialPolicy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the copy-mirror settings, and puts every event of the copy-mirror group in one sequence:
 * the process folds the whole stream in global order into one working set, so however many segments
 * the group is given (application.yml asks for one; a pooled processor without an entry gets
 * sixteen), all its events land in a single segment and are handled by one thread at a time.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CopyMirrorProperties.class)
public class CopyMirrorConfiguration {

    @Bean
    public ConfigurerModule copyMirrorInOneSequence() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerSequencingPolicy(CopyMirrorProcessor.PROCESSING_GROUP, configuration -> new SequentialPolicy()));
    }
}
