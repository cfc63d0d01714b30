package io.tandem.infra.payment;

import io.tandem.command.payment.PaymentEntryProperties;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.infra.startup.StartupRefusal;
import io.tandem.saga.payment.PaymentProvider;
import io.tandem.saga.payment.PaymentProviders;
import io.tandem.saga.payment.ProviderReceipt;
import io.tandem.saga.payment.ProviderStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allowlist of payment providers names configured providers only: a name without a provider
 * stops startup with the setting to change, instead of refusing every such payment later.
 */
class AllowedProvidersConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PaymentEntryProperties.class)
    static class PaymentEntrySettings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PaymentEntrySettings.class, PaymentProviderConfiguration.class)
            .withPropertyValues("tandem.payments.allowed-providers.deposit=simulator",
                    "tandem.payments.allowed-providers.withdrawal=simulator");

    /** A provider that only has a name: startup never calls one. */
    private record NamedProvider(String name) implements PaymentProvider {

        @Override
        public ProviderReceipt initiateDeposit(PaymentId id, AccountId account, Cash amount) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ProviderReceipt initiatePayout(PaymentId id, AccountId account, Cash amount) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ProviderStatus status(PaymentId id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ProviderStatus cancel(PaymentId id) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void anAllowedProviderThatIsNotConfiguredStopsStartup() {
        runner.withBean(PaymentProviders.class, PaymentProviders::of).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(StartupRefusal.class)
                    .hasMessageContainingAll("tandem.payments.allowed-providers.deposit names [simulator]",
                            "not a configured payment provider", "tandem.payments.simulator.enabled=true");
        });
    }

    @Test
    void allowedProvidersThatAreConfiguredStart() {
        runner.withBean(PaymentProviders.class, () -> PaymentProviders.of(new NamedProvider("simulator")))
                .run(context -> assertThat(context).hasNotFailed());
    }
}
