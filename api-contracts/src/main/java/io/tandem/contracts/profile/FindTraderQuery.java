package io.tandem.contracts.profile;

import io.tandem.contracts.common.UserId;

/**
 * One trader by handle (case-insensitive) or, when {@code handle} is null, by user id; the relations
 * ({@code followedByMe} and the like) are those of {@code viewer} to the trader. Answers a
 * {@link TraderProfileView}, or null when there is no such trader.
 */
public record FindTraderQuery(String handle, UserId userId, UserId viewer) {
}
