package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

@Revision("1")
public record SupplyIssuedEvent(AccountId accountId, Symbol symbol, Quantity quantity) {
}
