package io.tandem.contracts.follow;

import io.tandem.contracts.common.UserId;

/** Whom {@code userId} follows, most recent follow first; answers a {@link io.tandem.contracts.profile.TraderPage}. */
public record FindFollowingQuery(UserId userId, int first, String after) {
}
