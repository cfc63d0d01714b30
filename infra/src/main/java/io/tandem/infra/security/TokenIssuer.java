package io.tandem.infra.security;

import io.tandem.contracts.common.UserId;
import io.tandem.infra.config.TandemProperties;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;

/**
 * Signs access tokens with the local key: {@code sub} is the user id, {@code roles} the granted
 * roles. Used by the dev token endpoint and by tests; production tokens come from an identity
 * provider sharing the same claim layout.
 */
public class TokenIssuer {

    static final String ROLES_CLAIM = "roles";

    private final JwtEncoder encoder;
    private final Clock clock;
    private final TandemProperties.Security settings;

    public TokenIssuer(JwtEncoder encoder, Clock clock, TandemProperties.Security settings) {
        this.encoder = encoder;
        this.clock = clock;
        this.settings = settings;
    }

    public String issue(UserId userId, Collection<Role> roles) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(settings.issuer())
                .subject(userId.value())
                .issuedAt(now)
                .expiresAt(now.plus(settings.tokenTtl()))
                .claim(ROLES_CLAIM, roles.stream().distinct().map(Role::name).toList())
                .build();
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).type("JWT").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }
}
