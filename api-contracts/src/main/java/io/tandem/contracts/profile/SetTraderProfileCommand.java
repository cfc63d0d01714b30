package io.tandem.contracts.profile;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Creates or updates the caller's trader profile (one per user, identified by the user). Entry has
 * checked the texts, that the handle is free and that the public account is the user's own; the
 * same values again change nothing. Answers the {@link TraderProfileView} as set.
 *
 * @param publicAccountId the account whose trades are shared (and copied); may be null
 */
public record SetTraderProfileCommand(@TargetAggregateIdentifier UserId userId, String handle, String displayName,
                                      String bio, boolean shareTrades, AccountId publicAccountId, Instant at) {
}
