package io.tandem.contracts.account;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Checks, in the caller's transaction, that {@code accountId} exists and is {@code caller}'s own;
 * changes nothing. A foreign account is NOT_ACCOUNT_OWNER, an unknown one ACCOUNT_NOT_FOUND (callers
 * that must not reveal which report both the same).
 */
public record CheckAccountOwnerCommand(@TargetAggregateIdentifier AccountId accountId, UserId caller) {
}
