package io.tandem.infra.api;

import io.tandem.command.follow.FollowEntry;
import io.tandem.command.follow.FollowEntry.RelationResult;
import io.tandem.command.orderentry.OrderEntry;
import io.tandem.command.profile.ProfileEntry;
import io.tandem.command.profile.ProfileEntry.ProfileRequest;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.follow.Relation;
import io.tandem.contracts.profile.TraderProfileView;
import io.tandem.infra.config.PlatformConfiguration;
import io.tandem.infra.security.OrderEntryRateLimitConfiguration;
import io.tandem.infra.security.Role;
import io.tandem.infra.security.SecurityConfiguration;
import io.tandem.infra.security.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.List;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Profiles and follow/mute/block at the REST edge, with real security and the entry services
 * mocked: what the caller sends reaches entry as the caller's request, answers have their documented
 * shape, and every refusal is a problem detail with its code and status.
 */
@WebMvcTest(controllers = TraderRequestController.class)
@Import({SecurityConfiguration.class, OrderEntryRateLimitConfiguration.class, PlatformConfiguration.class})
@TestPropertySource(properties = "tandem.security.jwt-secret=slice-test-secret-of-at-least-32-bytes!")
class TraderApiTest {

    private static final String PROFILE = """
            {"handle":"Alice","displayName":"Alice A.","bio":"Swing trader","shareTrades":false,"publicAccountId":"acc-1"}""";

    @Autowired
    private MockMvc mvc;
    @Autowired
    private TokenIssuer tokens;
    @MockitoBean
    private ProfileEntry profileEntry;
    @MockitoBean
    private FollowEntry followEntry;
    @MockitoBean
    private OrderEntry orderEntry;

    private String alice() {
        return "Bearer " + tokens.issue(UserId.of("alice"), List.of(Role.TRADER));
    }

    private ResultActions putProfile(String body) throws Exception {
        return mvc.perform(put("/api/v1/traders/me").header(AUTHORIZATION, alice())
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions relation(String method, String path) throws Exception {
        MockHttpServletRequestBuilder call = request(HttpMethod.valueOf(method), path).header(AUTHORIZATION, alice());
        return mvc.perform(call);
    }

    @Test
    void aProfileIsSetForTheCallerAndAnsweredAsSet() throws Exception {
        when(profileEntry.setProfile(any(), any(), any())).thenReturn(new TraderProfileView("alice", "Alice", "Alice A.",
                "Swing trader", false, "acc-1", 0, 0, 0, false, false, false));

        putProfile(PROFILE)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.handle").value("Alice"))
                .andExpect(jsonPath("$.displayName").value("Alice A."))
                .andExpect(jsonPath("$.bio").value("Swing trader"))
                .andExpect(jsonPath("$.shareTrades").value(false))
                .andExpect(jsonPath("$.publicAccountId").value("acc-1"));

        verify(profileEntry).setProfile(eq(UserId.of("alice")),
                eq(new ProfileRequest("Alice", "Alice A.", "Swing trader", false, AccountId.of("acc-1"))), any());
    }

    @Test
    void omittedOptionalFieldsReachEntryAsNotGiven() throws Exception {
        when(profileEntry.setProfile(any(), any(), any())).thenReturn(new TraderProfileView("alice", "Alice", "Alice",
                "", true, null, 0, 0, 0, false, false, false));

        putProfile("{\"handle\":\"Alice\",\"displayName\":\"Alice\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.shareTrades").value(true));

        verify(profileEntry).setProfile(eq(UserId.of("alice")), eq(new ProfileRequest("Alice", "Alice", null, null, null)), any());
    }

    @Test
    void copySettingsReachEntryAsGiven() throws Exception {
        when(profileEntry.setProfile(any(), any(), any())).thenReturn(new TraderProfileView("alice", "Alice", "Alice",
                "", true, "acc-1", 0, 0, 0, false, false, false));

        putProfile("{\"handle\":\"Alice\",\"displayName\":\"Alice\",\"publicAccountId\":\"acc-1\",\"acceptsCopiers\":false,\"maxCopiers\":25}")
                .andExpect(status().isOk());

        verify(profileEntry).setProfile(eq(UserId.of("alice")),
                eq(new ProfileRequest("Alice", "Alice", null, null, AccountId.of("acc-1"), false, 25)), any());
    }

    @Test
    void aCopierLimitOutOfRangeIsMalformedAndReachesNoEntry() throws Exception {
        putProfile("{\"handle\":\"Alice\",\"displayName\":\"Alice\",\"maxCopiers\":0}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        putProfile("{\"handle\":\"Alice\",\"displayName\":\"Alice\",\"maxCopiers\":1000001}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        putProfile("{\"handle\":\"Alice\",\"displayName\":\"Alice\",\"acceptsCopiers\":\"maybe\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        verifyNoInteractions(profileEntry);
    }

    @Test
    void aMissingHandleOrUnreadableBodyIsMalformedAndReachesNoEntry() throws Exception {
        putProfile("{\"displayName\":\"Alice\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        putProfile("{\"handle\":\"Alice\",\"displayName\":\"Alice\",\"shareTrades\":\"sometimes\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        putProfile("{\"handle\":\"Alice\",\"displayName\":\"Alice\",\"publicAccountId\":\"\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        putProfile("[]")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        verifyNoInteractions(profileEntry);
    }

    @ParameterizedTest
    @CsvSource({"INVALID_TEXT,422", "HANDLE_TAKEN,409", "NOT_ACCOUNT_OWNER,403"})
    void profileRefusalsAreProblemDetailsWithTheirCode(ErrorCode code, int status) throws Exception {
        when(profileEntry.setProfile(any(), any(), any())).thenThrow(new TandemException(code, "refused: " + code));

        putProfile(PROFILE)
                .andExpect(status().is(status))
                .andExpect(jsonPath("$.code").value(code.name()))
                .andExpect(jsonPath("$.detail").value("refused: " + code));
    }

    @ParameterizedTest
    @CsvSource({"POST,follow,FOLLOW,true", "DELETE,follow,FOLLOW,false", "POST,mute,MUTE,true", "DELETE,mute,MUTE,false",
            "POST,block,BLOCK,true", "DELETE,block,BLOCK,false"})
    void eachRelationEndpointSetsOrClearsItsRelation(String method, String path, Relation relation, boolean active) throws Exception {
        when(followEntry.set(any(), any(), any(), any(Boolean.class), any()))
                .thenReturn(new RelationResult("Bob", relation == Relation.FOLLOW && active, relation == Relation.MUTE && active,
                        relation == Relation.BLOCK && active));

        relation(method, "/api/v1/traders/bob/" + path)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.handle").value("Bob"))
                .andExpect(jsonPath("$.following").value(relation == Relation.FOLLOW && active))
                .andExpect(jsonPath("$.muting").value(relation == Relation.MUTE && active))
                .andExpect(jsonPath("$.blocking").value(relation == Relation.BLOCK && active));

        verify(followEntry).set(eq(UserId.of("alice")), eq("bob"), eq(relation), eq(active), any());
    }

    @ParameterizedTest
    @CsvSource({"PROFILE_REQUIRED,422", "TRADER_NOT_FOUND,404", "CANNOT_FOLLOW_SELF,422", "BLOCKED,403"})
    void relationRefusalsAreProblemDetailsWithTheirCode(ErrorCode code, int status) throws Exception {
        when(followEntry.set(any(), any(), any(), any(Boolean.class), any())).thenThrow(new TandemException(code, "refused: " + code));

        relation("POST", "/api/v1/traders/bob/follow")
                .andExpect(status().is(status))
                .andExpect(jsonPath("$.code").value(code.name()));
    }

    @Test
    void everyEndpointNeedsAToken() throws Exception {
        mvc.perform(put("/api/v1/traders/me").contentType(MediaType.APPLICATION_JSON).content(PROFILE))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        mvc.perform(request(HttpMethod.POST, "/api/v1/traders/bob/block"))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        verifyNoInteractions(profileEntry, followEntry);
    }

    @Test
    void anOtherMethodOnARelationIsNotAllowed() throws Exception {
        relation("PUT", "/api/v1/traders/bob/follow")
                .andExpect(status().isMethodNotAllowed());
        verifyNoInteractions(followEntry);
    }
}
