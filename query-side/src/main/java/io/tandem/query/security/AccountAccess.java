package io.tandem.query.security;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.portfolio.AccountView;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who may read an account: its owner, or an admin. The caller is the authenticated JWT subject;
 * its name is the user id and its authorities carry the roles.
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
}
