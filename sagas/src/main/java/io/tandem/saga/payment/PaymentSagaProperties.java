package io.tandem.saga.payment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * How patiently the payment saga waits for a provider ({@code tandem.payments.*}; payment entry's
 * amount limits share the prefix). The provider normally answers by webhook well before the first
 * status check; the checks are the fallback for lost webhooks and slow providers.
 *
 * @param statusCheckDelay    wait before the first status check, and between resends of an account
 *                            command that has not been confirmed ({@code status-check-delay}, default PT30S)
 * @param maxAttempts         status checks before the payment is cancelled at the provider and failed
 *                            with TIMEOUT ({@code max-attempts}, default 5)
 * @param backoffMultiplier   each further status check waits this many times longer than the one
 *                            before ({@code backoff-multiplier}, default 2)
 * @param maxStatusCheckDelay the longest wait between two checks ({@code max-status-check-delay}, default PT10M)
 */
@ConfigurationProperties(prefix = "tandem.payments")
public record PaymentSagaProperties(@DefaultValue("PT30S") Duration statusCheckDelay,
                                    @DefaultValue("5") int maxAttempts,
                                    @DefaultValue("2") BigDecimal backoffMultiplier,
                                    @DefaultValue("PT10M") Duration maxStatusCheckDelay) {

    public PaymentSagaProperties {
        if (statusCheckDelay == null || statusCheckDelay.isNegative() || statusCheckDelay.isZero()) {
            throw new IllegalArgumentException("tandem.payments.status-check-delay must be positive");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("tandem.payments.max-attempts must be at least 1");
        }
        if (backoffMultiplier == null || backoffMultiplier.compareTo(BigDecimal.ONE) < 0) {
            throw new IllegalArgumentException("tandem.payments.backoff-multiplier must be at least 1");
        }
        if (maxStatusCheckDelay == null || maxStatusCheckDelay.compareTo(statusCheckDelay) < 0) {
            throw new IllegalArgumentException("tandem.payments.max-status-check-delay must be at least the status-check-delay");
        }
    }

    /**
     * The wait before status check number {@code attempt} (1 for the first):
     * {@code statusCheckDelay * backoffMultiplier^(attempt - 1)}, at most {@code maxStatusCheckDelay},
     * rounded up to the millisecond.
     */
    public Duration delayBeforeCheck(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1");
        }
        BigDecimal cap = BigDecimal.valueOf(maxStatusCheckDelay.toMillis());
        BigDecimal delay = BigDecimal.valueOf(statusCheckDelay.toMillis());
        for (int i = 1; i < attempt && delay.compareTo(cap) < 0; i++) {
            delay = delay.multiply(backoffMultiplier);
        }
        return Duration.ofMillis(delay.min(cap).setScale(0, RoundingMode.CEILING).longValueExact());
    }
}
