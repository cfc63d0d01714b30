package io.tandem.command.payment;

import io.tandem.command.support.LookupTable;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Payment entry's settings, and the daily withdrawal limit's subscribing processor with errors that
 * propagate: the limit table is a lookup for payment entry, so it must change in the transaction of
 * the event that changes it (like the instrument catalog), and a failure must fail that command.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentEntryProperties.class)
public class PaymentConfiguration {

    /** The processing group of the limit table's subscribing processor. */
    public static final String LIMITS_PROCESSING_GROUP = WithdrawalLimitUpdater.PROCESSING_GROUP;

    @Bean
    public ConfigurerModule paymentLimitsProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(LIMITS_PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(LIMITS_PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }

    /** The limit tables, rebuilt from the event log through the updater's handlers when they are behind it. */
    @Bean
    LookupTable withdrawalLimitTables(WithdrawalLimitUpdater updater) {
        return LookupTable.of(LIMITS_PROCESSING_GROUP, updater, WithdrawalCharge.class);
    }
}
