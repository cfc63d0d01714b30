package io.tandem.contracts.copy;

import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Records funds added to ({@code amount} positive) or removed from (negative) an ACTIVE or PAUSED
 * copy; copy entry moves the cash between the accounts in the same transaction, under the
 * transfer id this command answers ({@link CopyIds#transfer}, numbered by the copy). Only the copier
 * or an admin.
 */
public record ChangeCopyFundsCommand(@TargetAggregateIdentifier CopyId copyId, UserId requestedBy, boolean admin,
                                     Cash amount, Instant at) {
}
