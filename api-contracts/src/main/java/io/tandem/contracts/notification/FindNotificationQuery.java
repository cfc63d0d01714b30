package io.tandem.contracts.notification;

import io.tandem.contracts.common.UserId;

/**
 * One of {@code owner}'s notifications, named by its cursor, as the {@link FindNotificationsQuery}
 * page would show it: null when it is not there (any more), or hidden (its actor has no profile yet,
 * or is muted or blocked). Pushes are read back through it, so a push never shows what a page would not.
 */
public record FindNotificationQuery(UserId owner, String cursor) {
}
