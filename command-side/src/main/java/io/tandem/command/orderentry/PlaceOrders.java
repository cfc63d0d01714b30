package io.tandem.command.orderentry;

import io.tandem.command.orderentry.OrderEntry.PlaceOrder;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.OrderType;

import java.math.BigDecimal;

/**
 * Request checks that need no state: required fields, price presence per order type, and the
 * instrument's per-order limits. They run before anything is claimed or reserved.
 */
final class PlaceOrders {

    private PlaceOrders() {
    }

    static void validate(PlaceOrder request) {
        if (request == null || request.caller() == null || request.caller().userId() == null || request.accountId() == null
                || request.symbol() == null || request.side() == null || request.type() == null
                || request.timeInForce() == null || request.now() == null) {
            throw malformed("caller, accountId, symbol, side, type, timeInForce and time are required");
        }
        String clientOrderId = request.clientOrderId();
        if (clientOrderId == null || clientOrderId.isBlank() || clientOrderId.length() > OrderEntryService.MAX_CLIENT_ORDER_ID_LENGTH) {
            throw malformed("clientOrderId must be 1 to " + OrderEntryService.MAX_CLIENT_ORDER_ID_LENGTH + " characters");
        }
        if (request.type() == OrderType.LIMIT && request.price() == null) {
            throw malformed("a limit order needs a price");
        }
        if (request.type() == OrderType.MARKET && request.price() != null) {
            throw malformed("a market order has no price");
        }
    }

    /**
     * The instrument's per-order size and notional limits (maximum and minimum), at the limit price
     * (a market order's protection price: the collar bound its cash is reserved at), as the book
     * checks them; checked here too so that an order outside them is refused as such before anything
     * is written or reserved.
     */
    static void checkLimits(InstrumentSpec spec, Price limitPrice, Quantity quantity) {
        if (quantity.compareTo(spec.maxOrderQuantity()) > 0) {
            throw new TandemException(ErrorCode.ORDER_SIZE_LIMIT, "quantity " + spec.format(quantity)
                    + " exceeds the per-order limit of " + spec.format(spec.maxOrderQuantity()));
        }
        BigDecimal notional;
        try {
            notional = spec.notionalCents(limitPrice, quantity);
        } catch (ArithmeticException e) {
            throw notionalLimit(spec);
        }
        if (notional.compareTo(BigDecimal.valueOf(spec.maxOrderNotional().cents())) > 0) {
            throw notionalLimit(spec);
        }
        if (notional.compareTo(BigDecimal.valueOf(spec.minOrderNotional().cents())) < 0) {
            throw new TandemException(ErrorCode.ORDER_NOTIONAL_TOO_SMALL, "notional of " + spec.format(quantity) + " at "
                    + spec.format(limitPrice) + " is below the per-order minimum of " + spec.minOrderNotional());
        }
    }

    private static TandemException notionalLimit(InstrumentSpec spec) {
        return new TandemException(ErrorCode.ORDER_NOTIONAL_LIMIT, "notional exceeds the per-order limit of " + spec.maxOrderNotional());
    }

    private static TandemException malformed(String message) {
        return new TandemException(ErrorCode.MALFORMED_REQUEST, message);
    }
}
