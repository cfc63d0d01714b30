package io.tandem.saga.settlement;

import io.tandem.contracts.common.AccountId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of settlement. The platform fee account is opened by the application at startup under
 * the same id; the sagas module cannot see the command side, so the id is configuration.
 *
 * @param feeAccountId account that receives every trade's fees ({@code tandem.settlement.fee-account-id})
 */
@ConfigurationProperties(prefix = "tandem.settlement")
public record SettlementProperties(@DefaultValue(SettlementProperties.DEFAULT_FEE_ACCOUNT_ID) String feeAccountId) {

    public static final String DEFAULT_FEE_ACCOUNT_ID = "platform-fees";

    public AccountId feeAccount() {
        return AccountId.of(feeAccountId);
    }
}
