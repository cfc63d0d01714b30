package io.tandem.infra.config;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes pooled streaming the default processor type, so any processing group without its own
 * {@code axon.eventhandling.processors.<group>} entry is still replayable and tracks its position
 * in the token store. Groups listed in {@code application.yml} get their mode, threads and
 * segments from there; the only subscribing one is {@code instrument-catalog}, which must update
 * its lookup table inside the command's transaction.
 */
@Configuration(proxyBeanMethods = false)
public class EventProcessorDefaults {

    @Bean
    public ConfigurerModule pooledStreamingProcessorsByDefault() {
        return configurer -> configurer.eventProcessing(EventProcessingConfigurer::usingPooledStreamingEventProcessors);
    }
}
