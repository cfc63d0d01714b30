package io.tandem.query.profile;

import io.tandem.contracts.common.UserId;
import io.tandem.contracts.profile.FindTraderQuery;
import io.tandem.contracts.profile.TraderProfileView;
import io.tandem.contracts.profile.TraderSummary;
import io.tandem.query.security.AccountAccess;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.Authentication;

import java.util.concurrent.CompletableFuture;

/** What the social fields share: the caller as a user id, and a trader looked up by handle. */
public final class Traders {

    private Traders() {
    }

    /** The authenticated caller; refuses a request without one. */
    public static UserId caller(Authentication authentication) {
        return UserId.of(AccountAccess.requireAuthenticated(authentication).getName());
    }

    /** The trader of {@code handle} as {@code viewer} sees it; completes with null for a blank or unknown handle. */
    public static CompletableFuture<TraderProfileView> byHandle(QueryGateway queryGateway, String handle, UserId viewer) {
        if (handle == null || handle.isBlank()) {
            return CompletableFuture.completedFuture(null);
        }
        return queryGateway.query(new FindTraderQuery(handle, null, viewer), ResponseTypes.instanceOf(TraderProfileView.class));
    }

    /** An author or actor as the schema's TraderSummary shows one. */
    public static TraderSummary summary(String userId, String handle, String displayName) {
        return new TraderSummary(userId, handle, displayName, null);
    }
}
