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
 * One withdrawal's charge against its user's daily limit. Keyed by payment id, so a retried request
 * is charged once, and remembering the day, so a failure gives the amount back to the day it was
 * charged to (possibly yesterday), once.
 */
@Entity
@Table(name = "payment_withdrawal_charge")
class WithdrawalCharge implements Persistable<String> {

    @Id
    @Column(name = "payment_id", length = 128)
    private String paymentId;

    @Column(name = "user_id", nullable = false, length = 128)
    private String userId;

    @Column(name = "withdrawal_day", nullable = false)
    private LocalDate day;

    @Column(name = "amount_cents", nullable = false)
    private long amountCents;

    @Column(name = "given_back", nullable = false)
    private boolean givenBack;

    @Transient
    private boolean fresh;

    protected WithdrawalCharge() {
        // JPA
    }

    WithdrawalCharge(String paymentId, String userId, LocalDate day, long amountCents) {
        this.paymentId = paymentId;
        this.userId = userId;
        this.day = day;
        this.amountCents = amountCents;
        this.fresh = true;
    }

    String userId() {
        return userId;
    }

    LocalDate day() {
        return day;
    }

    long amountCents() {
        return amountCents;
    }

    boolean givenBack() {
        return givenBack;
    }

    void markGivenBack() {
        givenBack = true;
    }

    @Override
    public String getId() {
        return paymentId;
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
