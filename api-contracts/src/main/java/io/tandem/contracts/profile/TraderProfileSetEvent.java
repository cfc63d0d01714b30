package io.tandem.contracts.profile;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A trader profile was created ({@code previousHandle} null) or changed; carries the whole profile
 * as it now is, so every reader folds one event type. A changed handle frees {@code previousHandle}.
 * <p>
 * Revision 2 added the copy settings: {@code acceptsCopiers} (null in revision 1 payloads: true) and
 * {@code maxCopiers} (null: unlimited). Use {@link #acceptsCopying()} rather than the raw field.
 */
@Revision("2")
public record TraderProfileSetEvent(UserId userId, String handle, String previousHandle, String displayName,
                                    String bio, boolean shareTrades, AccountId publicAccountId, Boolean acceptsCopiers,
                                    Integer maxCopiers, Instant at) {

    /** A profile event without copy settings (as revision 1). */
    public TraderProfileSetEvent(UserId userId, String handle, String previousHandle, String displayName, String bio,
                                 boolean shareTrades, AccountId publicAccountId, Instant at) {
        this(userId, handle, previousHandle, displayName, bio, shareTrades, publicAccountId, null, null, at);
    }

    /** Whether the trader accepts copiers: true unless set to false. */
    public boolean acceptsCopying() {
        return acceptsCopiers == null || acceptsCopiers;
    }
}
