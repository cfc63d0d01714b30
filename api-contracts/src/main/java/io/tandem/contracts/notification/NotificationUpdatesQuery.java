package io.tandem.contracts.notification;

import io.tandem.contracts.common.UserId;

/** Subscription query: each {@link NotificationView} of {@code owner} from now on (never during a replay); initial result empty (true). */
public record NotificationUpdatesQuery(UserId owner) {
}
