package io.tandem.command.copy;

import io.tandem.contracts.common.Cash;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;

/**
 * What copy entry accepts ({@code tandem.copy.*}); amounts are decimal currency units. The mirror
 * process's settings ({@code tandem.copy.mirror.*}) share the prefix but live with the process. Invalid
 * settings stop the application at startup instead of refusing every copy later.
 *
 * @param minAmount         smallest allocation a copy starts with ({@code min-amount}, default 100.00)
 * @param maxAmount         largest allocation a copy starts with ({@code max-amount}, default 2000000.00)
 * @param maxCopiesPerUser  most live copies one copier may have at once ({@code max-copies-per-user}, default 100)
 */
@ConfigurationProperties(prefix = "tandem.copy")
public record CopyProperties(@DefaultValue("100.00") BigDecimal minAmount,
                             @DefaultValue("2000000.00") BigDecimal maxAmount,
                             @DefaultValue("100") int maxCopiesPerUser) {

    public CopyProperties {
        long low = cents("min-amount", minAmount);
        long high = cents("max-amount", maxAmount);
        if (low <= 0 || high < low) {
            throw new IllegalArgumentException("tandem.copy: need 0 < min-amount <= max-amount, got " + minAmount + " and " + maxAmount);
        }
        if (maxCopiesPerUser < 1) {
            throw new IllegalArgumentException("tandem.copy.max-copies-per-user must be at least 1, got " + maxCopiesPerUser);
        }
    }

    public Cash minAmountCash() {
        return Cash.ofCents(cents("min-amount", minAmount));
    }

    public Cash maxAmountCash() {
        return Cash.ofCents(cents("max-amount", maxAmount));
    }

    /** Exact cents of a configured amount; more than two decimals is a configuration error, never rounded. */
    private static long cents(String name, BigDecimal amount) {
        if (amount == null || amount.signum() < 0) {
            throw new IllegalArgumentException("tandem.copy." + name + " must be a non-negative amount");
        }
        try {
            return amount.movePointRight(Cash.SCALE).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("tandem.copy." + name + " has more than " + Cash.SCALE + " decimals: " + amount, e);
        }
    }
}
