package io.tandem.contracts.profile;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A trader profile was created ({@code previousHandle} null) or changed; carries the whole profile
 * as it now is, so every reader folds one event type. A changed handle frees {@code previousHandle}.
 */
@Revision("1")
public record TraderProfileSetEvent(UserId userId, String handle, String previousHandle, String displayName,
                                    String bio, boolean shareTrades, AccountId publicAccountId, Instant at) {
}
