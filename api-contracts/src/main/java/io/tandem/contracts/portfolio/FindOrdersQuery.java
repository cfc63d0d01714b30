package io.tandem.contracts.portfolio;

import io.tandem.contracts.common.*;
import io.tandem.contracts.orderbook.OrderStatus;

import java.util.List;

/** Newest orders first; {@code statuses} empty or null means all; {@code after} is an opaque cursor from {@link OrderPage}. Answers an {@link OrderPage}. */
public record FindOrdersQuery(AccountId accountId, List<OrderStatus> statuses, int first, String after) {
}
