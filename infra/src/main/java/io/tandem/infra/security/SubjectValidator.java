package io.tandem.infra.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Refuses a token whose {@code sub} claim cannot serve as a user id: blank, longer than
 * {@value #MAX_LENGTH} characters, or holding an ISO control character, a format character or a lone
 * surrogate. The subject is the user id everywhere: read-model keys join their parts with U+0001,
 * {@code SocialIds} with NUL, and the lookup tables ({@code trader_handles}, {@code trader_blocks})
 * keep it in 128-character columns, so such a subject would corrupt a key or fail every write. The
 * refusal is a failed validation, which the resource server answers with 401 like any bad token.
 * <p>
 * The dev token endpoint issues a strict subset ({@link DevTokenController#USER_ID_PATTERN}: at
 * most 64 characters of {@code [A-Za-z0-9._@-]}); an identity provider's subjects need only pass this.
 */
public final class SubjectValidator implements OAuth2TokenValidator<Jwt> {

    /** The width of the user-id columns of the command side's lookup tables. */
    public static final int MAX_LENGTH = 128;

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String problem = problem(token.getSubject());
        return problem == null ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, problem, null));
    }

    /** Why {@code subject} is not a usable user id, or null when it is. */
    static String problem(String subject) {
        if (subject == null || subject.isBlank()) {
            return "the token has no subject";
        }
        if (subject.length() > MAX_LENGTH) {
            return "the token's subject is longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < subject.length(); ) {
            int c = subject.codePointAt(i);
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.SURROGATE) {
                return "the token's subject contains a control or format character (U+" + String.format("%04X", c) + ")";
            }
            i += Character.charCount(c);
        }
        return null;
    }
}
