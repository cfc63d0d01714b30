package io.tandem.contracts.copy;

import io.tandem.contracts.account.Holding;
import io.tandem.contracts.common.Cash;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Closes a STOPPING copy once its COPY account holds no open order and no sellable position: copy
 * entry moves all its cash (and any position too small to sell) back to the account it came from
 * in the same transaction, under {@code transferId}. A closed copy changes nothing.
 */
public record FinishCopyCommand(@TargetAggregateIdentifier CopyId copyId, String transferId, Cash returnedCash,
                                List<Holding> returnedPositions, Instant at) {
}
