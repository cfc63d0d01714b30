package io.tandem.contracts.account;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import org.axonframework.serialization.Revision;

import java.util.List;

/** Available {@code cash} and {@code positions} left the account for {@code toAccountId} (a copy's funding or return). */
@Revision("1")
public record AssetsTransferredOutEvent(AccountId accountId, String transferId, AccountId toAccountId, Cash cash,
                                        List<Holding> positions) {
}
