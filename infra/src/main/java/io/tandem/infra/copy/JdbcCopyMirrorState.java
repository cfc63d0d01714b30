package io.tandem.infra.copy;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.CopyStatus;
import io.tandem.saga.copy.CopyMirrorState;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ParameterizedPreparedStatementSetter;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The copy-mirror process's state in five tables ({@link CopyMirrorTables}). The process calls
 * {@link #write} once per batch from the batch's prepare-commit, so through Spring's transaction
 * synchronisation the JDBC statements run on the batch's connection, in its transaction, and commit
 * (or roll back) with the process's token.
 * <p>
 * A write replaces every changed row: one batched delete by key per table, then one batched insert of
 * the rows that still exist (a position with lots, a copy not CLOSED). That is plain SQL that H2 and
 * PostgreSQL run alike, and a handful of statements per batch whatever its size. Only the process's
 * single segment writes these tables, so nothing races the delete and the insert.
 */
@Component
class JdbcCopyMirrorState implements CopyMirrorState {

    private final JdbcTemplate jdbc;

    JdbcCopyMirrorState(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public Snapshot load() {
        List<AccountRow> accounts = jdbc.query("select account_id, account_type, cash_cents from copy_mirror_account",
                (rs, n) -> new AccountRow(AccountId.of(rs.getString(1)),
                        rs.getString(2) == null ? null : AccountType.valueOf(rs.getString(2)), rs.getLong(3)));
        List<PositionRow> positions = jdbc.query("select account_id, symbol, lots from copy_mirror_position",
                (rs, n) -> new PositionRow(AccountId.of(rs.getString(1)), Symbol.of(rs.getString(2)), rs.getLong(3)));
        List<InstrumentRow> instruments = jdbc.query(
                "select symbol, tick_size, lot_size, last_price_ticks from copy_mirror_instrument", (rs, n) -> {
                    long ticks = rs.getLong(4);
                    Price last = rs.wasNull() ? null : Price.ofTicks(ticks);
                    return new InstrumentRow(Symbol.of(rs.getString(1)), strip(rs.getBigDecimal(2)), strip(rs.getBigDecimal(3)), last);
                });
        List<CopyRow> copies = jdbc.query("""
                select copy_id, copy_account_id, leader_account_id, copier_user_id, leader_user_id, status,
                stop_loss_equity_cents, stop_sent, stop_sells_sent from copy_mirror_copy""", (rs, n) -> new CopyRow(
                CopyId.of(rs.getString(1)), AccountId.of(rs.getString(2)), AccountId.of(rs.getString(3)),
                UserId.of(rs.getString(4)), UserId.of(rs.getString(5)), CopyStatus.valueOf(rs.getString(6)),
                Cash.ofCents(rs.getLong(7)), rs.getBoolean(8), rs.getBoolean(9)));
        List<LeaderRow> leaders = jdbc.query("select leader_user_id, public_account_id from copy_mirror_leader",
                (rs, n) -> new LeaderRow(UserId.of(rs.getString(1)),
                        rs.getString(2) == null ? null : AccountId.of(rs.getString(2))));
        return new Snapshot(accounts, positions, instruments, copies, leaders);
    }

    @Override
    public void write(Changes changes) {
        if (!changes.accounts().isEmpty()) {
            jdbc.batchUpdate("delete from copy_mirror_account where account_id = ?", changes.accounts(), changes.accounts().size(),
                    (ps, row) -> ps.setString(1, row.accountId().value()));
            jdbc.batchUpdate("insert into copy_mirror_account (account_id, account_type, cash_cents) values (?, ?, ?)",
                    changes.accounts(), changes.accounts().size(), (ps, row) -> {
                        ps.setString(1, row.accountId().value());
                        if (row.type() == null) {
                            ps.setNull(2, Types.VARCHAR);
                        } else {
                            ps.setString(2, row.type().name());
                        }
                        ps.setLong(3, row.cashCents());
                    });
        }
        if (!changes.positions().isEmpty()) {
            jdbc.batchUpdate("delete from copy_mirror_position where account_id = ? and symbol = ?", changes.positions(),
                    changes.positions().size(), (ps, row) -> {
                        ps.setString(1, row.accountId().value());
                        ps.setString(2, row.symbol().value());
                    });
            List<PositionRow> held = changes.positions().stream().filter(row -> row.lots() != 0).toList();
            insert("insert into copy_mirror_position (account_id, symbol, lots) values (?, ?, ?)", held, held.size(),
                    (ps, row) -> {
                        ps.setString(1, row.accountId().value());
                        ps.setString(2, row.symbol().value());
                        ps.setLong(3, row.lots());
                    });
        }
        if (!changes.instruments().isEmpty()) {
            jdbc.batchUpdate("delete from copy_mirror_instrument where symbol = ?", changes.instruments(),
                    changes.instruments().size(), (ps, row) -> ps.setString(1, row.symbol().value()));
            jdbc.batchUpdate("""
                    insert into copy_mirror_instrument (symbol, tick_size, lot_size, last_price_ticks)
                    values (?, ?, ?, ?)""", changes.instruments(), changes.instruments().size(), (ps, row) -> {
                ps.setString(1, row.symbol().value());
                ps.setBigDecimal(2, row.tickSize());
                ps.setBigDecimal(3, row.lotSize());
                if (row.lastPrice() == null) {
                    ps.setNull(4, Types.BIGINT);
                } else {
                    ps.setLong(4, row.lastPrice().ticks());
                }
            });
        }
        if (!changes.copies().isEmpty()) {
            jdbc.batchUpdate("delete from copy_mirror_copy where copy_id = ?", changes.copies(), changes.copies().size(),
                    (ps, row) -> ps.setString(1, row.copyId().value()));
            List<CopyRow> live = new ArrayList<>();
            for (CopyRow row : changes.copies()) {
                if (row.status() != CopyStatus.CLOSED) {
                    live.add(row);
                }
            }
            insert("""
                    insert into copy_mirror_copy (copy_id, copy_account_id, leader_account_id, copier_user_id,
                    leader_user_id, status, stop_loss_equity_cents, stop_sent, stop_sells_sent)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    live, live.size(), (ps, row) -> {
                        ps.setString(1, row.copyId().value());
                        ps.setString(2, row.copyAccountId().value());
                        ps.setString(3, row.leaderAccountId().value());
                        ps.setString(4, row.copier().value());
                        ps.setString(5, row.leader().value());
                        ps.setString(6, row.status().name());
                        ps.setLong(7, row.stopLossEquity().cents());
                        ps.setBoolean(8, row.stopSent());
                        ps.setBoolean(9, row.stopSellsSent());
                    });
        }
        if (!changes.leaders().isEmpty()) {
            jdbc.batchUpdate("delete from copy_mirror_leader where leader_user_id = ?", changes.leaders(),
                    changes.leaders().size(), (ps, row) -> ps.setString(1, row.leader().value()));
            jdbc.batchUpdate("insert into copy_mirror_leader (leader_user_id, public_account_id) values (?, ?)",
                    changes.leaders(), changes.leaders().size(), (ps, row) -> {
                        ps.setString(1, row.leader().value());
                        if (row.publicAccountId() == null) {
                            ps.setNull(2, Types.VARCHAR);
                        } else {
                            ps.setString(2, row.publicAccountId().value());
                        }
                    });
        }
    }

    private <T> void insert(String sql, List<T> rows, int size, ParameterizedPreparedStatementSetter<T> setter) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows, size, setter);
        }
    }

    @Override
    public void clear() {
        jdbc.update("delete from copy_mirror_account");
        jdbc.update("delete from copy_mirror_position");
        jdbc.update("delete from copy_mirror_instrument");
        jdbc.update("delete from copy_mirror_copy");
        jdbc.update("delete from copy_mirror_leader");
    }

    /** Numeric columns come back at the column's scale (0.010000...); the sizes compare and multiply the same either way. */
    private static BigDecimal strip(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros();
    }
}
