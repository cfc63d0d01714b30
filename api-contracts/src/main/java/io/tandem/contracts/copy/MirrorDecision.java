package io.tandem.contracts.copy;

import io.tandem.contracts.common.Quantity;

/** What a copy decided about one leader trade; {@code quantity} is set for PLACE. */
public record MirrorDecision(Kind kind, Quantity quantity, MirrorSkipReason skipReason, MirrorExplanation explanation) {

    public enum Kind { PLACE, SKIPPED, IGNORED }

    public static MirrorDecision ignored() {
        return new MirrorDecision(Kind.IGNORED, null, null, null);
    }
}
