package io.tandem.contracts.profile;

import io.tandem.contracts.common.UserId;
import io.tandem.contracts.copy.CopyId;
import org.axonframework.serialization.Revision;

/** {@code copiers} is the leader's number of live copies after this one. */
@Revision("1")
public record CopySlotClaimedEvent(UserId leader, CopyId copyId, UserId copier, int copiers) {
}
