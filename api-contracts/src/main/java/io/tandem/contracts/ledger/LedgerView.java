package io.tandem.contracts.ledger;

import java.util.List;

/**
 * {@code cashTotal} is all cash (available + reserved) across all accounts, fee account included;
 * it must equal {@code adjustmentsTotal + depositsTotal - withdrawalsTotal} (confirmed payments only). {@code feesTotal} is the fee account's share of it.
 * Each instrument's positions (available + reserved) must equal its supply.
 */
public record LedgerView(String cashTotal, String adjustmentsTotal, String depositsTotal, String withdrawalsTotal, String feesTotal, List<InstrumentLedgerView> instruments, boolean balanced) {
}
