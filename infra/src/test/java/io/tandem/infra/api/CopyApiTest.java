package io.tandem.infra.api;

import io.tandem.command.copy.CopyEntry;
import io.tandem.command.copy.CopyEntry.CopyState;
import io.tandem.command.copy.CopyEntry.StartCopy;
import io.tandem.command.orderentry.OrderEntry;
import io.tandem.command.orderentry.OrderEntry.Caller;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.CopyIds;
import io.tandem.contracts.copy.CopyStatus;
import io.tandem.contracts.copy.SizingMode;
import io.tandem.contracts.orderbook.Fill;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.OrderResult;
import io.tandem.contracts.orderbook.OrderStatus;
import io.tandem.infra.config.PlatformConfiguration;
import io.tandem.infra.security.OrderEntryRateLimitConfiguration;
import io.tandem.infra.security.Role;
import io.tandem.infra.security.SecurityConfiguration;
import io.tandem.infra.security.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Copies at the REST edge with real security and copy entry mocked: what the caller sends reaches
 * copy entry as the caller's request, answers have their documented shape and status, malformed
 * bodies never reach entry, and every refusal is a problem detail with its code and status.
 */
@WebMvcTest(controllers = CopyRequestController.class)
@Import({SecurityConfiguration.class, OrderEntryRateLimitConfiguration.class, PlatformConfiguration.class})
@TestPropertySource(properties = "tandem.security.jwt-secret=slice-test-secret-of-at-least-32-bytes!")
class CopyApiTest {

    private static final CopyId COPY = CopyIds.copy(UserId.of("alice"), "c-1");
    private static final String ID = COPY.value();
    private static final AccountId COPY_ACCOUNT = AccountId.of("copyacct-1");
    private static final Caller ALICE = new Caller(UserId.of("alice"), false);
    private static final CopyState ACTIVE = new CopyState(COPY, COPY_ACCOUNT, CopyStatus.ACTIVE, Cash.parse("1000.00"));
    private static final Symbol ACME = Symbol.of("ACME");
    private static final InstrumentSpec SPEC = new InstrumentSpec(ACME, "Acme Corp", new BigDecimal("0.01"),
            new BigDecimal("0.0001"), new BigDecimal("0.001"), new BigDecimal("0.002"), Quantity.ofLots(10_000_000_000L),
            Cash.parse("1000000.00"), new BigDecimal("0.10"));
    private static final String START = """
            {"clientCopyId":"c-1","fromAccountId":"acc-1","leader":"Star","amount":"1000.00","stopLossPercent":"10",
             "sizing":"FIXED_AMOUNT","amountPerTrade":"50.00","copyOpenPositions":true}""";

    @Autowired
    private MockMvc mvc;
    @Autowired
    private TokenIssuer tokens;
    @MockitoBean
    private CopyEntry copyEntry;
    @MockitoBean
    private OrderEntry orderEntry;

    private String bearer(String user, Role role) {
        return "Bearer " + tokens.issue(UserId.of(user), List.of(role));
    }

    private ResultActions send(MockHttpServletRequestBuilder request, String body) throws Exception {
        return send(request, body, bearer("alice", Role.TRADER));
    }

    private ResultActions send(MockHttpServletRequestBuilder request, String body, String token) throws Exception {
        if (token != null) {
            request.header(AUTHORIZATION, token);
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request);
    }

    @Test
    void aStartReachesCopyEntryAsTheCallersRequestAndAnswersTheCopyCreated() throws Exception {
        when(copyEntry.start(any())).thenReturn(ACTIVE);

        send(post("/api/v1/copies"), START)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.copyId").value(ID))
                .andExpect(jsonPath("$.copyAccountId").value("copyacct-1"))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.invested").value("1000.00"));

        ArgumentCaptor<StartCopy> start = ArgumentCaptor.forClass(StartCopy.class);
        verify(copyEntry).start(start.capture());
        assertThat(start.getValue()).usingRecursiveComparison().ignoringFields("now").isEqualTo(new StartCopy(ALICE, "c-1",
                AccountId.of("acc-1"), "Star", "1000.00", "10", SizingMode.FIXED_AMOUNT, "50.00", true, null));
        assertThat(start.getValue().now()).isNotNull();
    }

    @Test
    void aStartWithoutSizingIsProportionalAndDoesNotCopyOpenPositions() throws Exception {
        when(copyEntry.start(any())).thenReturn(ACTIVE);

        send(post("/api/v1/copies"), """
                {"clientCopyId":"c-2","fromAccountId":"acc-1","leader":"star","amount":"100.00","stopLossPercent":"50"}""")
                .andExpect(status().isCreated());

        ArgumentCaptor<StartCopy> start = ArgumentCaptor.forClass(StartCopy.class);
        verify(copyEntry).start(start.capture());
        assertThat(start.getValue().sizing()).isEqualTo(SizingMode.PROPORTIONAL);
        assertThat(start.getValue().amountPerTrade()).isNull();
        assertThat(start.getValue().copyOpenPositions()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"fromAccountId\":\"acc-1\",\"leader\":\"star\",\"amount\":\"100.00\",\"stopLossPercent\":\"50\"}",
            "{\"clientCopyId\":\"has space\",\"fromAccountId\":\"acc-1\",\"leader\":\"star\",\"amount\":\"100.00\",\"stopLossPercent\":\"50\"}",
            "{\"clientCopyId\":\"c\",\"leader\":\"star\",\"amount\":\"100.00\",\"stopLossPercent\":\"50\"}",
            "{\"clientCopyId\":\"c\",\"fromAccountId\":\"acc-1\",\"amount\":\"100.00\",\"stopLossPercent\":\"50\"}",
            "{\"clientCopyId\":\"c\",\"fromAccountId\":\"acc-1\",\"leader\":\"star\",\"amount\":\"1e3\",\"stopLossPercent\":\"50\"}",
            "{\"clientCopyId\":\"c\",\"fromAccountId\":\"acc-1\",\"leader\":\"star\",\"amount\":\"100.00\"}",
            "{\"clientCopyId\":\"c\",\"fromAccountId\":\"acc-1\",\"leader\":\"star\",\"amount\":\"100.00\",\"stopLossPercent\":\"50\",\"sizing\":\"ALL_IN\"}",
            "{\"clientCopyId\":\"c\",\"fromAccountId\":\"acc-1\",\"leader\":\"star\",\"amount\":\"100.00\",\"stopLossPercent\":\"50\",\"amountPerTrade\":\"lots\"}",
            "[]"})
    void aMalformedStartIsABadRequestThatReachesNoEntry(String body) throws Exception {
        send(post("/api/v1/copies"), body)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        verifyNoInteractions(copyEntry);
    }

    @ParameterizedTest
    @CsvSource({"CANNOT_COPY_SELF,422", "TRADER_NOT_FOUND,404", "LEADER_NOT_COPYABLE,422", "COPY_SLOTS_FULL,409",
            "TOO_MANY_COPIES,409", "AMOUNT_BELOW_MINIMUM,422", "AMOUNT_ABOVE_MAXIMUM,422", "INVALID_STOP_LOSS,422",
            "COPY_CONFLICT,409", "INSUFFICIENT_FUNDS,422", "NOT_ACCOUNT_OWNER,403", "ACCOUNT_NOT_FOUND,404"})
    void startRefusalsAreProblemDetailsWithTheirCode(ErrorCode code, int status) throws Exception {
        when(copyEntry.start(any())).thenThrow(new TandemException(code, "refused: " + code));

        send(post("/api/v1/copies"), START)
                .andExpect(status().is(status))
                .andExpect(jsonPath("$.code").value(code.name()))
                .andExpect(jsonPath("$.detail").value("refused: " + code));
    }

    @Test
    void pauseAndResumeAnswerTheCopyAsItIsAfterwards() throws Exception {
        when(copyEntry.pause(eq(ALICE), eq(COPY), any()))
                .thenReturn(new CopyState(COPY, COPY_ACCOUNT, CopyStatus.PAUSED, Cash.parse("1000.00")));
        when(copyEntry.resume(eq(ALICE), eq(COPY), any())).thenReturn(ACTIVE);

        send(post("/api/v1/copies/" + ID + "/pause"), null)
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("PAUSED"));
        send(post("/api/v1/copies/" + ID + "/resume"), null)
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ACTIVE"));
    }

    @Test
    void fundsChangesPassTheAmountAsGivenAndAnswerTheNetInvested() throws Exception {
        when(copyEntry.addFunds(eq(ALICE), eq(COPY), eq("250.50"), isNull(), any()))
                .thenReturn(new CopyState(COPY, COPY_ACCOUNT, CopyStatus.ACTIVE, Cash.parse("1250.50")));
        when(copyEntry.removeFunds(eq(ALICE), eq(COPY), eq("50"), isNull(), any()))
                .thenReturn(new CopyState(COPY, COPY_ACCOUNT, CopyStatus.ACTIVE, Cash.parse("1200.50")));

        send(post("/api/v1/copies/" + ID + "/add-funds"), "{\"amount\":\"250.50\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.invested").value("1250.50"));
        send(post("/api/v1/copies/" + ID + "/remove-funds"), "{\"amount\":\"50\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.invested").value("1200.50"));
    }

    @Test
    void aFundsChangePassesItsClientRequestIdSoThatARetryMovesNothingTwice() throws Exception {
        when(copyEntry.addFunds(eq(ALICE), eq(COPY), eq("10.00"), eq("req-1:a.b_c"), any()))
                .thenReturn(new CopyState(COPY, COPY_ACCOUNT, CopyStatus.ACTIVE, Cash.parse("1010.00")));
        when(copyEntry.removeFunds(eq(ALICE), eq(COPY), eq("5.00"), eq("req-2"), any()))
                .thenReturn(new CopyState(COPY, COPY_ACCOUNT, CopyStatus.STOPPING, Cash.parse("1005.00")));

        send(post("/api/v1/copies/" + ID + "/add-funds"), "{\"amount\":\"10.00\",\"clientRequestId\":\"req-1:a.b_c\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.invested").value("1010.00"));
        send(post("/api/v1/copies/" + ID + "/remove-funds"), "{\"amount\":\"5.00\",\"clientRequestId\":\"req-2\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("STOPPING"));
    }

    @Test
    void aClientRequestIdOutsideItsAlphabetOrLengthReachesNoEntry() throws Exception {
        send(post("/api/v1/copies/" + ID + "/add-funds"), "{\"amount\":\"1.00\",\"clientRequestId\":\"\"}")
                .andExpect(status().isBadRequest());
        send(post("/api/v1/copies/" + ID + "/add-funds"), "{\"amount\":\"1.00\",\"clientRequestId\":\"a b\"}")
                .andExpect(status().isBadRequest());
        send(post("/api/v1/copies/" + ID + "/remove-funds"), "{\"amount\":\"1.00\",\"clientRequestId\":\"" + "x".repeat(65) + "\"}")
                .andExpect(status().isBadRequest());
        send(post("/api/v1/copies/" + ID + "/add-funds"), "{\"amount\":\"1.00\",\"clientRequestId\":7}")
                .andExpect(status().isBadRequest());
        verifyNoInteractions(copyEntry);
    }

    @Test
    void aFundsChangeWithoutAPlainAmountReachesNoEntry() throws Exception {
        send(post("/api/v1/copies/" + ID + "/add-funds"), "{}").andExpect(status().isBadRequest());
        send(post("/api/v1/copies/" + ID + "/remove-funds"), "{\"amount\":\"-1e9\"}").andExpect(status().isBadRequest());
        send(post("/api/v1/copies/" + ID + "/add-funds"), null).andExpect(status().isBadRequest());
        verifyNoInteractions(copyEntry);
    }

    @Test
    void aRepeatedAmountKeyTakesItsLastValueAsInEveryOtherBody() throws Exception {
        when(copyEntry.addFunds(eq(ALICE), eq(COPY), eq("2.00"), isNull(), any()))
                .thenReturn(new CopyState(COPY, COPY_ACCOUNT, CopyStatus.ACTIVE, Cash.parse("1002.00")));

        send(post("/api/v1/copies/" + ID + "/add-funds"), "{\"amount\":\"1.00\",\"amount\":\"2.00\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.invested").value("1002.00"));
        send(post("/api/v1/copies/" + ID + "/add-funds"), "{\"amount\":[\"1.00\"]}").andExpect(status().isBadRequest());
        send(post("/api/v1/copies/" + ID + "/add-funds"), "[]").andExpect(status().isBadRequest());
    }

    @ParameterizedTest
    @ValueSource(strings = {"platform-fees", "copy-1", "copyacct-4f1c1c43-5c55-3d0f-8d6e-1f1a8e6e1b9c"})
    void anIdThatNoCopyCanHaveIsAnUnknownCopyAndReachesNoEntry(String copyId) throws Exception {
        send(post("/api/v1/copies/" + copyId + "/resume"), null)
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("COPY_NOT_FOUND"));
        send(delete("/api/v1/copies/" + copyId), null)
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("COPY_NOT_FOUND"));
        verifyNoInteractions(copyEntry);
    }

    @Test
    void stoppingIsAcceptedAndAnswersTheStoppingCopy() throws Exception {
        when(copyEntry.stop(eq(ALICE), eq(COPY), any()))
                .thenReturn(new CopyState(COPY, COPY_ACCOUNT, CopyStatus.STOPPING, Cash.parse("1000.00")));

        send(delete("/api/v1/copies/" + ID), null)
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.copyId").value(ID))
                .andExpect(jsonPath("$.status").value("STOPPING"));
    }

    @Test
    void closingAPositionAnswersTheSellOrderInTheInstrumentsScale() throws Exception {
        when(orderEntry.instrument(ACME)).thenReturn(Optional.of(SPEC));
        when(copyEntry.closePosition(eq(ALICE), eq(COPY), eq(ACME), any())).thenReturn(new OrderResult(
                OrderId.of("copyacct-1:close-ACME-1"), COPY_ACCOUNT, ACME, Side.SELL, OrderStatus.FILLED,
                Quantity.ofLots(12_500), Quantity.ofLots(12_500), null,
                List.of(new Fill(TradeId.of("ACME-7"), Price.ofTicks(1_000), Quantity.ofLots(12_500)))));

        send(post("/api/v1/copies/" + ID + "/positions/ACME/close"), null)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.orderId").value("copyacct-1:close-ACME-1"))
                .andExpect(jsonPath("$.accountId").value("copyacct-1"))
                .andExpect(jsonPath("$.side").value("SELL"))
                .andExpect(jsonPath("$.status").value("FILLED"))
                .andExpect(jsonPath("$.quantity").value("1.25"))
                .andExpect(jsonPath("$.trades[0].price").value("10.00"))
                .andExpect(jsonPath("$.trades[0].quantity").value("1.25"));
    }

    @ParameterizedTest
    @CsvSource({"COPY_NOT_FOUND,404", "COPY_NOT_ACTIVE,409", "NO_COPIED_POSITION,422", "INSUFFICIENT_FUNDS,422"})
    void managementRefusalsAreProblemDetailsWithTheirCode(ErrorCode code, int status) throws Exception {
        when(copyEntry.pause(any(), any(), any())).thenThrow(new TandemException(code, "refused: " + code));
        when(copyEntry.closePosition(any(), any(), any(), any())).thenThrow(new TandemException(code, "refused: " + code));

        send(post("/api/v1/copies/" + ID + "/pause"), null)
                .andExpect(status().is(status)).andExpect(jsonPath("$.code").value(code.name()));
        send(post("/api/v1/copies/" + ID + "/positions/ACME/close"), null)
                .andExpect(status().is(status)).andExpect(jsonPath("$.code").value(code.name()));
    }

    @Test
    void anAdminManagesCopiesAsAdminButStartsNone() throws Exception {
        when(copyEntry.stop(any(), any(), any()))
                .thenReturn(new CopyState(COPY, COPY_ACCOUNT, CopyStatus.STOPPING, Cash.parse("1000.00")));
        String admin = bearer("root", Role.ADMIN);

        send(delete("/api/v1/copies/" + ID), null, admin).andExpect(status().isAccepted());
        verify(copyEntry).stop(eq(new Caller(UserId.of("root"), true)), eq(COPY), any());

        send(post("/api/v1/copies"), START, admin)
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("FORBIDDEN"));
    }

    @Test
    void everyEndpointNeedsAToken() throws Exception {
        send(post("/api/v1/copies"), START, null)
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        send(post("/api/v1/copies/" + ID + "/pause"), null, null).andExpect(status().isUnauthorized());
        send(delete("/api/v1/copies/" + ID), null, null).andExpect(status().isUnauthorized());
        verifyNoInteractions(copyEntry);
    }
}
