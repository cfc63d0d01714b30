package io.tandem.contracts.account;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import org.axonframework.serialization.Revision;

import java.util.List;

/** {@code cash} and {@code positions} arrived from {@code fromAccountId}; they become available. */
@Revision("1")
public record AssetsTransferredInEvent(AccountId accountId, String transferId, AccountId fromAccountId, Cash cash,
                                       List<Holding> positions) {
}
