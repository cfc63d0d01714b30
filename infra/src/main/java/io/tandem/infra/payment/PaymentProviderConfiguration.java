package io.tandem.infra.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.infra.config.TandemProperties;
import io.tandem.infra.security.SigningKeys;
import io.tandem.saga.payment.PaymentProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.time.Clock;
import java.util.Random;

/**
 * Payment providers and their webhooks. Every {@link PaymentProvider} bean is a provider clients can
 * name in a payment request (the sagas module's {@code PaymentProviders} registry collects them), and
 * every {@link PaymentWebhook} bean a webhook endpoint; both registries are built from whatever beans
 * exist, so a real provider plugs in by declaring its two beans (see {@link PaymentWebhook}) with its
 * own secret, without changing this class.
 * <p>
 * The embedded simulator is on unless {@code tandem.payments.simulator.enabled=false}. Its webhook
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

    /** The simulator's beans: the provider, its signature key, its outgoing and incoming webhooks. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "tandem.payments.simulator", name = "enabled", havingValue = "true", matchIfMissing = true)
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
