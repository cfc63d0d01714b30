package io.tandem.saga.copy;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.CopyStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The copy-mirror state as committed rows in memory (infra keeps them in tables); counts loads and writes. */
final class InMemoryMirrorState implements CopyMirrorState {

    private final Map<AccountId, AccountRow> accounts = new LinkedHashMap<>();
    private final Map<List<String>, PositionRow> positions = new LinkedHashMap<>();
    private final Map<Symbol, InstrumentRow> instruments = new LinkedHashMap<>();
    private final Map<CopyId, CopyRow> copies = new LinkedHashMap<>();
    private final Map<UserId, LeaderRow> leaders = new LinkedHashMap<>();
    int loads;
    int writes;

    @Override
    public synchronized Snapshot load() {
        loads++;
        return new Snapshot(new ArrayList<>(accounts.values()), new ArrayList<>(positions.values()),
                new ArrayList<>(instruments.values()), new ArrayList<>(copies.values()),
                new ArrayList<>(leaders.values()));
    }

    @Override
    public synchronized void write(Changes changes) {
        writes++;
        changes.accounts().forEach(row -> accounts.put(row.accountId(), row));
        for (PositionRow row : changes.positions()) {
            List<String> key = List.of(row.accountId().value(), row.symbol().value());
            if (row.lots() == 0) {
                positions.remove(key);
            } else {
                positions.put(key, row);
            }
        }
        changes.instruments().forEach(row -> instruments.put(row.symbol(), row));
        for (CopyRow row : changes.copies()) {
            if (row.status() == CopyStatus.CLOSED) {
                copies.remove(row.copyId());
            } else {
                copies.put(row.copyId(), row);
            }
        }
        changes.leaders().forEach(row -> leaders.put(row.leader(), row));
    }

    @Override
    public synchronized void clear() {
        accounts.clear();
        positions.clear();
        instruments.clear();
        copies.clear();
        leaders.clear();
    }

    synchronized Map<UserId, LeaderRow> leaders() {
        return Map.copyOf(leaders);
    }

    synchronized Map<CopyId, CopyRow> copies() {
        return Map.copyOf(copies);
    }

    synchronized Map<AccountId, AccountRow> accounts() {
        return Map.copyOf(accounts);
    }
}
