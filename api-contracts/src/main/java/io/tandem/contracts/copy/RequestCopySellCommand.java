package io.tandem.contracts.copy;

import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Records a market sell of the copy's {@code quantity} of {@code symbol}: the copier closing one
 * position ({@code stop} false: only the copier or an admin, and only while ACTIVE or PAUSED) or the
 * copy engine selling while STOPPING ({@code stop} true). Answers the client order id
 * ({@link CopyIds#closeOrder}, numbered per symbol) copy entry places it under in the same transaction.
 */
public record RequestCopySellCommand(@TargetAggregateIdentifier CopyId copyId, UserId requestedBy, boolean admin,
                                     Symbol symbol, Quantity quantity, boolean stop, Instant at) {
}
