package io.tandem.contracts.copy;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.UserId;

/**
 * What the copy aggregate answers to its commands: the copy as it is after the command.
 * {@code transferId} is the id of the cash transfer the command asks copy entry to make (funding at
 * start, a funds change), null otherwise; {@code created} is true only when a start created the copy
 * (false when it answered an identical earlier start).
 */
public record CopyAnswer(CopyId copyId, AccountId copyAccountId, AccountId fromAccountId, UserId copier, UserId leader,
                         AccountId leaderAccountId, CopyStatus status, Cash netInvested, String transferId, boolean created) {
}
