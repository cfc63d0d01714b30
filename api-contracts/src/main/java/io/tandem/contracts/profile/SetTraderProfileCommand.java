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
 * @param acceptsCopiers  whether others may copy the public account; null keeps the current setting (true at first)
 * @param maxCopiers      the most live copies the trader accepts (1 to 1,000,000); null: unlimited
 */
public record SetTraderProfileCommand(@TargetAggregateIdentifier UserId userId, String handle, String displayName,
                                      String bio, boolean shareTrades, AccountId publicAccountId, Boolean acceptsCopiers,
                                      Integer maxCopiers, Instant at) {

    /** A profile change that leaves the copy settings as they are (accepting, unlimited at first). */
    public SetTraderProfileCommand(UserId userId, String handle, String displayName, String bio, boolean shareTrades,
                                   AccountId publicAccountId, Instant at) {
        this(userId, handle, displayName, bio, shareTrades, publicAccountId, null, null, at);
    }
}
