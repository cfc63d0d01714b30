package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.GuardHttp.Answer;
import io.tandem.GuardHttp.Call;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The requests {@link FuzzEndToEndTest} found answered with a 500, each pinned down on its own: a
 * client's malformed request is a 4xx with a code, whichever part of the stack notices first.
 */
class HostileRequestsEndToEndTest extends RunningApplication {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GuardHttp http;
    private String trader;

    @BeforeEach
    void trader() {
        http = new GuardHttp(port);
        trader = new TandemClient(port).token("hostile-trader", "TRADER");
    }

    @Test
    void aGraphQlBodyThatIsJsonNullIsMalformed() {
        Answer answer = http.send(Call.json("POST", "/graphql", "null"), trader);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(code(answer)).isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void aMultipartBodyIsAnUnsupportedMediaTypeNotParsed() {
        Answer answer = http.send(new Call("POST", "/api/v1/orders", Map.of(),
                "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n".getBytes(StandardCharsets.UTF_8),
                "multipart/form-data; boundary=xyz"), trader);

        assertThat(answer.status()).as(answer.body()).isEqualTo(415);
    }

    @Test
    void aFormBodyWithAControlCharacterInAParameterNameIsMalformed() {
        Answer answer = http.send(new Call("POST", "/api/v1/orders", Map.of(),
                "%01name=1".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded"), trader);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(code(answer)).isEqualTo("MALFORMED_REQUEST");
    }

    /** Found by the fuzz test: a PUT with a badly escaped form body was decoded (and failed, 500) before its JSON endpoint refused it. */
    @Test
    void aPutWithABadlyEscapedFormBodyIsAnUnsupportedMediaType() {
        Answer answer = http.send(new Call("PUT", "/api/v1/traders/me", Map.of(),
                "s%".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded"), trader);

        assertThat(answer.status()).as(answer.body()).isEqualTo(415);
    }

    @Test
    void theErrorPathAskedForDirectlyIsNotFound() {
        Answer answer = http.send(Call.of("GET", "/error"), null);

        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
        assertThat(code(answer)).isEqualTo("NOT_FOUND");
    }

    @Test
    void errorsForwardedToTheErrorPathKeepTheirStatus() {
        // Tomcat refuses an invalid request target itself and forwards to /error with its 400.
        Answer answer = http.send(Call.of("GET", "/api/v1/orders/%C0%AF%00"), trader);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    }

    private static String code(Answer answer) {
        try {
            JsonNode body = JSON.readTree(answer.body());
            return body.path("code").asText();
        } catch (Exception e) {
            return "<not JSON: " + answer.body() + ">";
        }
    }
}
