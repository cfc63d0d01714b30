package io.tandem.command.profile;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.profile.TraderProfileView;

import java.time.Instant;

/**
 * The one door through which a user sets their trader profile. One request is one transaction: the
 * texts are checked first (INVALID_TEXT, 422), then that the public account is the user's own
 * (NOT_ACCOUNT_OWNER, 403, for someone else's account and for an unknown one alike, so account ids
 * cannot be probed), then that the handle is free regardless of case (HANDLE_TAKEN, 409), and the
 * profile is set; a refusal at any step leaves nothing behind.
 */
public interface ProfileEntry {

    /** Creates or updates {@code user}'s profile and answers it as set (counts zero, relations false). */
    TraderProfileView setProfile(UserId user, ProfileRequest request, Instant now);

    /**
     * What the user asks for. {@code bio} null is an empty bio, {@code shareTrades} null is true,
     * {@code publicAccountId} null is no public account, {@code acceptsCopiers} null keeps the current
     * setting (true for a new profile), {@code maxCopiers} null is unlimited (else 1 to 1,000,000,
     * MALFORMED_REQUEST otherwise).
     */
    record ProfileRequest(String handle, String displayName, String bio, Boolean shareTrades, AccountId publicAccountId,
                          Boolean acceptsCopiers, Integer maxCopiers) {

        /** A request without copy settings: accepting copiers is kept as it is, the limit is unlimited. */
        public ProfileRequest(String handle, String displayName, String bio, Boolean shareTrades, AccountId publicAccountId) {
            this(handle, displayName, bio, shareTrades, publicAccountId, null, null);
        }
    }
}
