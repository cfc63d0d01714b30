package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

@Revision("1")
public record PositionReservedEvent(AccountId accountId, OrderId orderId, Symbol symbol, Quantity quantity) {
}
