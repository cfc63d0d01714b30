package io.tandem.infra.config;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Defaults for every event processor.
 * <ul>
 *   <li>Pooled streaming is the default type, so any processing group without its own
 *       {@code axon.eventhandling.processors.<group>} entry is still replayable and tracks its
 *       position in the token store. Groups listed in {@code application.yml} get their threads and
 *       segments from there. The subscribing ones ({@code instrument-catalog}, {@code payment-limits},
 *       {@code trader-handles}, {@code trader-blocks}) are registered in code by their modules because they must update lookup tables inside the
 *       command's transaction.</li>
 *   <li>A handler that fails makes its processor fail the batch and retry it (with back-off) instead
 *       of logging and moving on. Axon's default would skip the event, and with sequence-guarded
 *       read models a skipped increment is lost for good: a balance would stay wrong and the ledger
 *       unbalanced. A failing event holds up its segment until it is fixed, which is visible and
 *       safe; a silently wrong balance is neither. The processors' error handler,
 *       {@link ProcessorFailures}, remembers each one's last failure before failing the batch.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class EventProcessorDefaults {

    @Bean
    public ConfigurerModule pooledStreamingProcessorsByDefault() {
        return configurer -> configurer.eventProcessing(EventProcessingConfigurer::usingPooledStreamingEventProcessors);
    }

    @Bean
    public ConfigurerModule failedHandlersAreRetriedNotSkipped(ProcessorFailures failures) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance())
                .registerDefaultErrorHandler(configuration -> failures));
    }
}
