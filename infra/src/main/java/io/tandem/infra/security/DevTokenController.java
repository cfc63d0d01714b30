package io.tandem.infra.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.infra.config.TandemProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Hands out signed tokens without a login, so a local run can be driven with curl. It exists only
 * when {@code tandem.security.dev-tokens-enabled=true} (embedded default); a deployment gets its
 * tokens from an identity provider instead.
 * <p>
 * Unless {@code tandem.security.dev-tokens-allow-remote=true}, a request must also name a loopback
 * host ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}) in its {@code Host} header: the server
 * listens on loopback then, but a web page the developer opens could still reach it through DNS
 * rebinding (its own host name resolving to 127.0.0.1), and such a request carries the page's host
 * name. It is refused with 403 FORBIDDEN.
 */
@RestController
@ConditionalOnProperty(prefix = "tandem.security", name = "dev-tokens-enabled", havingValue = "true")
@Tag(name = "dev tokens", description = "Local development only")
public class DevTokenController {

    static final String PATH = "/api/v1/dev/tokens";
    static final String USER_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._@-]{0,63}";

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final TokenIssuer issuer;
    private final String reservedUser;
    private final boolean allowRemote;

    public DevTokenController(TokenIssuer issuer, TandemProperties properties,
                              @Value("${tandem.security.dev-tokens-allow-remote:false}") boolean allowRemote) {
        this.issuer = issuer;
        this.reservedUser = properties.settlement().feeAccountOwner();
        this.allowRemote = allowRemote;
    }

    @PostMapping(PATH)
    @Operation(summary = "Issue a signed token for any user and roles (embedded mode only)")
    public TokenResponse issue(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
        if (!allowRemote && !isLoopbackHost(http.getServerName())) {
            throw new TandemException(ErrorCode.FORBIDDEN, "dev tokens are served only to requests for a loopback host name"
                    + " (localhost, 127.0.0.1, [::1]); set tandem.security.dev-tokens-allow-remote=true to serve others");
        }
        if (request.userId().equalsIgnoreCase(reservedUser)) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "userId '" + request.userId() + "' is reserved");
        }
        return new TokenResponse(issuer.issue(UserId.of(request.userId()), request.roles()));
    }

    /** The host name the request was sent to (the container takes it from the Host header, without port). */
    static boolean isLoopbackHost(String serverName) {
        return serverName != null && LOOPBACK_HOSTS.contains(serverName.trim().toLowerCase(Locale.ROOT));
    }

    public record TokenRequest(@NotBlank @Pattern(regexp = USER_ID_PATTERN) String userId,
                               @NotEmpty List<@NotNull Role> roles) {
    }

    public record TokenResponse(String token) {
    }
}
