package io.tandem.contracts.profile;

import io.tandem.contracts.common.UserId;
import io.tandem.contracts.copy.CopyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Takes one of the leader's copier slots for a starting copy, in the copy's start transaction (the
 * copy aggregate guards against claiming twice). Refused with LEADER_NOT_COPYABLE when the leader has
 * no public account or does not accept copiers, COPY_SLOTS_FULL when {@code maxCopiers} live copies
 * exist; TRADER_NOT_FOUND (from the repository) when the leader has no profile. Answers the leader's
 * public account id.
 */
public record ClaimCopySlotCommand(@TargetAggregateIdentifier UserId leader, CopyId copyId, UserId copier) {
}
