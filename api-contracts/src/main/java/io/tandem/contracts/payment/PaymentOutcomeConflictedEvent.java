package io.tandem.contracts.payment;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The provider reported an outcome that contradicts the payment's final status (for example a
 * confirmation after the payment failed with TIMEOUT). Nothing moves automatically: money may have
 * moved at the provider that the platform did not book, so this event is the reconciliation trail
 * an operator acts on.
 *
 * @param recorded the payment's final status
 * @param reported what the provider said now
 * @param detail   the provider's reference or reason
 */
@Revision("1")
public record PaymentOutcomeConflictedEvent(PaymentId paymentId, AccountId accountId, PaymentDirection direction,
                                            Cash amount, PaymentStatus recorded, PaymentStatus reported,
                                            String detail, Instant at) {
}
