package io.tandem.infra.api;

import io.tandem.contracts.orderbook.Fill;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.OrderResult;

import java.util.List;

/**
 * An order after a place, amend or cancel, with prices and quantities as decimal strings in the
 * instrument's own scale. {@code trades} are the executions this request caused.
 */
public record OrderResponse(String orderId,
                            String accountId,
                            String symbol,
                            String side,
                            String status,
                            String quantity,
                            String filledQuantity,
                            String cancelReason,
                            List<TradeResponse> trades) {

    public record TradeResponse(String tradeId, String price, String quantity) {
    }

    static OrderResponse of(OrderResult result, InstrumentSpec spec) {
        return new OrderResponse(result.orderId().value(),
                result.accountId().value(),
                result.symbol().value(),
                result.side().name(),
                result.status().name(),
                spec.format(result.quantity()),
                spec.format(result.filledQuantity()),
                result.cancelReason() == null ? null : result.cancelReason().name(),
                result.trades().stream().map(fill -> trade(fill, spec)).toList());
    }

    private static TradeResponse trade(Fill fill, InstrumentSpec spec) {
        return new TradeResponse(fill.tradeId().value(), spec.format(fill.price()), spec.format(fill.quantity()));
    }
}
