package io.tandem.saga.post;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.UserId;

import java.util.Optional;

/**
 * Who shares the trades of which account, as the trade-posts process last saw it in the traders'
 * profiles. The process owns this state: it must change in the process's batch transaction (so that
 * it moves with the process's position and survives a restart) and be cleared by a reset, after
 * which the profile events rebuild it. Infra keeps it in a database table.
 */
public interface TradeSharing {

    /** Records {@code user}'s public account (null: none) and whether its trades are shared. */
    void set(UserId user, AccountId publicAccount, boolean shareTrades);

    /** The user who shares the trades of {@code account}, if any: a public account is its owner's, so at most one. */
    Optional<UserId> sharerOf(AccountId account);

    /** Forgets everything (a reset of the process). */
    void clear();
}
