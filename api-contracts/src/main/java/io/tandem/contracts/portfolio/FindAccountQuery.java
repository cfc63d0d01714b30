package io.tandem.contracts.portfolio;

import io.tandem.contracts.common.*;

/** Answers an {@link AccountView}, or null when the account is unknown to the read model. */
public record FindAccountQuery(AccountId accountId) {
}
