package io.tandem.infra.copy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The copy-mirror process's tables ({@link JdbcCopyMirrorState}), declared as JPA entities only so that
 * Hibernate's schema management creates them like every other table of the application, in H2 and in
 * PostgreSQL ({@code spring.jpa.hibernate.ddl-auto: update}; {@code validate} where a migration tool
 * owns the schema). Nothing reads or writes them through JPA: the store uses plain JDBC batches.
 */
final class CopyMirrorTables {

    private CopyMirrorTables() {
    }

    /** An account's total cash in cents and its type (null until its opening was seen). */
    @Entity
    @Table(name = "copy_mirror_account")
    static class AccountTable {
        @Id
        @Column(name = "account_id", length = 128)
        private String accountId;
        @Column(name = "account_type", length = 16)
        private String accountType;
        @Column(name = "cash_cents", nullable = false)
        private long cashCents;
    }

    /** A non-zero position of an account, in lots. */
    @Entity
    @Table(name = "copy_mirror_position")
    @IdClass(PositionKey.class)
    static class PositionTable {
        @Id
        @Column(name = "account_id", length = 128)
        private String accountId;
        @Id
        @Column(name = "symbol", length = 16)
        private String symbol;
        @Column(name = "lots", nullable = false)
        private long lots;
    }

    static class PositionKey implements Serializable {
        private String accountId;
        private String symbol;

        @Override
        public boolean equals(Object other) {
            return other instanceof PositionKey key && Objects.equals(accountId, key.accountId)
                    && Objects.equals(symbol, key.symbol);
        }

        @Override
        public int hashCode() {
            return Objects.hash(accountId, symbol);
        }
    }

    /** An instrument's tick and lot size (null until its listing was seen) and last price in ticks (null until it traded). */
    @Entity
    @Table(name = "copy_mirror_instrument")
    static class InstrumentTable {
        @Id
        @Column(name = "symbol", length = 16)
        private String symbol;
        @Column(name = "tick_size", precision = 38, scale = 18)
        private BigDecimal tickSize;
        @Column(name = "lot_size", precision = 38, scale = 18)
        private BigDecimal lotSize;
        @Column(name = "last_price_ticks")
        private Long lastPriceTicks;
    }

    /** A live copy as the process sees it. */
    @Entity
    @Table(name = "copy_mirror_copy")
    static class CopyTable {
        @Id
        @Column(name = "copy_id", length = 128)
        private String copyId;
        @Column(name = "copy_account_id", length = 128, nullable = false)
        private String copyAccountId;
        @Column(name = "leader_account_id", length = 128, nullable = false)
        private String leaderAccountId;
        @Column(name = "copier_user_id", length = 128, nullable = false)
        private String copierUserId;
        @Column(name = "leader_user_id", length = 128, nullable = false)
        private String leaderUserId;
        @Column(name = "status", length = 16, nullable = false)
        private String status;
        @Column(name = "stop_loss_equity_cents", nullable = false)
        private long stopLossEquityCents;
        @Column(name = "stop_sent", nullable = false)
        private boolean stopSent;
        @Column(name = "stop_sells_sent", nullable = false)
        private boolean stopSellsSent;
    }

    /** A trader's public account as their latest profile event sets it (null: none). */
    @Entity
    @Table(name = "copy_mirror_leader")
    static class LeaderTable {
        @Id
        @Column(name = "leader_user_id", length = 128)
        private String leaderUserId;
        @Column(name = "public_account_id", length = 128)
        private String publicAccountId;
    }
}
