package io.tandem.infra.post;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * A trader's sharing settings ({@link io.tandem.saga.post.TradeSharing}) as the trade-posts process last saw them in the trader's profile:
 * the public account and whether its trades are shared. Owned by that process and written in its
 * batches' transactions, so it moves with the process's position and is rebuilt by a reset.
 */
@Entity
@Table(name = "trade_post_sharing", indexes = @Index(name = "trade_post_sharing_account", columnList = "public_account_id"))
class SharingTrader {

    @Id
    @Column(name = "user_id", length = 255)
    private String userId;

    @Column(name = "public_account_id", length = 128)
    private String publicAccountId;

    @Column(name = "share_trades", nullable = false)
    private boolean shareTrades;

    protected SharingTrader() {
        // JPA
    }

    SharingTrader(String userId) {
        this.userId = userId;
    }

    String userId() {
        return userId;
    }

    void set(String publicAccountId, boolean shareTrades) {
        this.publicAccountId = publicAccountId;
        this.shareTrades = shareTrades;
    }
}
