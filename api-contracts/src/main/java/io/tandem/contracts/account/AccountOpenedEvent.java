package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AccountOpenedEvent(AccountId accountId, UserId owner, AccountType type) {
}
