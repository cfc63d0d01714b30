package io.tandem.saga.copy;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.UserId;
import io.tandem.saga.copy.CopyMirrorState.LeaderRow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every trader's public account, as their latest {@code TraderProfileSetEvent} sets it: the account
 * their copies may copy. Not thread-safe; remembers which rows changed for {@link #drainChanges}.
 */
final class Leaders {

    private final Map<UserId, LeaderRow> byLeader = new HashMap<>();
    private final Set<UserId> changed = new LinkedHashSet<>();

    Leaders() {
    }

    Leaders(List<LeaderRow> rows) {
        rows.forEach(row -> byLeader.put(row.leader(), row));
    }

    /** {@code leader}'s profile now publishes {@code publicAccountId} (null: none). */
    void published(UserId leader, AccountId publicAccountId) {
        LeaderRow row = new LeaderRow(leader, publicAccountId);
        if (!row.equals(byLeader.put(leader, row))) {
            changed.add(leader);
        }
    }

    /** {@code leader}'s profile as last seen; empty if no profile event of theirs was seen. */
    Optional<LeaderRow> get(UserId leader) {
        return Optional.ofNullable(leader == null ? null : byLeader.get(leader));
    }

    /** The rows changed since the last drain, as they are now; forgets them. */
    List<LeaderRow> drainChanges() {
        List<LeaderRow> rows = new ArrayList<>();
        for (UserId leader : changed) {
            rows.add(byLeader.get(leader));
        }
        changed.clear();
        return rows;
    }
}
