package io.tandem.infra.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.command.payment.PaymentEntryProperties;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.infra.limits.RequestBodyLimits;
import io.tandem.infra.payment.PaymentWebhooks;
import io.tandem.infra.payment.SignedJsonWebhook;
import io.tandem.infra.payment.WebhookSignature;
import io.tandem.saga.payment.PaymentProvider;
import io.tandem.saga.payment.PaymentProviders;
import io.tandem.saga.payment.ProviderReceipt;
import io.tandem.saga.payment.ProviderStatus;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.util.unit.DataSize;

import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The payment edge's collaborators for the slice: one provider named {@code simulator} (never called
 * by the edge), the default payment settings and body limits, and the simulator's webhook verified with a known key so
 * tests can sign requests with {@link #SIGNATURE}.
 */
@TestConfiguration(proxyBeanMethods = false)
class PaymentSliceConfiguration {

    static final WebhookSignature SIGNATURE = new WebhookSignature(new SecretKeySpec(
            "slice-test-webhook-secret-of-32-bytes!".getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
            Duration.ofMinutes(5), Clock.systemUTC());

    /** The defaults: the webhook endpoint reads at most 64 KiB of a body. */
    @Bean
    RequestBodyLimits requestBodyLimits() {
        DataSize limit = DataSize.ofKilobytes(64);
        return new RequestBodyLimits(limit, limit, limit);
    }

    @Bean
    PaymentProviders paymentProviders() {
        return PaymentProviders.of(new PaymentProvider() {
            @Override
            public String name() {
                return "simulator";
            }

            @Override
            public ProviderReceipt initiateDeposit(PaymentId id, AccountId account, Cash amount) {
                throw new UnsupportedOperationException("the edge never calls a provider");
            }

            @Override
            public ProviderReceipt initiatePayout(PaymentId id, AccountId account, Cash amount) {
                throw new UnsupportedOperationException("the edge never calls a provider");
            }

            @Override
            public ProviderStatus status(PaymentId id) {
                throw new UnsupportedOperationException("the edge never calls a provider");
            }

            @Override
            public ProviderStatus cancel(PaymentId id) {
                throw new UnsupportedOperationException("the edge never calls a provider");
            }
        });
    }

    @Bean
    PaymentEntryProperties paymentEntryProperties() {
        return new PaymentEntryProperties(new BigDecimal("1.00"), new BigDecimal("100000.00"), new BigDecimal("1.00"),
                new BigDecimal("50000.00"), new BigDecimal("100000.00"), "simulator",
                new PaymentEntryProperties.AllowedProviders(Set.of("simulator"), Set.of("simulator")));
    }

    @Bean
    PaymentWebhooks paymentWebhooks() {
        return new PaymentWebhooks(List.of(new SignedJsonWebhook("simulator", SIGNATURE, new ObjectMapper())));
    }
}
