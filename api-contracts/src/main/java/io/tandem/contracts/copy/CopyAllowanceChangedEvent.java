package io.tandem.contracts.copy;

import io.tandem.contracts.common.UserId;
import org.axonframework.serialization.Revision;

/** {@code live} is the copier's number of live copies after {@code copyId} started ({@code claimed}) or closed. */
@Revision("1")
public record CopyAllowanceChangedEvent(String allowanceId, UserId copier, CopyId copyId, boolean claimed, int live) {
}
