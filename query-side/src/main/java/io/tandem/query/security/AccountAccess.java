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

import java.util.concurrent.CompletableFuture;

/**
 * Who may read an account: its owner, or an admin. The caller is the authenticated JWT subject;
 * its name is the user id and its authorities carry the roles. Everything an account holds (orders,
 * payments) is readable by exactly the callers who may read the account itself.
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

    /** Returns the account if the caller owns it or is an admin; refuses it otherwise. */
    public static AccountView requireReadable(AccountView account, Authentication caller) {
        if (isAdmin(caller) || caller.getName().equals(account.owner())) {
            return account;
        }
        throw new TandemException(ErrorCode.NOT_ACCOUNT_OWNER, "not your account");
    }

    /**
     * Looks the account up through the query gateway and completes with it only if the caller may
     * read it, so a resolver asks for the account's data only after the check: an unknown account
     * is ACCOUNT_NOT_FOUND, someone else's is NOT_ACCOUNT_OWNER.
     */
    public static CompletableFuture<AccountView> requireReadable(QueryGateway queryGateway, AccountId accountId,
                                                                 Authentication caller) {
        return queryGateway.query(new FindAccountQuery(accountId), ResponseTypes.instanceOf(AccountView.class))
                .thenApply(account -> {
                    if (account == null) {
                        throw new TandemException(ErrorCode.ACCOUNT_NOT_FOUND, "account " + accountId + " not found");
                    }
                    return requireReadable(account, caller);
                });
    }
}
