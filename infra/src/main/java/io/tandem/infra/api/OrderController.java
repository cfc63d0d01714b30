package io.tandem.infra.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.command.orderentry.OrderEntry;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.orderbook.OrderResult;
import io.tandem.contracts.orderbook.OrderType;
import io.tandem.contracts.orderbook.TimeInForce;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/**
 * Order entry over HTTP. Everything that matters (ownership, reservation, matching, idempotency by
 * client order id) happens behind {@link OrderEntry}; this class checks the shape of the request
 * and formats the result in the instrument's scale.
 * <p>
 * Placing answers 201 both the first time and when a client order id is replayed: the replay
 * returns the original body, and the client cannot tell (nor needs to) which one it got.
 */
@RestController
@RequestMapping("/api/v1/orders")
@Tag(name = "orders")
public class OrderController {

    private final OrderEntry orderEntry;
    private final Clock clock;

    public OrderController(OrderEntry orderEntry, Clock clock) {
        this.orderEntry = orderEntry;
        this.clock = clock;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Place an order on one of your accounts (TRADER)")
    public OrderResponse place(@Valid @RequestBody PlaceOrderRequest request, Authentication caller) {
        request.checkPrice();
        OrderResult result = orderEntry.place(new OrderEntry.PlaceOrder(Callers.of(caller),
                AccountId.of(request.accountId()), request.clientOrderId(), Symbol.of(request.symbol()),
                request.side(), request.type(), request.price(), request.quantity(),
                request.timeInForce() == null ? TimeInForce.GTC : request.timeInForce(), clock.instant()));
        return format(result);
    }

    @DeleteMapping("/{orderId}")
    @MissingAggregate(ErrorCode.ORDER_NOT_FOUND)
    @Operation(summary = "Cancel a live order")
    public OrderResponse cancel(@PathVariable String orderId, Authentication caller) {
        return format(orderEntry.cancel(Callers.of(caller), OrderId.of(orderId), clock.instant()));
    }

    /** {@code quantity} is the new total quantity (filled part included); a price change loses time priority. */
    @PatchMapping("/{orderId}")
    @MissingAggregate(ErrorCode.ORDER_NOT_FOUND)
    @Operation(summary = "Amend a live limit order's quantity and/or price")
    public OrderResponse amend(@PathVariable String orderId, @Valid @RequestBody AmendOrderRequest request,
                               Authentication caller) {
        if (request.price() == null && request.quantity() == null) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "give a new quantity, a new price or both");
        }
        return format(orderEntry.amend(Callers.of(caller), OrderId.of(orderId), request.price(), request.quantity(),
                clock.instant()));
    }

    private OrderResponse format(OrderResult result) {
        return OrderResponse.of(result, orderEntry.instrument(result.symbol())
                .orElseThrow(() -> new IllegalStateException("no spec for listed instrument " + result.symbol())));
    }

    /** Decimals as strings; {@code price} only for LIMIT orders; {@code timeInForce} defaults to GTC. */
    public record PlaceOrderRequest(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+") String clientOrderId,
                                    @NotBlank @Size(max = 64) String accountId,
                                    @NotBlank @Size(max = 12) String symbol,
                                    @NotNull Side side,
                                    @NotNull OrderType type,
                                    @PlainDecimal String price,
                                    @NotBlank @PlainDecimal String quantity,
                                    TimeInForce timeInForce) {

        void checkPrice() {
            if (type == OrderType.LIMIT && (price == null || price.isBlank())) {
                throw new TandemException(ErrorCode.MALFORMED_REQUEST, "price: required for LIMIT orders");
            }
            if (type == OrderType.MARKET && price != null) {
                throw new TandemException(ErrorCode.MALFORMED_REQUEST, "price: MARKET orders take no price");
            }
        }
    }

    public record AmendOrderRequest(@PlainDecimal String quantity,
                                    @PlainDecimal String price) {
    }
}
