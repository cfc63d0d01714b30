package io.tandem.infra.demo;

import io.tandem.contracts.common.UserId;
import io.tandem.infra.security.Role;
import io.tandem.infra.security.TokenIssuer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens of the demo's users, signed in-process by the application's own {@link TokenIssuer} with
 * the claims a real user's token carries: simulated traders and makers are TRADERs, the operator who
 * lists instruments is an ADMIN and nothing else. A token is renewed once half its lifetime has passed,
 * so a demo that runs for days never sends an expired one.
 */
final class DemoTokens {

    private record Issued(String token, Instant at) {
    }

    private final TokenIssuer issuer;
    private final Clock clock;
    private final Duration renewAfter;
    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();

    DemoTokens(TokenIssuer issuer, Clock clock, Duration tokenTtl) {
        this.issuer = issuer;
        this.clock = clock;
        this.renewAfter = tokenTtl.dividedBy(2);
    }

    String trader(String userId) {
        return token(userId, Role.TRADER);
    }

    String operator() {
        return token(DemoCast.OPERATOR, Role.ADMIN);
    }

    private String token(String userId, Role role) {
        Instant now = clock.instant();
        return tokens.compute(userId, (user, issued) -> issued != null && issued.at().plus(renewAfter).isAfter(now)
                ? issued : new Issued(issuer.issue(UserId.of(user), List.of(role)), now)).token();
    }
}
