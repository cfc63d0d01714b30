package io.tandem.contracts.copy;

import io.tandem.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Counts a starting copy against the copier's limit of live copies ({@code tandem.copy.max-copies-per-user});
 * refused with TOO_MANY_COPIES at {@code max}. One allowance per copier ({@link CopyIds#allowance}),
 * changed only in copy start and close transactions (the copy aggregate guards against counting twice).
 */
public record ClaimCopyAllowanceCommand(@TargetAggregateIdentifier String allowanceId, UserId copier, CopyId copyId, int max) {
}
