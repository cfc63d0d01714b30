package io.tandem.contracts.account;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Credits what {@link TransferOutCommand} took from {@code fromAccountId}, in the same transaction. */
public record TransferInCommand(@TargetAggregateIdentifier AccountId accountId, String transferId, AccountId fromAccountId,
                                Cash cash, List<Holding> positions) {
}
