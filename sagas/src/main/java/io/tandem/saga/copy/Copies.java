package io.tandem.saga.copy;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.CopyStatus;
import io.tandem.saga.copy.CopyMirrorState.CopyRow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The live copies as the copy-mirror process sees them in the copy events, indexed by leader account
 * (whose trades they mirror) and by COPY account (whose holdings and releases concern them). A closed
 * copy is forgotten. Not thread-safe; remembers which copies changed for {@link #drainChanges}.
 */
final class Copies {

    private static final Comparator<CopyId> BY_ID = Comparator.comparing(CopyId::value);

    private final Map<CopyId, CopyRow> byId = new HashMap<>();
    private final Map<AccountId, CopyId> byCopyAccount = new HashMap<>();
    private final Map<AccountId, Set<CopyId>> byLeader = new HashMap<>();
    private final Set<CopyId> changed = new LinkedHashSet<>();

    Copies() {
    }

    Copies(List<CopyRow> rows) {
        rows.forEach(this::index);
    }

    void started(CopyId copyId, AccountId copyAccountId, AccountId leaderAccountId, Cash stopLossEquity) {
        index(new CopyRow(copyId, copyAccountId, leaderAccountId, CopyStatus.ACTIVE, stopLossEquity, false, false));
        changed.add(copyId);
    }

    void status(CopyId copyId, CopyStatus status) {
        update(copyId, row -> row.withStatus(status));
    }

    void stopLossEquity(CopyId copyId, Cash equity) {
        update(copyId, row -> row.withStopLossEquity(equity));
    }

    void stopLossSent(CopyId copyId) {
        update(copyId, CopyRow::withStopLossSent);
    }

    void stopSellsSent(CopyId copyId) {
        update(copyId, CopyRow::withStopSellsSent);
    }

    void closed(CopyId copyId) {
        CopyRow row = byId.remove(copyId);
        if (row == null) {
            return;
        }
        byCopyAccount.remove(row.copyAccountId());
        Set<CopyId> ofLeader = byLeader.get(row.leaderAccountId());
        if (ofLeader != null) {
            ofLeader.remove(copyId);
            if (ofLeader.isEmpty()) {
                byLeader.remove(row.leaderAccountId());
            }
        }
        changed.add(copyId);
    }

    Optional<CopyRow> get(CopyId copyId) {
        return Optional.ofNullable(byId.get(copyId));
    }

    Optional<CopyRow> ofCopyAccount(AccountId copyAccountId) {
        CopyId copyId = byCopyAccount.get(copyAccountId);
        return copyId == null ? Optional.empty() : Optional.of(byId.get(copyId));
    }

    /** The copies of {@code leaderAccountId}, by copy id. */
    List<CopyRow> ofLeader(AccountId leaderAccountId) {
        List<CopyRow> rows = new ArrayList<>();
        for (CopyId copyId : byLeader.getOrDefault(leaderAccountId, Set.of())) {
            rows.add(byId.get(copyId));
        }
        return rows;
    }

    /** The copies changed since the last drain as they are now (a forgotten one as CLOSED); forgets them. */
    List<CopyRow> drainChanges() {
        List<CopyRow> rows = new ArrayList<>();
        for (CopyId copyId : changed) {
            CopyRow row = byId.get(copyId);
            rows.add(row != null ? row : new CopyRow(copyId, null, null, CopyStatus.CLOSED, null, false, false));
        }
        changed.clear();
        return rows;
    }

    private void index(CopyRow row) {
        if (row.status() == CopyStatus.CLOSED) {
            return;
        }
        byId.put(row.copyId(), row);
        byCopyAccount.put(row.copyAccountId(), row.copyId());
        byLeader.computeIfAbsent(row.leaderAccountId(), id -> new TreeSet<>(BY_ID)).add(row.copyId());
    }

    private void update(CopyId copyId, UnaryOperator<CopyRow> change) {
        CopyRow row = byId.get(copyId);
        if (row == null) {
            return;
        }
        byId.put(copyId, change.apply(row));
        changed.add(copyId);
    }
}
