package io.tandem.saga.settlement;

import io.tandem.contracts.common.AccountId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the settlement saga. The platform fee account is opened by the application at
 * startup under the same id; sagas cannot see the command side, so the id is configuration.
 *
 * @param feeAccountId account that receives every trade's fees ({@code tandem.settlement.fee-account-id})
 * @param retryDelay   how long a settlement waits for its three confirmations before it sends the
 *                     legs that are still unconfirmed again ({@code tandem.settlement.retry-delay})
 */
@ConfigurationProperties(prefix = "tandem.settlement")
public record SettlementProperties(@DefaultValue(SettlementProperties.DEFAULT_FEE_ACCOUNT_ID) String feeAccountId,
                                   @DefaultValue("PT30S") Duration retryDelay) {

    public static final String DEFAULT_FEE_ACCOUNT_ID = "platform-fees";

    public SettlementProperties {
        if (retryDelay == null || retryDelay.isNegative() || retryDelay.isZero()) {
            throw new IllegalArgumentException("tandem.settlement.retry-delay must be positive");
        }
    }

    public AccountId feeAccount() {
        return AccountId.of(feeAccountId);
    }
}
