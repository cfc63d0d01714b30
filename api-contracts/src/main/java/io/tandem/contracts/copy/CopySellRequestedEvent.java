package io.tandem.contracts.copy;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Symbol;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A market sell of a copied position: closing it by hand ({@code stop} false) or while the copy stops. */
@Revision("1")
public record CopySellRequestedEvent(CopyId copyId, AccountId copyAccountId, OrderId orderId, String clientOrderId,
                                     Symbol symbol, Quantity quantity, boolean stop, Instant at) {
}
