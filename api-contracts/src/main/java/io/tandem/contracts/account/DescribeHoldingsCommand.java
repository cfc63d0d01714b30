package io.tandem.contracts.account;

import io.tandem.contracts.common.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Answers the account's {@link AccountHoldings} and changes nothing (like {@link CheckAccountOwnerCommand}):
 * copy entry reads the COPY account it is about to order for, in its transaction. Never sent for a
 * leader's account: mirroring must not lock it.
 */
public record DescribeHoldingsCommand(@TargetAggregateIdentifier AccountId accountId) {
}
