package io.tandem.infra.security;

import io.tandem.contracts.common.UserId;
import io.tandem.infra.config.TandemProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import javax.crypto.SecretKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenSigningTest {

    @TempDir
    Path dataDir;

    private final SecurityConfiguration security = new SecurityConfiguration();

    private TandemProperties properties(String secret) {
        return new TandemProperties(dataDir, new TandemProperties.Mongo(null, "tandem"),
                new TandemProperties.Security(secret, true, Duration.ofHours(12), "tandem"),
                new TandemProperties.Settlement("platform-fees", "platform"));
    }

    private TokenIssuer issuer(SecretKey key, TandemProperties properties, Clock clock) {
        return new TokenIssuer(security.jwtEncoder(key), clock, properties.security());
    }

    @Test
    void tokenAuthenticatesAsItsUserWithRoleAuthorities() {
        TandemProperties properties = properties(null);
        SecretKey key = SigningKeys.resolve(properties);
        String token = issuer(key, properties, Clock.systemUTC()).issue(UserId.of("alice"), List.of(Role.TRADER, Role.ADMIN));

        JwtDecoder decoder = security.jwtDecoder(key, properties);
        JwtAuthenticationToken authentication =
                (JwtAuthenticationToken) security.jwtAuthenticationConverter().convert(decoder.decode(token));

        assertThat(authentication.getName()).isEqualTo("alice");
        assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_TRADER", "ROLE_ADMIN");
        assertThat(authentication.getToken().getClaimAsStringList("roles")).containsExactly("TRADER", "ADMIN");
    }

    @Test
    void generatedKeyIsKeptInTheDataDirAndReusedOnTheNextStart() throws Exception {
        TandemProperties properties = properties(null);
        SecretKey first = SigningKeys.resolve(properties);
        SecretKey second = SigningKeys.resolve(properties);

        assertThat(second.getEncoded()).isEqualTo(first.getEncoded()).hasSize(32);
        Path file = dataDir.resolve(SigningKeys.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void tokenIssuedBeforeARestartIsAcceptedAfterIt() {
        TandemProperties properties = properties(null);
        String token = issuer(SigningKeys.resolve(properties), properties, Clock.systemUTC())
                .issue(UserId.of("alice"), List.of(Role.TRADER));

        JwtDecoder afterRestart = security.jwtDecoder(SigningKeys.resolve(properties), properties);

        assertThat(afterRestart.decode(token).getSubject()).isEqualTo("alice");
    }

    @Test
    void configuredSecretIsUsedInsteadOfAGeneratedKey() {
        TandemProperties properties = properties("a-shared-secret-of-at-least-32-bytes");

        assertThat(SigningKeys.resolve(properties).getEncoded())
                .isEqualTo("a-shared-secret-of-at-least-32-bytes".getBytes());
        assertThat(dataDir.resolve(SigningKeys.KEY_FILE)).doesNotExist();
    }

    @Test
    void secretShorterThan256BitsIsRefused() {
        assertThatThrownBy(() -> SigningKeys.resolve(properties("too-short")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void otherSecretsGetTheirOwnGeneratedKeyFileNextToTheTokenKey() {
        TandemProperties properties = properties(null);
        SecretKey tokenKey = SigningKeys.resolve(properties);

        SecretKey webhookKey = SigningKeys.resolve("", "tandem.payments.simulator.webhook-secret", properties, "webhook.key");

        assertThat(webhookKey.getEncoded()).hasSize(32).isNotEqualTo(tokenKey.getEncoded());
        assertThat(SigningKeys.resolve(null, "tandem.payments.simulator.webhook-secret", properties, "webhook.key")
                .getEncoded()).isEqualTo(webhookKey.getEncoded());
        assertThat(dataDir.resolve("webhook.key")).exists();
        assertThatThrownBy(() -> SigningKeys.resolve("short", "tandem.payments.simulator.webhook-secret", properties,
                "webhook.key")).hasMessageContaining("tandem.payments.simulator.webhook-secret must be at least 32 bytes");
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejected() {
        TandemProperties ours = properties(null);
        TandemProperties theirs = properties("someone-elses-secret-of-32-bytes-or-more");
        String forged = issuer(SigningKeys.resolve(theirs), theirs, Clock.systemUTC())
                .issue(UserId.of("mallory"), List.of(Role.ADMIN));

        JwtDecoder decoder = security.jwtDecoder(SigningKeys.resolve(ours), ours);

        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
    }

    @Test
    void expiredTokenIsRejected() {
        TandemProperties properties = properties(null);
        SecretKey key = SigningKeys.resolve(properties);
        Clock yesterday = Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC);
        String stale = issuer(key, properties, yesterday).issue(UserId.of("alice"), List.of(Role.TRADER));

        assertThatThrownBy(() -> security.jwtDecoder(key, properties).decode(stale)).isInstanceOf(JwtException.class);
    }

    @ParameterizedTest(name = "subject \"{0}\"")
    @ValueSource(strings = {"a\u0001b", "a\u0000b", "alice\n", "a\u007Fb", "a\u0085b", "a\u200Eb", "a\u202Eb",
            "a\uFEFFb"})
    void tokenWhoseSubjectCannotBeAUserIdIsRejected(String subject) {
        TandemProperties properties = properties(null);
        SecretKey key = SigningKeys.resolve(properties);
        String token = issuer(key, properties, Clock.systemUTC()).issue(UserId.of(subject), List.of(Role.TRADER));

        assertThatThrownBy(() -> security.jwtDecoder(key, properties).decode(token))
                .isInstanceOf(JwtException.class).hasMessageContaining("subject");
    }

    @Test
    void blankOrMissingSubjectOrALoneSurrogateIsNoUserId() {
        assertThat(SubjectValidator.problem(null)).isEqualTo("the token has no subject");
        assertThat(SubjectValidator.problem(" \t")).isEqualTo("the token has no subject");
        assertThat(SubjectValidator.problem("alice")).isNull();
        // A lone surrogate cannot travel in a token signed here (UTF-8 has no form for it), but a decoder may produce one.
        assertThat(SubjectValidator.problem("a\uD800b")).contains("U+D800");
        assertThat(SubjectValidator.problem("😀")).isNull();
    }

    @Test
    void tokenWhoseSubjectIsLongerThanTheUserIdColumnsIsRejected() {
        TandemProperties properties = properties(null);
        SecretKey key = SigningKeys.resolve(properties);
        TokenIssuer issuer = issuer(key, properties, Clock.systemUTC());
        JwtDecoder decoder = security.jwtDecoder(key, properties);

        assertThat(decoder.decode(issuer.issue(UserId.of("u".repeat(128)), List.of(Role.TRADER))).getSubject()).hasSize(128);
        String tooLong = issuer.issue(UserId.of("u".repeat(129)), List.of(Role.TRADER));
        assertThatThrownBy(() -> decoder.decode(tooLong)).isInstanceOf(JwtException.class).hasMessageContaining("longer than 128");
    }

    @Test
    void identityProviderSubjectsAndTheLongestDevTokenUserIdAreAccepted() {
        TandemProperties properties = properties(null);
        SecretKey key = SigningKeys.resolve(properties);
        TokenIssuer issuer = issuer(key, properties, Clock.systemUTC());
        JwtDecoder decoder = security.jwtDecoder(key, properties);
        String longestDevUser = "a" + "b".repeat(63);
        assertThat(longestDevUser).matches(DevTokenController.USER_ID_PATTERN);

        for (String subject : List.of("auth0|5f7c8ec7c33c6c004bbafe82", "zoë@example.com", "用户-42", "a|b c", longestDevUser)) {
            assertThat(decoder.decode(issuer.issue(UserId.of(subject), List.of(Role.TRADER))).getSubject()).isEqualTo(subject);
        }
    }
}
