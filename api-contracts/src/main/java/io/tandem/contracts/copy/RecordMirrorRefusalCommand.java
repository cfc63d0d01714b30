package io.tandem.contracts.copy;

import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TradeId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Order entry refused a sized mirror order (its transaction rolled back with the decision): records
 * it as a skip with reason ORDER_REFUSED and the refusal's code, and marks the leader trade decided.
 */
public record RecordMirrorRefusalCommand(@TargetAggregateIdentifier CopyId copyId, TradeId leaderTradeId, Symbol symbol,
                                         Side side, MirrorExplanation explanation, String errorCode, String message,
                                         Instant at) {
}
