package io.tandem.contracts.follow;

import io.tandem.contracts.common.UserId;

/** Who follows {@code userId}, most recent follow first; answers a {@link io.tandem.contracts.profile.TraderPage}. */
public record FindFollowersQuery(UserId userId, int first, String after) {
}
