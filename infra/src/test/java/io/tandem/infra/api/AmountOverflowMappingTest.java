package io.tandem.infra.api;

import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Exact arithmetic that overflows (for example {@code Math.addExact} on an account's cash after two
 * huge admin adjustments) is the client's amount being too large, reported as 422 AMOUNT_TOO_LARGE
 * like any other refusal, not as a 500.
 */
class AmountOverflowMappingTest extends ApiSliceTest {

    private ResultActions adjust() throws Exception {
        return mvc.perform(post("/api/v1/admin/accounts/{id}/adjustments", "acc-1").header(AUTHORIZATION, admin())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"adjustmentId\":\"adj-2\",\"amount\":\"90000000000000000.00\",\"reason\":\"huge\"}"));
    }

    private static void amountTooLarge(ResultActions result) throws Exception {
        result.andExpect(status().isUnprocessableEntity())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(422))
                .andExpect(jsonPath("$.code").value("AMOUNT_TOO_LARGE"));
    }

    @Test
    void anOverflowInExactArithmeticIsAmountTooLarge() throws Exception {
        when(commandGateway.sendAndWait(any())).thenThrow(new ArithmeticException("long overflow"));

        ResultActions result = adjust();

        amountTooLarge(result);
        result.andExpect(jsonPath("$.detail", not(containsString("long overflow"))));
    }

    @Test
    void anOverflowWrappedByTheCommandBusIsAmountTooLarge() throws Exception {
        when(commandGateway.sendAndWait(any())).thenThrow(
                new CommandExecutionException("handler failed", new ArithmeticException("long overflow")));

        amountTooLarge(adjust());
    }
}
