package io.tandem.contracts.profile;

import io.tandem.contracts.common.UserId;
import io.tandem.contracts.copy.CopyId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record CopySlotReleasedEvent(UserId leader, CopyId copyId, int copiers) {
}
