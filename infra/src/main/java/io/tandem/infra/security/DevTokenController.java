package io.tandem.infra.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.infra.config.TandemProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Hands out signed tokens without a login, so a local run can be driven with curl. It exists only
 * when {@code tandem.security.dev-tokens-enabled=true} (embedded default); a deployment gets its
 * tokens from an identity provider instead.
 */
@RestController
@ConditionalOnProperty(prefix = "tandem.security", name = "dev-tokens-enabled", havingValue = "true")
@Tag(name = "dev tokens", description = "Local development only")
public class DevTokenController {

    static final String PATH = "/api/v1/dev/tokens";
    static final String USER_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._@-]{0,63}";

    private final TokenIssuer issuer;
    private final String reservedUser;

    public DevTokenController(TokenIssuer issuer, TandemProperties properties) {
        this.issuer = issuer;
        this.reservedUser = properties.settlement().feeAccountOwner();
    }

    @PostMapping(PATH)
    @Operation(summary = "Issue a signed token for any user and roles (embedded mode only)")
    public TokenResponse issue(@Valid @RequestBody TokenRequest request) {
        if (request.userId().equalsIgnoreCase(reservedUser)) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "userId '" + request.userId() + "' is reserved");
        }
        return new TokenResponse(issuer.issue(UserId.of(request.userId()), request.roles()));
    }

    public record TokenRequest(@NotBlank @Pattern(regexp = USER_ID_PATTERN) String userId,
                               @NotEmpty List<@NotNull Role> roles) {
    }

    public record TokenResponse(String token) {
    }
}
