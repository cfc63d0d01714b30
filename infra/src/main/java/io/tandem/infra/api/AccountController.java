package io.tandem.infra.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.contracts.account.AdjustCashCommand;
import io.tandem.contracts.account.OpenAccountCommand;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.AdjustmentId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * Opening accounts (owned by the caller) and admin cash adjustments. Account ids are generated here,
 * at the edge, so the aggregate stays deterministic.
 */
@RestController
@MissingAggregate(ErrorCode.ACCOUNT_NOT_FOUND)
@Tag(name = "accounts")
public class AccountController {

    private final CommandGateway commandGateway;

    public AccountController(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @PostMapping("/api/v1/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Open a trading account owned by the caller")
    public OpenedResponse open(Authentication caller) {
        AccountId accountId = AccountId.of(UUID.randomUUID().toString());
        commandGateway.sendAndWait(new OpenAccountCommand(accountId, Callers.userId(caller), AccountType.TRADING));
        return new OpenedResponse(accountId.value());
    }

    /** Idempotent by adjustment id: the same id and amount again changes nothing and answers the same. */
    @PostMapping("/api/v1/admin/accounts/{accountId}/adjustments")
    @Operation(summary = "Credit (positive) or debit (negative) an account's cash (ADMIN)")
    public AdjustedResponse adjust(@PathVariable String accountId, @Valid @RequestBody AdjustmentRequest request,
                                   Authentication caller) {
        Cash amount = Cash.parse(request.amount());
        if (amount.isZero()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "amount must not be zero");
        }
        commandGateway.sendAndWait(new AdjustCashCommand(AccountId.of(accountId), AdjustmentId.of(request.adjustmentId()),
                amount, request.reason().trim(), Callers.userId(caller)));
        return new AdjustedResponse(accountId, request.adjustmentId(), amount.toDecimalString());
    }

    public record OpenedResponse(String accountId) {
    }

    public record AdjustmentRequest(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+") String adjustmentId,
                                    @NotBlank @PlainDecimal String amount,
                                    @NotBlank @Size(max = 500) String reason) {
    }

    public record AdjustedResponse(String accountId, String adjustmentId, String amount) {
    }
}
