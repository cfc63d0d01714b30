package io.tandem.command.follow;

import io.tandem.contracts.common.UserId;
import io.tandem.contracts.follow.Relation;

import java.time.Instant;

/**
 * The one door through which a user follows, mutes or blocks another trader (or undoes it), named
 * by handle. One request is one transaction. The caller must have a profile (PROFILE_REQUIRED,
 * 422); an unknown handle is TRADER_NOT_FOUND (404); yourself is CANNOT_FOLLOW_SELF (422); following
 * with a block between the two is BLOCKED (403). Doing the same twice changes nothing and answers the same.
 */
public interface FollowEntry {

    RelationResult set(UserId caller, String handle, Relation relation, boolean active, Instant now);

    /** The caller's relations towards the trader {@code handle} (as the trader spells it) afterwards. */
    record RelationResult(String handle, boolean following, boolean muting, boolean blocking) {
    }
}
