package io.tandem.saga.payment;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the saga's settings and the provider registry, so that the saga can take both as handler
 * parameters. Every {@link PaymentProvider} bean in the context (the simulator, a real provider's
 * adapter) is in the registry under its {@link PaymentProvider#name()}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentSagaProperties.class)
public class PaymentSagaConfiguration {

    @Bean
    public PaymentProviders paymentProviders(ObjectProvider<PaymentProvider> providers) {
        return new PaymentProviders(providers.orderedStream().toList());
    }
}
