package io.tandem.contracts.ledger;



/** Answers a {@link LedgerView}: the conservation check over all read-model balances. */
public record FindLedgerQuery() {
}
