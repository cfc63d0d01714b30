package io.tandem.contracts.notification;

import java.util.List;

public record NotificationPage(List<NotificationView> items, String endCursor, boolean hasNextPage) {
}
