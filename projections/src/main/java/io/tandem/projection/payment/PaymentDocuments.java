package io.tandem.projection.payment;

/**
 * Field names of a payment document in the payments read model:
 * <pre>
 * { _id: paymentId, accountId, direction, amount (cents), provider, providerReference, status,
 *   reason, requestedAt (ISO), requestedKey, updatedAt (ISO),
 *   history: [ { status, reason, at (ISO) } or { status, reported, detail, at (ISO) } ],
 *   conflict: { recorded, reported, detail, at (ISO) }, lastSeq }
 * </pre>
 * {@code requestedKey} is the request time in epoch nanoseconds: with the payment id as tie-breaker
 * it orders an account's payments newest first for cursors to point into. {@code history} keeps
 * every status the payment went through, with the reason of a failure, for support and audit.
 * {@code conflict} is present only when a provider reported an outcome that contradicts the final
 * status: the latest such report, which an operator reconciles by hand; each one is also a history
 * entry that keeps the (unchanged) status and adds what was {@code reported} and its {@code detail}
 * (the provider's reference or reason).
 */
final class PaymentDocuments {

    static final String ACCOUNT_ID = "accountId";
    static final String DIRECTION = "direction";
    static final String AMOUNT = "amount";
    static final String PROVIDER = "provider";
    static final String PROVIDER_REFERENCE = "providerReference";
    static final String STATUS = "status";
    static final String REASON = "reason";
    static final String REQUESTED_AT = "requestedAt";
    static final String REQUESTED_KEY = "requestedKey";
    static final String UPDATED_AT = "updatedAt";
    static final String HISTORY = "history";
    static final String HISTORY_STATUS = "status";
    static final String HISTORY_REASON = "reason";
    static final String HISTORY_AT = "at";
    static final String CONFLICT = "conflict";
    static final String CONFLICT_RECORDED = "recorded";
    static final String CONFLICT_REPORTED = "reported";
    static final String CONFLICT_DETAIL = "detail";

    private PaymentDocuments() {
    }
}
