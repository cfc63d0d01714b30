package io.tandem.infra.audit.ledger;

import io.tandem.contracts.common.AccountType;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One account's balances as the ledger fold sees them, applied by the same rules as the account
 * aggregate's event-sourcing handlers: available and reserved cash, available and reserved lots per
 * symbol, what each open order and each held withdrawal holds. Its size is bounded by the account's
 * instruments and open work, never by its history.
 * <p>
 * {@code cashDifference} and {@code lotsDifference} add up, per account, what its events booked
 * beyond what their causes (the trade, the other half of a transfer) said: found minus expected.
 */
final class AccountBook {

    /** What one open order holds, as the aggregate's {@code OrderReservation}. */
    static final class OrderHold {
        final String symbol;
        long cash;
        long lots;
        long settled;
        Long closingFilled;

        OrderHold(String symbol) {
            this.symbol = symbol;
        }
    }

    final String accountId;
    AccountType type;
    long available;
    long reserved;
    final Map<String, OrderHold> orders = new HashMap<>();
    final Map<String, Long> heldWithdrawals = new HashMap<>();
    /** Per symbol: {available lots, reserved lots}. */
    final Map<String, long[]> positions = new HashMap<>();
    long firstIndex = -1;
    long lastIndex = -1;
    long cashDifference;
    final Map<String, Long> lotsDifference = new TreeMap<>();
    boolean negativeCashReported;

    AccountBook(String accountId) {
        this.accountId = accountId;
    }

    void touched(long globalIndex) {
        if (firstIndex < 0) {
            firstIndex = globalIndex;
        }
        lastIndex = globalIndex;
    }

    long cash() {
        return Math.addExact(available, reserved);
    }

    long[] position(String symbol) {
        return positions.computeIfAbsent(symbol, s -> new long[2]);
    }

    void addAvailableLots(String symbol, long lots) {
        long[] position = position(symbol);
        position[0] = Math.addExact(position[0], lots);
    }

    void addReservedLots(String symbol, long lots) {
        long[] position = position(symbol);
        position[1] = Math.addExact(position[1], lots);
    }

    boolean hasDifference() {
        return cashDifference != 0 || lotsDifference.values().stream().anyMatch(lots -> lots != 0);
    }

    void differsInCash(long foundMinusExpected) {
        cashDifference = Math.addExact(cashDifference, foundMinusExpected);
    }

    void differsInLots(String symbol, long foundMinusExpected) {
        lotsDifference.merge(symbol, foundMinusExpected, Math::addExact);
    }
}
