package io.tandem.contracts.payment;

import io.tandem.contracts.common.AccountId;

/** Newest payments first; answers a {@link PaymentPage}. */
public record FindPaymentsQuery(AccountId accountId, int first, String after) {
}
