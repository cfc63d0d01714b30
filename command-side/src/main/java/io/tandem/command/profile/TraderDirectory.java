package io.tandem.command.profile;

import io.tandem.contracts.common.UserId;

import java.util.Optional;

/**
 * Who has a trader profile and under which handle, as the command side knows it: read from the
 * handle lookup table in the caller's transaction, so a profile set by a committed request is seen
 * at once. Post entry resolves {@code @handle} mentions and social actions resolve their target here.
 */
public interface TraderDirectory {

    /** The user whose handle this is, case-insensitively. */
    Optional<UserId> userOfHandle(String handle);

    /** The user's current handle, if they have a profile. */
    Optional<String> handleOf(UserId user);
}
