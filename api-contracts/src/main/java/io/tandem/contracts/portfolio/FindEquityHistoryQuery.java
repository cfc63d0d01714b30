package io.tandem.contracts.portfolio;

import io.tandem.contracts.common.AccountId;

import java.time.LocalDate;

/**
 * An account's daily equity series, oldest first, answering an {@link EquityHistory}: from its first
 * day (or {@code from}) to today (or {@code to}), both inclusive, UTC days; empty for an unknown account.
 */
public record FindEquityHistoryQuery(AccountId accountId, LocalDate from, LocalDate to) {

    /** The most days one query may span. */
    public static final int MAX_DAYS = 1000;
}
