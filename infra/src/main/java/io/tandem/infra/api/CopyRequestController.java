package io.tandem.infra.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.command.copy.CopyEntry;
import io.tandem.command.copy.CopyEntry.CopyState;
import io.tandem.command.orderentry.OrderEntry;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.SizingMode;
import io.tandem.contracts.orderbook.OrderResult;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/**
 * Copy trading over HTTP: start a copy of a leader, pause and resume it, move funds in and out,
 * close one copied position and stop it. Everything that matters (the leader's slots, the copier's
 * limits, the COPY account and the cash moved into it, ownership) happens behind {@link CopyEntry} in
 * one request transaction; this class checks the shape of the request and formats the answer. Reading
 * copies, their orders and positions is GraphQL's ({@code copies}, {@code copy}, {@code copiers}).
 * <p>
 * Starting answers 201 both the first time and when a client copy id is replayed with the same
 * request, as placing an order does: the replay returns the copy as it is now, and the client cannot
 * tell (nor needs to) which one it got; the same client copy id with another request is 409
 * COPY_CONFLICT. A copy that is not the caller's answers 404 COPY_NOT_FOUND exactly as an unknown one,
 * so copy ids cannot be probed. Stopping answers 202: the copy is STOPPING, and the copy engine sells
 * its positions and returns its cash afterwards.
 */
@RestController
@RequestMapping("/api/v1/copies")
@MissingAggregate(ErrorCode.COPY_NOT_FOUND)
@Tag(name = "copies")
public class CopyRequestController {

    private static final java.util.regex.Pattern COPY_ID =
            java.util.regex.Pattern.compile("copy-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final CopyEntry copyEntry;
    private final OrderEntry orderEntry;
    private final Clock clock;

    public CopyRequestController(CopyEntry copyEntry, OrderEntry orderEntry, Clock clock) {
        this.copyEntry = copyEntry;
        this.orderEntry = orderEntry;
        this.clock = clock;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @MissingAggregate(ErrorCode.ACCOUNT_NOT_FOUND)
    @Operation(summary = "Copy a trader: moves amount from one of your accounts into a new COPY account that mirrors the leader's trades")
    public CopyResponse start(@Valid @RequestBody StartCopyRequest request, Authentication caller) {
        return CopyResponse.of(copyEntry.start(new CopyEntry.StartCopy(Callers.of(caller), request.clientCopyId(),
                AccountId.of(request.fromAccountId()), request.leader(), request.amount(), request.stopLossPercent(),
                request.sizing() == null ? SizingMode.PROPORTIONAL : request.sizing(), request.amountPerTrade(),
                Boolean.TRUE.equals(request.copyOpenPositions()), clock.instant())));
    }

    @PostMapping("/{copyId}/pause")
    @Operation(summary = "Pause a copy: it keeps its positions and mirrors no leader trade until resumed")
    public CopyResponse pause(@PathVariable String copyId, Authentication caller) {
        return CopyResponse.of(copyEntry.pause(Callers.of(caller), copyId(copyId), clock.instant()));
    }

    @PostMapping("/{copyId}/resume")
    @Operation(summary = "Resume a paused copy: leader trades from now on are mirrored again")
    public CopyResponse resume(@PathVariable String copyId, Authentication caller) {
        return CopyResponse.of(copyEntry.resume(Callers.of(caller), copyId(copyId), clock.instant()));
    }

    @PostMapping("/{copyId}/add-funds")
    @Operation(summary = "Move cash from the account the copy came from into its COPY account")
    public CopyResponse addFunds(@PathVariable String copyId, @Valid @RequestBody FundsRequest request,
                                 Authentication caller) {
        return CopyResponse.of(copyEntry.addFunds(Callers.of(caller), copyId(copyId), request.amount(), request.clientRequestId(),
                clock.instant()));
    }

    @PostMapping("/{copyId}/remove-funds")
    @Operation(summary = "Move free cash of the COPY account back to the account the copy came from")
    public CopyResponse removeFunds(@PathVariable String copyId, @Valid @RequestBody FundsRequest request,
                                    Authentication caller) {
        return CopyResponse.of(copyEntry.removeFunds(Callers.of(caller), copyId(copyId), request.amount(),
                request.clientRequestId(), clock.instant()));
    }

    /** Answers the sell order as order entry placed it (an IOC market order: usually filled or cancelled already). */
    @PostMapping("/{copyId}/positions/{symbol}/close")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Sell the copy's whole position in one instrument at market (422 NO_COPIED_POSITION when it holds none)")
    public OrderResponse closePosition(@PathVariable String copyId, @PathVariable String symbol,
                                       Authentication caller) {
        OrderResult result = copyEntry.closePosition(Callers.of(caller), copyId(copyId), Symbol.of(symbol),
                clock.instant());
        return OrderResponse.of(result, orderEntry.instrument(result.symbol())
                .orElseThrow(() -> new IllegalStateException("no spec for listed instrument " + result.symbol())));
    }

    @DeleteMapping("/{copyId}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Stop a copy: it mirrors nothing more, its positions are sold at market, then its cash returns and it closes")
    public CopyResponse stop(@PathVariable String copyId, Authentication caller) {
        return CopyResponse.of(copyEntry.stop(Callers.of(caller), copyId(copyId), clock.instant()));
    }

    /**
     * A copy id is what {@link io.tandem.contracts.copy.CopyIds#copy} makes ("copy-" and a UUID); any
     * other id names no copy. Refusing it here keeps a path that happens to be another aggregate's id
     * (an account's, say) from being loaded as a copy.
     */
    private static CopyId copyId(String copyId) {
        if (!COPY_ID.matcher(copyId).matches()) {
            throw new TandemException(ErrorCode.COPY_NOT_FOUND, "no copy has that id");
        }
        return CopyId.of(copyId);
    }

    /**
     * {@code clientCopyId}: the client's name for the copy (1 to 64 of {@code A-Z a-z 0-9 . _ : -}),
     * unique per copier. {@code fromAccountId}: one of the caller's trading accounts (else 404
     * ACCOUNT_NOT_FOUND). {@code leader}: the leader's handle, any letter case (404 TRADER_NOT_FOUND,
     * 422 CANNOT_COPY_SELF, LEADER_NOT_COPYABLE). Decimals as strings: {@code amount} within
     * {@code tandem.copy.min-amount}/{@code max-amount} (422 AMOUNT_BELOW_MINIMUM, AMOUNT_ABOVE_MAXIMUM),
     * {@code stopLossPercent} 5 to 95 with at most two decimals (422 INVALID_STOP_LOSS).
     * {@code sizing} defaults to PROPORTIONAL; {@code amountPerTrade} is required for FIXED_AMOUNT and
     * refused otherwise. {@code copyOpenPositions} (default false) also buys the leader's current positions.
     */
    public record StartCopyRequest(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+") String clientCopyId,
                                   @NotBlank @Size(max = 128) String fromAccountId,
                                   @NotBlank @Size(max = 64) String leader,
                                   @NotBlank @PlainDecimal String amount,
                                   @NotBlank @PlainDecimal String stopLossPercent,
                                   SizingMode sizing,
                                   @PlainDecimal String amountPerTrade,
                                   Boolean copyOpenPositions) {
    }

    /**
     * {@code amount}: a positive decimal string with at most two decimals. {@code clientRequestId}
     * (optional, 1 to 64 characters {@code [A-Za-z0-9._:-]}): the caller's id of this request; a
     * retry under the same id moves nothing again and answers the copy as it is, the same id with
     * another amount is 409 COPY_CONFLICT.
     */
    public record FundsRequest(@NotBlank @PlainDecimal String amount,
                               @jakarta.validation.constraints.Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String clientRequestId) {

        /**
         * Reads the body as a tree first. Jackson builds a one-property record as soon as it has read
         * that property, and then has nowhere to put the same key repeated (a server error); through
         * the tree the last value wins, as it does for every other body. A number is taken as its text,
         * as Jackson coerces numbers for string properties; anything else is malformed.
         */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static FundsRequest of(JsonNode body) {
            if (body == null || !body.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            JsonNode requestId = body.get("clientRequestId");
            String clientRequestId = null;
            if (requestId != null && !requestId.isNull()) {
                if (!requestId.isTextual()) {
                    throw new IllegalArgumentException("clientRequestId: must be a string");
                }
                clientRequestId = requestId.asText();
            }
            JsonNode amount = body.get("amount");
            if (amount == null || amount.isNull()) {
                return new FundsRequest(null, clientRequestId);
            }
            if (!amount.isTextual() && !amount.isNumber()) {
                throw new IllegalArgumentException("amount: must be a decimal string");
            }
            return new FundsRequest(amount.asText(), clientRequestId);
        }
    }

    /** The copy after the request; {@code invested} is the net amount invested (amount + added - removed). */
    public record CopyResponse(String copyId, String copyAccountId, String status, String invested) {

        static CopyResponse of(CopyState state) {
            return new CopyResponse(state.copyId().value(), state.copyAccountId().value(), state.status().name(),
                    state.netInvested() == null ? null : state.netInvested().toDecimalString());
        }
    }
}
