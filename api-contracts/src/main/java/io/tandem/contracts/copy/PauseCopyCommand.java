package io.tandem.contracts.copy;

import io.tandem.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Pauses an ACTIVE copy (a paused one stays paused, nothing changes); only the copier or an admin. */
public record PauseCopyCommand(@TargetAggregateIdentifier CopyId copyId, UserId requestedBy, boolean admin, Instant at) {
}
