package io.tandem.command.follow;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;

/** One block in force: {@code blocker} has blocked {@code blocked}. */
@Entity
@Table(name = "trader_blocks")
class TraderBlock {

    @EmbeddedId
    private Key key;

    protected TraderBlock() {
        // JPA
    }

    TraderBlock(Key key) {
        this.key = key;
    }

    /** Blocker and blocked; the primary key of the table. */
    @Embeddable
    record Key(@Column(name = "blocker_id", length = 128) String blocker,
               @Column(name = "blocked_id", length = 128) String blocked) implements Serializable {
    }
}
