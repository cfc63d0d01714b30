package io.tandem.infra.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.infra.api.ApiSliceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.startsWith;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class SecurityRulesTest extends ApiSliceTest {

    private static final String LISTING = """
            {"symbol":"ACME","name":"Acme Corp","tickSize":"0.01","lotSize":"0.0001","makerFeeRate":"0.001",
             "takerFeeRate":"0.002","issuerAccountId":"issuer-1","supply":"1000000"}""";

    @Autowired
    private ObjectMapper json;

    private static void problem(ResultActions result, int status, String code) throws Exception {
        result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value(code));
    }

    private ResultActions devToken(String body) throws Exception {
        return mvc.perform(post("/api/v1/dev/tokens").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void requestWithoutTokenIsUnauthenticatedProblem() throws Exception {
        ResultActions result = mvc.perform(post("/api/v1/accounts"));
        problem(result, 401, "UNAUTHENTICATED");
        result.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")));
    }

    @Test
    void tokenSignedWithAnotherKeyIsUnauthenticated() throws Exception {
        String token = trader("alice").substring("Bearer ".length());
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        problem(mvc.perform(post("/api/v1/accounts").header(AUTHORIZATION, "Bearer " + forged)), 401, "UNAUTHENTICATED");
    }

    @Test
    void tokenWhoseSubjectHoldsAControlCharacterIsUnauthenticated() throws Exception {
        problem(mvc.perform(post("/api/v1/accounts").header(AUTHORIZATION, trader("alice\u0001bob"))), 401, "UNAUTHENTICATED");
        problem(mvc.perform(post("/api/v1/accounts").header(AUTHORIZATION, trader("x".repeat(129)))), 401, "UNAUTHENTICATED");
    }

    @Test
    void graphqlNeedsAToken() throws Exception {
        problem(mvc.perform(post("/graphql").contentType(MediaType.APPLICATION_JSON).content("{\"query\":\"{__typename}\"}")),
                401, "UNAUTHENTICATED");
    }

    @Test
    void traderCannotListInstruments() throws Exception {
        problem(mvc.perform(post("/api/v1/instruments").header(AUTHORIZATION, trader("alice"))
                .contentType(MediaType.APPLICATION_JSON).content(LISTING)), 403, "FORBIDDEN");
    }

    @Test
    void traderCannotReadTheLedger() throws Exception {
        problem(mvc.perform(get("/api/v1/admin/ledger").header(AUTHORIZATION, trader("alice"))), 403, "FORBIDDEN");
    }

    @Test
    void adminWithoutTraderRoleCannotPlaceOrders() throws Exception {
        problem(mvc.perform(post("/api/v1/orders").header(AUTHORIZATION, admin()).contentType(MediaType.APPLICATION_JSON)
                .content("{}")), 403, "FORBIDDEN");
    }

    @Test
    void devTokenEndpointIssuesATokenTheApiAccepts() throws Exception {
        String body = devToken("{\"userId\":\"admin\",\"roles\":[\"ADMIN\"]}")
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        String token = json.readTree(body).get("token").asText();

        mvc.perform(post("/api/v1/instruments").header(AUTHORIZATION, "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content(LISTING))
                .andExpect(status().isCreated());
    }

    @Test
    void devTokenRefusesAnUnknownRole() throws Exception {
        problem(devToken("{\"userId\":\"alice\",\"roles\":[\"ROOT\"]}"), 400, "MALFORMED_REQUEST");
    }

    @Test
    void devTokenRefusesAnEmptyRoleList() throws Exception {
        problem(devToken("{\"userId\":\"alice\",\"roles\":[]}"), 400, "MALFORMED_REQUEST");
    }

    @Test
    void devTokenRefusesAUserIdOutsideThePattern() throws Exception {
        problem(devToken("{\"userId\":\"al ice/..\",\"roles\":[\"TRADER\"]}"), 400, "MALFORMED_REQUEST");
    }

    @Test
    void devTokenRefusesThePlatformUser() throws Exception {
        problem(devToken("{\"userId\":\"platform\",\"roles\":[\"TRADER\"]}"), 400, "MALFORMED_REQUEST");
    }

    @Test
    void devTokensAreServedOnlyToRequestsForALoopbackHostName() throws Exception {
        String body = "{\"userId\":\"alice\",\"roles\":[\"ADMIN\"]}";
        // A page whose own name resolves to 127.0.0.1 (DNS rebinding) reaches the port with its name in Host.
        problem(mvc.perform(post("/api/v1/dev/tokens").header("Host", "attacker.example:8080")
                .contentType(MediaType.APPLICATION_JSON).content(body)), 403, "FORBIDDEN");
        for (String host : new String[]{"localhost:8080", "127.0.0.1:8080", "[::1]:8080", "LOCALHOST"}) {
            mvc.perform(post("/api/v1/dev/tokens").header("Host", host).contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isOk());
        }
    }
}
