package io.tandem.command.payment;

import io.tandem.contracts.common.Cash;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What payment entry accepts ({@code tandem.payments.*}); amounts are decimal currency units. The saga's
 * retry settings share the prefix but live with the saga. Invalid settings stop the application at
 * startup instead of refusing every payment later.
 *
 * @param minDeposit           smallest deposit ({@code min-deposit}, default 1.00)
 * @param maxDeposit           largest single deposit ({@code max-deposit}, default 100000.00)
 * @param minWithdrawal        smallest withdrawal ({@code min-withdrawal}, default 1.00)
 * @param maxWithdrawal        largest single withdrawal ({@code max-withdrawal}, default 50000.00)
 * @param dailyWithdrawalLimit most one user may withdraw per UTC day, failed withdrawals not counted
 *                             ({@code daily-withdrawal-limit}, default 100000.00)
 * @param defaultProvider      provider used when a request names none ({@code default-provider}, default simulator);
 *                             it too must be allowed for the direction, else such a request is PROVIDER_NOT_ALLOWED
 * @param allowedProviders     the providers a client may choose, per direction ({@code allowed-providers.deposit},
 *                             {@code allowed-providers.withdrawal}); none unless configured
 */
@ConfigurationProperties(prefix = "tandem.payments")
public record PaymentEntryProperties(@DefaultValue("1.00") BigDecimal minDeposit,
                                     @DefaultValue("100000.00") BigDecimal maxDeposit,
                                     @DefaultValue("1.00") BigDecimal minWithdrawal,
                                     @DefaultValue("50000.00") BigDecimal maxWithdrawal,
                                     @DefaultValue("100000.00") BigDecimal dailyWithdrawalLimit,
                                     @DefaultValue("simulator") String defaultProvider,
                                     @DefaultValue AllowedProviders allowedProviders) {

    /**
     * The server's allowlist of payment providers ({@code tandem.payments.allowed-providers.*}): which
     * providers deposits may come in through and which withdrawals may go out through. A client names
     * the provider in its request, so without this list a deposit could come in through a test
     * provider and leave through a real one. Empty means no payments in that direction at all.
     *
     * @param deposit    names of the providers deposits may use
     * @param withdrawal names of the providers withdrawals may use
     */
    public record AllowedProviders(@DefaultValue Set<String> deposit, @DefaultValue Set<String> withdrawal) {

        public AllowedProviders {
            deposit = names(deposit);
            withdrawal = names(withdrawal);
        }

        public static AllowedProviders none() {
            return new AllowedProviders(Set.of(), Set.of());
        }

        /** The names as given, trimmed; blank entries (an empty environment variable) name nothing. */
        private static Set<String> names(Set<String> configured) {
            return configured == null ? Set.of() : configured.stream().filter(name -> name != null && !name.isBlank())
                    .map(String::trim).collect(Collectors.toUnmodifiableSet());
        }
    }

    public PaymentEntryProperties {
        requireRange("deposit", minDeposit, maxDeposit);
        requireRange("withdrawal", minWithdrawal, maxWithdrawal);
        cents("daily-withdrawal-limit", dailyWithdrawalLimit);
        if (defaultProvider == null || defaultProvider.isBlank()) {
            throw new IllegalArgumentException("tandem.payments.default-provider must not be blank");
        }
        if (allowedProviders == null) {
            allowedProviders = AllowedProviders.none();
        }
    }

    public Cash minDepositCash() {
        return Cash.ofCents(cents("min-deposit", minDeposit));
    }

    public Cash maxDepositCash() {
        return Cash.ofCents(cents("max-deposit", maxDeposit));
    }

    public Cash minWithdrawalCash() {
        return Cash.ofCents(cents("min-withdrawal", minWithdrawal));
    }

    public Cash maxWithdrawalCash() {
        return Cash.ofCents(cents("max-withdrawal", maxWithdrawal));
    }

    public Cash dailyWithdrawalLimitCash() {
        return Cash.ofCents(cents("daily-withdrawal-limit", dailyWithdrawalLimit));
    }

    private static void requireRange(String kind, BigDecimal min, BigDecimal max) {
        long low = cents("min-" + kind, min);
        long high = cents("max-" + kind, max);
        if (low <= 0 || high < low) {
            throw new IllegalArgumentException("tandem.payments: need 0 < min-" + kind + " <= max-" + kind
                    + ", got " + min + " and " + max);
        }
    }

    /** Exact cents of a configured amount; more than two decimals is a configuration error, never rounded. */
    private static long cents(String name, BigDecimal amount) {
        if (amount == null || amount.signum() < 0) {
            throw new IllegalArgumentException("tandem.payments." + name + " must be a non-negative amount");
        }
        try {
            return amount.movePointRight(Cash.SCALE).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("tandem.payments." + name + " has more than " + Cash.SCALE + " decimals: " + amount, e);
        }
    }
}
