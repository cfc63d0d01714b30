package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens an account owned by {@code owner}. Opening an id that exists is refused with ACCOUNT_ALREADY_EXISTS. */
public record OpenAccountCommand(@TargetAggregateIdentifier AccountId accountId, UserId owner, AccountType type) {
}
