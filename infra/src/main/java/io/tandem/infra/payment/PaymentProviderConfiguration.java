package io.tandem.infra.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.command.payment.PaymentEntryProperties;
import io.tandem.infra.config.TandemProperties;
import io.tandem.infra.security.SigningKeys;
import io.tandem.infra.startup.StartupRefusal;
import io.tandem.saga.payment.PaymentProvider;
import io.tandem.saga.payment.PaymentProviders;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Payment providers and their webhooks. Every {@link PaymentProvider} bean is a provider clients can
 * name in a payment request (the sagas module's {@code PaymentProviders} registry collects them), and
 * every {@link PaymentWebhook} bean a webhook endpoint; both registries are built from whatever beans
 * exist, so a real provider plugs in by declaring its two beans (see {@link PaymentWebhook}) with its
 * own secret, without changing this class.
 * <p>
 * Clients may only choose providers in the server's allowlist per direction
 * ({@code tandem.payments.allowed-providers.deposit} and {@code .withdrawal}, checked by payment entry);
 * every name in it must be a configured provider, else startup fails here.
 * <p>
 * The embedded simulator is off unless {@code tandem.payments.simulator.enabled=true}, which the
 * embedded {@code application.yml} sets and the {@code distributed} profile refuses unless told
 * otherwise ({@link SimulatorProductionGuard}). Its webhook
 * secret is {@code tandem.payments.simulator.webhook-secret}, or when blank a random key kept under
 * the data dir in {@value #SIMULATOR_KEY_FILE}, generated on the first start like the token signing key.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SimulatorProperties.class)
public class PaymentProviderConfiguration {

    public static final String SIMULATOR_KEY_FILE = "payments-simulator-webhook.key";

    @Bean
    public PaymentWebhooks paymentWebhooks(ObjectProvider<PaymentWebhook> webhooks) {
        return new PaymentWebhooks(webhooks.orderedStream().toList());
    }

    /** Fails startup when the allowlist names a provider that does not exist, instead of refusing such payments later. */
    @Bean
    InitializingBean allowedPaymentProvidersAreConfigured(PaymentProviders providers, PaymentEntryProperties settings) {
        return () -> {
            requireConfigured("deposit", settings.allowedProviders().deposit(), providers);
            requireConfigured("withdrawal", settings.allowedProviders().withdrawal(), providers);
        };
    }

    private static void requireConfigured(String direction, Set<String> allowed, PaymentProviders providers) {
        List<String> missing = allowed.stream().filter(name -> !providers.contains(name)).sorted().toList();
        if (!missing.isEmpty()) {
            throw new StartupRefusal("tandem.payments.allowed-providers." + direction + " names " + missing
                    + ", which is not a configured payment provider (configured: " + providers.names().stream().sorted().toList() + ").",
                    "Remove it from tandem.payments.allowed-providers." + direction + ", or configure that provider"
                            + " (the simulator: tandem.payments.simulator.enabled=true).");
        }
    }

    /** The simulator's beans: the provider, its signature key, its outgoing and incoming webhooks. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "tandem.payments.simulator", name = "enabled", havingValue = "true")
    static class Simulator {

        @Bean
        WebhookSignature simulatorWebhookSignature(SimulatorProperties settings, TandemProperties properties, Clock clock) {
            return new WebhookSignature(SigningKeys.resolve(settings.webhookSecret(),
                    "tandem.payments.simulator.webhook-secret", properties, SIMULATOR_KEY_FILE),
                    settings.replayWindow(), clock);
        }

        @Bean
        SignedJsonWebhook simulatorWebhook(WebhookSignature simulatorWebhookSignature, ObjectMapper objectMapper) {
            return new SignedJsonWebhook(SimulatedPaymentProvider.NAME, simulatorWebhookSignature, objectMapper);
        }

        @Bean
        HttpWebhookSender simulatorWebhookSender(WebhookSignature simulatorWebhookSignature, ObjectMapper objectMapper,
                                                 SimulatorProperties settings, Environment environment) {
            return new HttpWebhookSender(SimulatedPaymentProvider.NAME, simulatorWebhookSignature, objectMapper,
                    settings.webhookUrl(), environment.getProperty("server.servlet.context-path", ""));
        }

        @Bean(destroyMethod = "close")
        SimulatedPaymentProvider simulatedPaymentProvider(SimulatorProperties settings,
                                                          HttpWebhookSender simulatorWebhookSender) {
            Random random = settings.seed() == null ? new Random() : new Random(settings.seed());
            return new SimulatedPaymentProvider(settings, random, simulatorWebhookSender);
        }
    }
}
