package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

/** {@code amount} moved from available to reserved cash for the order. */
@Revision("1")
public record CashReservedEvent(AccountId accountId, OrderId orderId, Symbol symbol, Cash amount) {
}
