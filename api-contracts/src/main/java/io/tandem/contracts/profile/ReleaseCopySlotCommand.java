package io.tandem.contracts.profile;

import io.tandem.contracts.common.UserId;
import io.tandem.contracts.copy.CopyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives a closed copy's slot back, in the transaction that closes it. */
public record ReleaseCopySlotCommand(@TargetAggregateIdentifier UserId leader, CopyId copyId) {
}
