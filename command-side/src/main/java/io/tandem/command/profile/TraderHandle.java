package io.tandem.command.profile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

/**
 * One taken handle: its case-insensitive key (primary key, so two users can never hold handles that
 * differ only in case), its user (unique, so a user holds one handle) and the handle as the user typed it.
 * <p>
 * Always inserted, never merged ({@link Persistable#isNew}): a row another transaction inserted
 * meanwhile must make this insert fail on the key, not be overwritten.
 */
@Entity
@Table(name = "trader_handles")
class TraderHandle implements Persistable<String> {

    @Id
    @Column(name = "handle_key", length = 30)
    private String handleKey;

    @Column(name = "user_id", nullable = false, unique = true, length = 128)
    private String userId;

    @Column(name = "handle", nullable = false, length = 30)
    private String handle;

    @Transient
    private boolean fresh;

    protected TraderHandle() {
        // JPA
    }

    TraderHandle(String handleKey, String userId, String handle) {
        this.handleKey = handleKey;
        this.userId = userId;
        this.handle = handle;
        this.fresh = true;
    }

    String userId() {
        return userId;
    }

    String handle() {
        return handle;
    }

    /** The same handle in other letter case. */
    void retype(String handle) {
        this.handle = handle;
    }

    @Override
    public String getId() {
        return handleKey;
    }

    @Override
    public boolean isNew() {
        return fresh;
    }

    @PostPersist
    @PostLoad
    void stored() {
        fresh = false;
    }
}
