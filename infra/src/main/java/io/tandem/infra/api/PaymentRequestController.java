package io.tandem.infra.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.command.payment.PaymentEntry;
import io.tandem.command.payment.PaymentEntry.PaymentResult;
import io.tandem.command.payment.PaymentEntryProperties;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.payment.FindPaymentQuery;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.contracts.payment.PaymentView;
import io.tandem.query.security.AccountAccess;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/**
 * Deposits and withdrawals on the caller's own account. Both answer 202 Accepted: the request is
 * recorded (a withdrawal's cash is already reserved) but the money moves only when the provider
 * confirms, which the payment saga and the provider's webhook take care of. The client picks the
 * payment id per account, so a retried request answers the same payment's current status and creates
 * nothing, and another user's "dep-1" is another payment. The answer names the payment by the
 * platform's id (derived from the account and the client's id), which is what GET
 * {@code /api/v1/payments/{paymentId}}, GraphQL and the provider know it by.
 */
@RestController
@MissingAggregate(ErrorCode.ACCOUNT_NOT_FOUND)
@Tag(name = "payments")
public class PaymentRequestController {

    private final PaymentEntry paymentEntry;
    private final PaymentEntryProperties settings;
    private final QueryGateway queryGateway;
    private final Clock clock;

    public PaymentRequestController(PaymentEntry paymentEntry, PaymentEntryProperties settings,
                                    QueryGateway queryGateway, Clock clock) {
        this.paymentEntry = paymentEntry;
        this.settings = settings;
        this.queryGateway = queryGateway;
        this.clock = clock;
    }

    @PostMapping("/api/v1/accounts/{accountId}/deposits")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Deposit into one of your accounts through a payment provider the platform allows (default: simulator)")
    public PaymentResponse deposit(@PathVariable String accountId, @Valid @RequestBody PaymentRequest request,
                                   Authentication caller) {
        PaymentResult result = paymentEntry.deposit(Callers.of(caller), AccountId.of(accountId),
                request.paymentId(), request.amount(), provider(request), clock.instant());
        return PaymentResponse.of(result, request.paymentId());
    }

    @PostMapping("/api/v1/accounts/{accountId}/withdrawals")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Withdraw from one of your accounts: reserved now, debited when the provider pays out")
    public PaymentResponse withdraw(@PathVariable String accountId, @Valid @RequestBody PaymentRequest request,
                                    Authentication caller) {
        PaymentResult result = paymentEntry.withdraw(Callers.of(caller), AccountId.of(accountId),
                request.paymentId(), request.amount(), provider(request), clock.instant());
        return PaymentResponse.of(result, request.paymentId());
    }

    /**
     * A payment as its account's owner (or an admin) sees it, by the platform's payment id that the
     * request answered; history per account is in GraphQL. Another user's payment is 404
     * PAYMENT_NOT_FOUND exactly as an unknown one is, so that payment ids cannot be probed.
     */
    @GetMapping("/api/v1/payments/{paymentId}")
    @Operation(summary = "One payment of one of your accounts, from the read model")
    public PaymentView payment(@PathVariable String paymentId, Authentication caller) {
        PaymentView payment = queryGateway.query(new FindPaymentQuery(PaymentId.of(paymentId)),
                ResponseTypes.instanceOf(PaymentView.class)).join();
        if (payment == null || AccountAccess.readable(queryGateway, AccountId.of(payment.accountId()), caller).join().isEmpty()) {
            throw new TandemException(ErrorCode.PAYMENT_NOT_FOUND, "payment '" + paymentId + "' not found");
        }
        return payment;
    }

    /**
     * The provider named, or the configured default when none is. Payment entry checks it against the
     * server's allowlist, whose names all exist (checked at startup), so a name that is not allowed is
     * PROVIDER_NOT_ALLOWED whether or not such a provider exists.
     */
    private String provider(PaymentRequest request) {
        return request.provider() == null || request.provider().isBlank()
                ? settings.defaultProvider() : request.provider().trim();
    }

    /**
     * {@code paymentId} is the client's name for the payment, unique per account; {@code amount} is a
     * decimal string with at most two decimals; {@code provider} defaults to the configured one and must
     * be allowed for the direction ({@code tandem.payments.allowed-providers.*}), else 422 PROVIDER_NOT_ALLOWED.
     */
    public record PaymentRequest(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String paymentId,
                                 @NotBlank @PlainDecimal String amount,
                                 @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9._-]+") String provider) {
    }

    /** {@code paymentId} is the platform's id of the payment; {@code clientPaymentId} the one the request named. */
    public record PaymentResponse(String paymentId, String clientPaymentId, String status) {

        static PaymentResponse of(PaymentResult result, String clientPaymentId) {
            return new PaymentResponse(result.paymentId().value(), clientPaymentId, result.status().name());
        }
    }
}
