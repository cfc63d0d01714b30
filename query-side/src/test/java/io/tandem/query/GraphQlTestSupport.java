package io.tandem.query;

import org.junit.jupiter.api.AfterEach;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Sets the caller the way infra's JWT filter does: the user id as the authentication's name and
 * the roles as {@code ROLE_*} authorities. GraphQL resolvers read it from the security context.
 */
public abstract class GraphQlTestSupport {

    protected static void actAs(String userId, String role) {
        TestingAuthenticationToken caller = new TestingAuthenticationToken(userId, null, "ROLE_" + role);
        caller.setAuthenticated(true);
        SecurityContextHolder.getContext().setAuthentication(caller);
    }

    @AfterEach
    void clearCaller() {
        SecurityContextHolder.clearContext();
    }
}
