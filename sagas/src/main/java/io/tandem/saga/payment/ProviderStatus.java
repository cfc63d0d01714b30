package io.tandem.saga.payment;

/**
 * A provider's view of one payment. {@code reference} is set for CONFIRMED, {@code reason} for DECLINED;
 * PENDING means still in progress, UNKNOWN means the provider never received it (so it may be initiated again).
 */
public record ProviderStatus(Kind kind, String reference, String reason) {

    /** The four outcomes the saga distinguishes. */
    public enum Kind { CONFIRMED, DECLINED, PENDING, UNKNOWN }

    public ProviderStatus {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if (kind == Kind.CONFIRMED && (reference == null || reference.isBlank())) {
            throw new IllegalArgumentException("a CONFIRMED status needs the provider reference");
        }
        if (kind == Kind.DECLINED && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a DECLINED status needs a reason");
        }
    }

    public static ProviderStatus confirmed(String reference) {
        return new ProviderStatus(Kind.CONFIRMED, reference, null);
    }

    public static ProviderStatus declined(String reason) {
        return new ProviderStatus(Kind.DECLINED, null, reason);
    }

    public static ProviderStatus pending() {
        return new ProviderStatus(Kind.PENDING, null, null);
    }

    public static ProviderStatus unknown() {
        return new ProviderStatus(Kind.UNKNOWN, null, null);
    }

    /** The reason a provider gives for a payment it cancelled before completion. */
    public static final String CANCELLED = "CANCELLED";
}
