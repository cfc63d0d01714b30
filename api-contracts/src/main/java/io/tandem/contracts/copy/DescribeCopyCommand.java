package io.tandem.contracts.copy;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Answers the copy's {@link CopyAnswer} and changes nothing; an unknown copy fails with AggregateNotFoundException (COPY_NOT_FOUND at the edge). */
public record DescribeCopyCommand(@TargetAggregateIdentifier CopyId copyId) {
}
