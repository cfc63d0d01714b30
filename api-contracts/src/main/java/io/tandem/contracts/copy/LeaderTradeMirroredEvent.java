package io.tandem.contracts.copy;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A leader trade (or open position, {@code explanation.leaderTradeId()} null) is mirrored into the
 * copy as market order {@code orderId} in its COPY account, of {@code explanation.finalQuantity()}.
 */
@Revision("1")
public record LeaderTradeMirroredEvent(CopyId copyId, AccountId copyAccountId, OrderId orderId, String clientOrderId,
                                       Symbol symbol, Side side, MirrorExplanation explanation, Instant at) {
}
