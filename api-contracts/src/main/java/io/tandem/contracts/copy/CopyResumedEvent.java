package io.tandem.contracts.copy;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record CopyResumedEvent(CopyId copyId, Instant at) {
}
