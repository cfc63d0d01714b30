package io.tandem.contracts.copy;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReleaseCopyAllowanceCommand(@TargetAggregateIdentifier String allowanceId, CopyId copyId) {
}
