package io.tandem.command.payment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

import java.time.LocalDate;

/**
 * How much one user has withdrawn on one UTC day, counting withdrawals that are pending or confirmed
 * (a failed one is given back). Payment entry locks the row while it checks and charges the limit,
 * so two concurrent withdrawals of one user cannot both slip under it.
 */
@Entity
@Table(name = "payment_withdrawal_day")
class WithdrawalDay implements Persistable<String> {

    @Id
    @Column(name = "user_day", length = 160)
    private String userDay;

    @Column(name = "user_id", nullable = false, length = 128)
    private String userId;

    @Column(name = "withdrawal_day", nullable = false)
    private LocalDate day;

    @Column(name = "withdrawn_cents", nullable = false)
    private long withdrawnCents;

    @Transient
    private boolean fresh;

    protected WithdrawalDay() {
        // JPA
    }

    WithdrawalDay(String userId, LocalDate day) {
        this.userDay = key(userId, day);
        this.userId = userId;
        this.day = day;
        this.fresh = true;
    }

    static String key(String userId, LocalDate day) {
        return userId + "/" + day;
    }

    long withdrawnCents() {
        return withdrawnCents;
    }

    void add(long cents) {
        withdrawnCents = Math.addExact(withdrawnCents, cents);
    }

    /** Gives back a failed withdrawal; never below zero, whatever order the give-backs come in. */
    void giveBack(long cents) {
        withdrawnCents = Math.max(0, withdrawnCents - cents);
    }

    @Override
    public String getId() {
        return userDay;
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
