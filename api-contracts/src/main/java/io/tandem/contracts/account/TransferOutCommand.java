package io.tandem.contracts.account;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Moves available cash out of the account to {@code toAccountId} (which gets a
 * {@link TransferInCommand} in the same transaction: cash is conserved). Only the copy engine sends
 * it, for a copy's funding, funds changes and return. {@code requestedBy} must own the account.
 * {@code amount} null takes all available cash and, with {@code withPositions}, every available
 * position too (a stopped copy returning what it holds); the account must then have no open
 * reservation. Refused with INSUFFICIENT_FUNDS when available cash is short. Answers the
 * {@link AssetsTransferredOutEvent} applied.
 */
public record TransferOutCommand(@TargetAggregateIdentifier AccountId accountId, String transferId, AccountId toAccountId,
                                 Cash amount, boolean withPositions, UserId requestedBy) {
}
