package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Credits the platform fee account with a trade's fees and notional rounding. Idempotent by trade id. */
public record CollectFeesCommand(@TargetAggregateIdentifier AccountId accountId, TradeId tradeId, Cash amount) {
}
