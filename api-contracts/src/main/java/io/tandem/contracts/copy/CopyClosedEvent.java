package io.tandem.contracts.copy;

import io.tandem.contracts.account.Holding;
import io.tandem.contracts.common.Cash;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** The copy is CLOSED: {@code returnedCash} (and any unsellable positions) went back to the account it came from. */
@Revision("1")
public record CopyClosedEvent(CopyId copyId, CopyStopReason reason, String transferId, Cash returnedCash,
                              List<Holding> returnedPositions, Instant at) {
}
