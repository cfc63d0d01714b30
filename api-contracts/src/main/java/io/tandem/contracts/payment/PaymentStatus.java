package io.tandem.contracts.payment;

/** REQUESTED until the provider accepted it, PENDING until it confirmed or failed; CONFIRMED and FAILED are final. */
public enum PaymentStatus {
    REQUESTED, PENDING, CONFIRMED, FAILED;

    public boolean isFinal() {
        return this == CONFIRMED || this == FAILED;
    }
}
