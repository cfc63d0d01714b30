package io.tandem.infra.audit.ledger;

import io.tandem.infra.audit.AuditReport;

import java.util.List;

/**
 * The ledger invariant computed from the event log alone (see {@link LedgerVerification}).
 * <p>
 * Cash: {@code cashTotal} (available + reserved over all accounts, fee account included) must equal
 * {@code adjustmentsTotal + depositsTotal - withdrawalsTotal - cashInFlight} ({@code cashExpected}),
 * where {@code cashInFlight} is what left one account in a settlement or transfer and has not arrived
 * at the other yet ({@code tradesInFlight} trades, {@code transfersInFlight} transfers open in the log;
 * {@code paymentsInFlight} payments confirmed and not yet booked to their account). In flight is not
 * a difference. The totals are the same
 * figures, with the same meaning, as the read-model ledger's ({@code GET /api/v1/admin/ledger}).
 * Amounts are decimal strings of the platform currency; lots are whole lots of each instrument.
 *
 * @param events       events read (global index up to {@code headIndex}, the head when the run began)
 * @param differences  the first differences found, in log order ({@code differencesTotal} counts all)
 * @param accounts     every account a difference touches, with found and expected balances
 */
public record LedgerReport(boolean ok,
                           long events,
                           long headIndex,
                           String cashTotal,
                           String adjustmentsTotal,
                           String depositsTotal,
                           String withdrawalsTotal,
                           String feesTotal,
                           String cashInFlight,
                           String cashExpected,
                           int tradesInFlight,
                           int transfersInFlight,
                           int paymentsInFlight,
                           List<Instrument> instruments,
                           List<Account> accounts,
                           List<Difference> differences,
                           long differencesTotal) implements AuditReport {

    /**
     * One instrument: every account's available + reserved lots ({@code positionsLots}) must equal the
     * issued supply less the lots in flight (left a seller, not yet at the buyer).
     */
    public record Instrument(String symbol, String supply, String positionsTotal, long supplyLots, long positionsLots,
                             long inFlightLots, boolean balanced) {
    }

    /** An account a difference touches: what its events hold and what their causes say it should. */
    public record Account(String accountId, String cashFound, String cashExpected, List<Lots> positions,
                          long firstIndex, long lastIndex) {
    }

    /** One symbol's lots of an account: found in its events, expected from their causes. */
    public record Lots(String symbol, long found, long expected) {
    }

    /**
     * One difference. {@code kind} is a stable code; {@code reference} names the trade, transfer,
     * payment or order it is about; {@code expected} and {@code found} are cents or lots as
     * {@code unit} says; {@code globalIndex} is the event that showed it, {@code causeIndex} the event
     * it was compared with (-1 when none).
     */
    public record Difference(String kind, String accountId, String symbol, String reference, String unit,
                             long expected, long found, long globalIndex, long causeIndex, String detail) {
    }

    @Override
    public String human() {
        StringBuilder out = new StringBuilder();
        out.append(ok ? "Ledger balanced" : "LEDGER DIFFERENCE").append(" over ").append(events)
                .append(" events (global index up to ").append(headIndex).append(")\n");
        out.append("  cash total        ").append(cashTotal).append('\n');
        out.append("  adjustments       ").append(adjustmentsTotal).append('\n');
        out.append("  deposits          ").append(depositsTotal).append('\n');
        out.append("  withdrawals       ").append(withdrawalsTotal).append('\n');
        out.append("  in flight         ").append(cashInFlight).append(" (").append(tradesInFlight).append(" trades, ")
                .append(transfersInFlight).append(" transfers settling; ").append(paymentsInFlight)
                .append(" confirmed payments not booked yet)\n");
        out.append("  expected          ").append(cashExpected).append('\n');
        out.append("  fee account       ").append(feesTotal).append('\n');
        for (Instrument instrument : instruments) {
            out.append("  ").append(instrument.balanced ? "ok  " : "DIFF").append(' ').append(instrument.symbol)
                    .append(": positions ").append(instrument.positionsTotal).append(", supply ").append(instrument.supply);
            if (instrument.inFlightLots != 0) {
                out.append(", in flight ").append(instrument.inFlightLots).append(" lots");
            }
            out.append('\n');
        }
        for (Account account : accounts) {
            out.append("  account ").append(account.accountId).append(": cash ").append(account.cashFound)
                    .append(" expected ").append(account.cashExpected);
            for (Lots lots : account.positions) {
                out.append(", ").append(lots.symbol).append(' ').append(lots.found).append(" lots expected ")
                        .append(lots.expected);
            }
            out.append(" (events ").append(account.firstIndex).append("..").append(account.lastIndex).append(")\n");
        }
        for (Difference difference : differences) {
            out.append("  ").append(difference.kind).append(' ').append(difference.accountId);
            if (difference.symbol != null) {
                out.append(' ').append(difference.symbol);
            }
            if (difference.reference != null) {
                out.append(' ').append(difference.reference);
            }
            out.append(": expected ").append(difference.expected).append(' ').append(difference.unit)
                    .append(", found ").append(difference.found).append(" at global index ").append(difference.globalIndex);
            if (difference.causeIndex >= 0) {
                out.append(" (cause at ").append(difference.causeIndex).append(')');
            }
            if (difference.detail != null) {
                out.append(": ").append(difference.detail);
            }
            out.append('\n');
        }
        if (differencesTotal > differences.size()) {
            out.append("  ... ").append(differencesTotal - differences.size()).append(" more differences\n");
        }
        return out.substring(0, out.length() - 1);
    }
}
