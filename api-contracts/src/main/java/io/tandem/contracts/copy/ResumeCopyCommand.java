package io.tandem.contracts.copy;

import io.tandem.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Resumes a PAUSED copy (an active one stays active); only the copier or an admin. */
public record ResumeCopyCommand(@TargetAggregateIdentifier CopyId copyId, UserId requestedBy, boolean admin, Instant at) {
}
