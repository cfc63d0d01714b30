package io.tandem.saga.copy;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.UserId;
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
 * (whose trades they mirror), by leader user (whose profile changes and blocks may stop them) and by
 * COPY account (whose holdings and releases concern them). A closed
 * copy is forgotten. Not thread-safe; remembers which copies changed for {@link #drainChanges}.
 */
final class Copies {

    private static final Comparator<CopyId> BY_ID = Comparator.comparing(CopyId::value);

    private final Map<CopyId, CopyRow> byId = new HashMap<>();
    private final Map<AccountId, CopyId> byCopyAccount = new HashMap<>();
    private final Map<AccountId, Set<CopyId>> byLeader = new HashMap<>();
    private final Map<UserId, Set<CopyId>> byLeaderUser = new HashMap<>();
    private final Set<CopyId> changed = new LinkedHashSet<>();

    Copies() {
    }

    Copies(List<CopyRow> rows) {
        rows.forEach(this::index);
    }

    void started(CopyId copyId, AccountId copyAccountId, AccountId leaderAccountId, UserId copier, UserId leader,
                 Cash stopLossEquity) {
        index(new CopyRow(copyId, copyAccountId, leaderAccountId, copier, leader, CopyStatus.ACTIVE, stopLossEquity, false,
                false));
        changed.add(copyId);
    }

    void status(CopyId copyId, CopyStatus status) {
        update(copyId, row -> row.withStatus(status));
    }

    void stopLossEquity(CopyId copyId, Cash equity) {
        update(copyId, row -> row.withStopLossEquity(equity));
    }

    /** The process asked the engine to stop the copy (see {@link CopyRow}). */
    void stopSent(CopyId copyId) {
        update(copyId, CopyRow::withStopSent);
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
        unindex(byLeader, row.leaderAccountId(), copyId);
        unindex(byLeaderUser, row.leader(), copyId);
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

    /** The copies of {@code leader}'s accounts, by copy id. */
    List<CopyRow> ofLeaderUser(UserId leader) {
        List<CopyRow> rows = new ArrayList<>();
        for (CopyId copyId : byLeaderUser.getOrDefault(leader, Set.of())) {
            rows.add(byId.get(copyId));
        }
        return rows;
    }

    /** The copies changed since the last drain as they are now (a forgotten one as CLOSED); forgets them. */
    List<CopyRow> drainChanges() {
        List<CopyRow> rows = new ArrayList<>();
        for (CopyId copyId : changed) {
            CopyRow row = byId.get(copyId);
            rows.add(row != null ? row : CopyRow.closed(copyId));
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
        if (row.leader() != null) {
            byLeaderUser.computeIfAbsent(row.leader(), id -> new TreeSet<>(BY_ID)).add(row.copyId());
        }
    }

    private static <K> void unindex(Map<K, Set<CopyId>> index, K key, CopyId copyId) {
        Set<CopyId> ids = key == null ? null : index.get(key);
        if (ids != null) {
            ids.remove(copyId);
            if (ids.isEmpty()) {
                index.remove(key);
            }
        }
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
