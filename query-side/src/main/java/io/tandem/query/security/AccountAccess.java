package io.tandem.query.security;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.portfolio.AccountView;
import io.tandem.contracts.portfolio.FindAccountQuery;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Who may read an account: its owner, or an admin. The caller is the authenticated JWT subject;
 * its name is the user id and its authorities carry the roles. Everything an account holds (orders,
 * payments) is readable by exactly the callers who may read the account itself.
 * <p>
 * To anyone else the account does not exist: every field answers for someone else's account
 * exactly what it answers for an unknown id (null for {@code account} and {@code payment}, an empty
 * page for {@code orders} and {@code payments}, 404 over REST), never a FORBIDDEN that would tell
 * which ids are taken.
 */
public final class AccountAccess {

    public static final String ADMIN_AUTHORITY = "ROLE_ADMIN";

    private AccountAccess() {
    }

    /** Refuses a request without an authenticated caller. */
    public static Authentication requireAuthenticated(Authentication caller) {
        if (caller == null || !caller.isAuthenticated() || caller.getName() == null) {
            throw new TandemException(ErrorCode.UNAUTHENTICATED, "authentication required");
        }
        return caller;
    }

    public static boolean isAdmin(Authentication caller) {
        return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(ADMIN_AUTHORITY::equals);
    }

    /** Whether the caller owns the account or is an admin. */
    public static boolean mayRead(AccountView account, Authentication caller) {
        return isAdmin(caller) || caller.getName().equals(account.owner());
    }

    /**
     * Looks the account up through the query gateway and completes with it only if the caller may
     * read it, so a resolver asks for the account's data only after the check. An unknown account
     * and someone else's complete the same way, empty, so that a caller cannot tell which ids exist.
     */
    public static CompletableFuture<Optional<AccountView>> readable(QueryGateway queryGateway, AccountId accountId,
                                                                  Authentication caller) {
        return queryGateway.query(new FindAccountQuery(accountId), ResponseTypes.instanceOf(AccountView.class))
                .thenApply(account -> Optional.ofNullable(account).filter(found -> mayRead(found, caller)));
    }
}
