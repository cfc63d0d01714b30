package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Credits an instrument's initial supply to its issuer account when the instrument is listed. Idempotent per symbol. */
public record IssueSupplyCommand(@TargetAggregateIdentifier AccountId accountId, Symbol symbol, Quantity quantity) {
}
