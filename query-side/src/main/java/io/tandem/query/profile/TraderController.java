package io.tandem.query.profile;

import io.tandem.contracts.common.UserId;
import io.tandem.contracts.profile.FindTraderQuery;
import io.tandem.contracts.profile.TraderProfileView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import java.util.concurrent.CompletableFuture;

/**
 * GraphQL fields over trader profiles: the caller's own ({@code me}) and anyone's by handle, with
 * the counts and the caller's relations towards them. Profiles are public to every authenticated
 * user; only the owner's own view carries the public account (which the schema does not show).
 */
@Controller
public class TraderController {

    private final QueryGateway queryGateway;

    public TraderController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    /** The caller's profile; null until they set one. */
    @QueryMapping
    public CompletableFuture<TraderProfileView> me(Authentication authentication) {
        UserId caller = Traders.caller(authentication);
        return queryGateway.query(new FindTraderQuery(null, caller, caller), ResponseTypes.instanceOf(TraderProfileView.class));
    }

    /** The trader of that handle (any case); null when there is none. */
    @QueryMapping
    public CompletableFuture<TraderProfileView> trader(@Argument String handle, Authentication authentication) {
        return Traders.byHandle(queryGateway, handle, Traders.caller(authentication));
    }
}
