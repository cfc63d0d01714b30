package io.tandem.infra.api;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.ledger.FindLedgerQuery;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import java.util.concurrent.CompletableFuture;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ApiErrorMappingTest extends ApiSliceTest {

    private static final String VALID_ORDER = """
            {"clientOrderId":"c1","accountId":"acc-1","symbol":"ACME","side":"BUY","type":"LIMIT",
             "price":"10.00","quantity":"5"}""";

    private ResultActions placeOrder(String body) throws Exception {
        return mvc.perform(post("/api/v1/orders").header(AUTHORIZATION, trader("alice"))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions adjust(String accountId) throws Exception {
        return mvc.perform(post("/api/v1/admin/accounts/{id}/adjustments", accountId).header(AUTHORIZATION, admin())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"adjustmentId\":\"adj-1\",\"amount\":\"100.00\",\"reason\":\"deposit\"}"));
    }

    private static void problem(ResultActions result, int status, String code) throws Exception {
        result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.code").value(code));
    }

    @Test
    void malformedJsonIsMalformedRequest() throws Exception {
        problem(placeOrder("{\"clientOrderId\": "), 400, "MALFORMED_REQUEST");
    }

    @Test
    void unknownEnumValueIsMalformedRequestNamingTheField() throws Exception {
        problem(placeOrder(VALID_ORDER.replace("\"BUY\"", "\"SIDEWAYS\"")), 400, "MALFORMED_REQUEST");
        placeOrder(VALID_ORDER.replace("\"BUY\"", "\"SIDEWAYS\"")).andExpect(jsonPath("$.detail", containsString("side")));
    }

    @Test
    void missingRequiredFieldIsMalformedRequestNamingTheField() throws Exception {
        ResultActions result = placeOrder(VALID_ORDER.replace("\"quantity\":\"5\"", "\"note\":\"x\""));
        problem(result, 400, "MALFORMED_REQUEST");
        result.andExpect(jsonPath("$.detail", containsString("quantity")));
    }

    @Test
    void objectWhereAStringBelongsIsMalformedRequest() throws Exception {
        problem(placeOrder(VALID_ORDER.replace("\"5\"", "{\"lots\":5}")), 400, "MALFORMED_REQUEST");
    }

    @Test
    void exponentNotationIsMalformedRequest() throws Exception {
        ResultActions result = placeOrder(VALID_ORDER.replace("\"10.00\"", "\"1e-999999999\""));
        problem(result, 400, "MALFORMED_REQUEST");
        result.andExpect(jsonPath("$.detail", containsString("price")));
    }

    @Test
    void limitOrderWithoutPriceIsMalformedRequest() throws Exception {
        problem(placeOrder(VALID_ORDER.replace("\"price\":\"10.00\",", "")), 400, "MALFORMED_REQUEST");
    }

    @Test
    void marketOrderWithPriceIsMalformedRequest() throws Exception {
        problem(placeOrder(VALID_ORDER.replace("LIMIT", "MARKET")), 400, "MALFORMED_REQUEST");
    }

    @Test
    void missingBodyIsMalformedRequest() throws Exception {
        problem(mvc.perform(post("/api/v1/orders").header(AUTHORIZATION, trader("alice"))
                .contentType(MediaType.APPLICATION_JSON)), 400, "MALFORMED_REQUEST");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "MALFORMED_REQUEST, 400",
            "NOT_ACCOUNT_OWNER, 403",
            "ACCOUNT_NOT_FOUND, 404",
            "ORDER_NOT_FOUND, 404",
            "ORDER_NOT_OPEN, 409",
            "CONCURRENT_MODIFICATION, 409",
            "INVALID_TICK, 422",
            "UNKNOWN_INSTRUMENT, 422",
            "INSUFFICIENT_FUNDS, 422",
            "ORDER_NOTIONAL_LIMIT, 422",
            "INVALID_SIGNATURE, 401",
            "PAYMENT_NOT_FOUND, 404",
            "UNKNOWN_PAYMENT_PROVIDER, 404",
            "PAYMENT_CONFLICT, 409",
            "AMOUNT_BELOW_MINIMUM, 422",
            "AMOUNT_ABOVE_MAXIMUM, 422",
            "DAILY_WITHDRAWAL_LIMIT, 422",
            "PAYLOAD_TOO_LARGE, 413",
            "QUERY_TOO_COMPLEX, 413"
    })
    void refusalIsReportedWithItsCodeAndTheStatusOfItsCategory(ErrorCode code, int status) throws Exception {
        when(orderEntry.place(any())).thenThrow(new TandemException(code, "refused: " + code));
        ResultActions result = placeOrder(VALID_ORDER);
        problem(result, status, code.name());
        result.andExpect(jsonPath("$.detail").value("refused: " + code));
    }

    @Test
    void commandExecutionExceptionDetailsCarryTheCode() throws Exception {
        when(commandGateway.sendAndWait(any())).thenThrow(
                new CommandExecutionException("remote refusal", null, ErrorCode.ADJUSTMENT_CONFLICT));
        problem(adjust("acc-1"), 409, "ADJUSTMENT_CONFLICT");
    }

    @Test
    void commandExecutionExceptionWithoutDetailsIsJudgedByItsCause() throws Exception {
        when(commandGateway.sendAndWait(any())).thenThrow(new CommandExecutionException("wrapped",
                new TandemException(ErrorCode.INSUFFICIENT_FUNDS, "not enough cash")));
        problem(adjust("acc-1"), 422, "INSUFFICIENT_FUNDS");
    }

    @Test
    void missingAccountAggregateIsAccountNotFound() throws Exception {
        when(commandGateway.sendAndWait(any())).thenThrow(new AggregateNotFoundException("nope", "no such aggregate"));
        problem(adjust("nope"), 404, "ACCOUNT_NOT_FOUND");
    }

    @Test
    void missingOrderAggregateIsOrderNotFound() throws Exception {
        when(orderEntry.cancel(any(), any(), any())).thenThrow(new AggregateNotFoundException("o-1", "no such aggregate"));
        problem(mvc.perform(delete("/api/v1/orders/o-1").header(AUTHORIZATION, trader("alice"))), 404, "ORDER_NOT_FOUND");
    }

    @Test
    void anIdentifierOfAnotherKindOfAggregateIsNotFoundAsAnUnknownOne() throws Exception {
        when(commandGateway.sendAndWait(any())).thenThrow(new IncompatibleAggregateException(
                "Aggregate identifier must be non-null after applying an event."));
        problem(adjust("copy-9de499ba-7611-3f8f-951d-0597bb6abb0a"), 404, "ACCOUNT_NOT_FOUND");
    }

    @Test
    void concurrentModificationIsConflict() throws Exception {
        when(commandGateway.sendAndWait(any())).thenThrow(new ConcurrencyException("version clash"));
        problem(adjust("acc-1"), 409, "CONCURRENT_MODIFICATION");
    }

    @Test
    void duplicateAggregateCreationIsAccountAlreadyExists() throws Exception {
        when(commandGateway.sendAndWait(any())).thenThrow(new AggregateStreamCreationException("duplicate key"));
        problem(mvc.perform(post("/api/v1/accounts").header(AUTHORIZATION, trader("alice"))), 409, "ACCOUNT_ALREADY_EXISTS");
    }

    @Test
    void refusalInsideAFailedQueryFutureIsUnwrapped() throws Exception {
        when(queryGateway.query(eq(new FindLedgerQuery()), any(org.axonframework.messaging.responsetypes.ResponseType.class)))
                .thenReturn(CompletableFuture.failedFuture(new TandemException(ErrorCode.FORBIDDEN, "no")));
        problem(mvc.perform(get("/api/v1/admin/ledger").header(AUTHORIZATION, admin())), 403, "FORBIDDEN");
    }

    @Test
    void unknownRouteIsNotFound() throws Exception {
        problem(mvc.perform(get("/api/v1/nothing-here").header(AUTHORIZATION, trader("alice"))), 404, "NOT_FOUND");
    }

    @Test
    void wrongMethodIsMethodNotAllowed() throws Exception {
        problem(mvc.perform(put("/api/v1/orders").header(AUTHORIZATION, trader("alice"))
                .contentType(MediaType.APPLICATION_JSON).content(VALID_ORDER)), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void unexpectedFailureIsInternalErrorWithoutInternals() throws Exception {
        when(orderEntry.place(any())).thenThrow(new IllegalStateException("jdbc:h2 password=hunter2"));
        ResultActions result = placeOrder(VALID_ORDER);
        problem(result, 500, "INTERNAL_ERROR");
        result.andExpect(jsonPath("$.detail", not(containsString("hunter2"))));
    }
}
