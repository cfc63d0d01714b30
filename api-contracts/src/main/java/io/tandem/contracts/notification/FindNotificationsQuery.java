package io.tandem.contracts.notification;

import io.tandem.contracts.common.UserId;

/** {@code owner}'s notifications, newest first; answers a {@link NotificationPage}. */
public record FindNotificationsQuery(UserId owner, int first, String after) {
}
