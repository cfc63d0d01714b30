package io.tandem.infra.api;

import io.tandem.command.orderentry.OrderEntry;
import io.tandem.command.payment.PaymentEntry.PaymentResult;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.contracts.payment.PaymentStatus;
import io.tandem.infra.payment.WebhookSignature;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import java.nio.charset.StandardCharsets;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Deposit and withdrawal requests, and provider webhooks, at the REST edge (payment entry mocked). */
class PaymentApiTest extends ApiSliceTest {

    /** The platform's id of the client's "dep-1" on acc-1: what the provider and webhooks know it by. */
    private static final PaymentId DEPOSIT = PaymentId.of("acc-1:dep-1");
    private static final String CONFIRMED = """
            {"paymentId":"acc-1:dep-1","status":"CONFIRMED","reference":"sim-dep-1"}""";

    private ResultActions request(String kind, String body) throws Exception {
        return mvc.perform(post("/api/v1/accounts/acc-1/" + kind).header(AUTHORIZATION, trader("alice"))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions webhook(String provider, String body, long timestamp, String signature) throws Exception {
        return mvc.perform(post("/api/v1/payments/webhooks/" + provider).contentType(MediaType.APPLICATION_JSON)
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, signature)
                .content(body));
    }

    private ResultActions signedWebhook(String body) throws Exception {
        long now = PaymentSliceConfiguration.SIGNATURE.now();
        return webhook("simulator", body, now,
                PaymentSliceConfiguration.SIGNATURE.sign(now, body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void depositIsAcceptedWithThePaymentsStatusThroughTheDefaultProvider() throws Exception {
        when(paymentEntry.deposit(any(), any(), any(), any(), any(), any()))
                .thenReturn(new PaymentResult(DEPOSIT, PaymentStatus.REQUESTED));

        request("deposits", "{\"paymentId\":\"dep-1\",\"amount\":\"250.00\"}")
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.paymentId").value("acc-1:dep-1"))
                .andExpect(jsonPath("$.clientPaymentId").value("dep-1"))
                .andExpect(jsonPath("$.status").value("REQUESTED"));

        verify(paymentEntry).deposit(eq(new OrderEntry.Caller(UserId.of("alice"), false)), eq(AccountId.of("acc-1")),
                eq("dep-1"), eq("250.00"), eq("simulator"), any());
    }

    @Test
    void withdrawalIsAcceptedWithThePaymentsStatus() throws Exception {
        when(paymentEntry.withdraw(any(), any(), any(), any(), any(), any()))
                .thenReturn(new PaymentResult(PaymentId.of("acc-1:wd-1"), PaymentStatus.PENDING));

        request("withdrawals", "{\"paymentId\":\"wd-1\",\"amount\":\"10.00\",\"provider\":\"simulator\"}")
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.paymentId").value("acc-1:wd-1"))
                .andExpect(jsonPath("$.clientPaymentId").value("wd-1"))
                .andExpect(jsonPath("$.status").value("PENDING"));

        verify(paymentEntry).withdraw(eq(new OrderEntry.Caller(UserId.of("alice"), false)), eq(AccountId.of("acc-1")),
                eq("wd-1"), eq("10.00"), eq("simulator"), any());
    }

    @Test
    void aProviderThatPaymentEntryDoesNotAllowIsUnprocessable() throws Exception {
        when(paymentEntry.deposit(any(), any(), any(), any(), eq("acme-pay"), any()))
                .thenThrow(new TandemException(ErrorCode.PROVIDER_NOT_ALLOWED, "not allowed"));

        request("deposits", "{\"paymentId\":\"dep-1\",\"amount\":\"250.00\",\"provider\":\"acme-pay\"}")
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("PROVIDER_NOT_ALLOWED"));
    }

    @Test
    void malformedPaymentIdOrAmountIsMalformedRequest() throws Exception {
        request("deposits", "{\"paymentId\":\"dep 1\",\"amount\":\"250.00\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        request("deposits", "{\"paymentId\":\"acc-2:dep-1\",\"amount\":\"250.00\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        request("deposits", "{\"paymentId\":\"" + "d".repeat(65) + "\",\"amount\":\"250.00\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        request("withdrawals", "{\"paymentId\":\"wd-1\",\"amount\":\"ten\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        verifyNoInteractions(paymentEntry);
    }

    @Test
    void withdrawalOverTheDailyLimitIsRejected() throws Exception {
        when(paymentEntry.withdraw(any(), any(), any(), any(), any(), any()))
                .thenThrow(new TandemException(ErrorCode.DAILY_WITHDRAWAL_LIMIT, "over today's limit"));

        request("withdrawals", "{\"paymentId\":\"wd-1\",\"amount\":\"10.00\"}")
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("DAILY_WITHDRAWAL_LIMIT"));
    }

    @Test
    void paymentRequestsNeedAToken() throws Exception {
        mvc.perform(post("/api/v1/accounts/acc-1/deposits").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"paymentId\":\"dep-1\",\"amount\":\"250.00\"}"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
    }

    @Test
    void signedWebhookWithoutTokenConfirmsThePayment() throws Exception {
        when(paymentEntry.confirm(eq(DEPOSIT), eq("simulator"), eq("sim-dep-1"), any())).thenReturn(PaymentStatus.CONFIRMED);

        signedWebhook(CONFIRMED)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paymentId").value("acc-1:dep-1"))
                .andExpect(jsonPath("$.status").value("CONFIRMED"));
    }

    @Test
    void signedDeclineFailsThePaymentWithItsReason() throws Exception {
        when(paymentEntry.fail(eq(DEPOSIT), eq("simulator"), eq("CARD_DECLINED"), any())).thenReturn(PaymentStatus.FAILED);

        signedWebhook("{\"paymentId\":\"acc-1:dep-1\",\"status\":\"DECLINED\",\"reason\":\"CARD_DECLINED\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("FAILED"));
    }

    @Test
    void forgedWebhookIsInvalidSignatureAndChangesNothing() throws Exception {
        long now = PaymentSliceConfiguration.SIGNATURE.now();

        webhook("simulator", CONFIRMED, now, "00".repeat(32))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("INVALID_SIGNATURE"));
        verifyNoInteractions(paymentEntry);
    }

    @Test
    void webhookWithoutSignatureHeadersIsInvalidSignature() throws Exception {
        mvc.perform(post("/api/v1/payments/webhooks/simulator").contentType(MediaType.APPLICATION_JSON).content(CONFIRMED))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("INVALID_SIGNATURE"));
        verifyNoInteractions(paymentEntry);
    }

    @Test
    void staleWebhookIsInvalidSignature() throws Exception {
        long anHourAgo = PaymentSliceConfiguration.SIGNATURE.now() - 3600;

        webhook("simulator", CONFIRMED, anHourAgo,
                PaymentSliceConfiguration.SIGNATURE.sign(anHourAgo, CONFIRMED.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("INVALID_SIGNATURE"));
        verifyNoInteractions(paymentEntry);
    }

    @Test
    void webhookForAnUnknownProviderIsNotFound() throws Exception {
        webhook("acme-pay", CONFIRMED, PaymentSliceConfiguration.SIGNATURE.now(), "00")
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("UNKNOWN_PAYMENT_PROVIDER"));
    }

    @Test
    void webhookForAnUnknownPaymentIsNotFoundSoTheProviderRetries() throws Exception {
        when(paymentEntry.confirm(any(), any(), any(), any()))
                .thenThrow(new TandemException(ErrorCode.PAYMENT_NOT_FOUND, "PAYMENT_NOT_FOUND: acc-1:dep-1"));

        signedWebhook(CONFIRMED)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("PAYMENT_NOT_FOUND"));
    }
}
