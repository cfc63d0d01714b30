package io.tandem.contracts.orderbook;

import io.tandem.contracts.common.*;

import java.util.List;

/**
 * What a command on an order did to it: its status afterwards, how much has filled in total, and
 * the executions this command caused (in execution order).
 */
public record OrderResult(OrderId orderId,
                          AccountId accountId,
                          Symbol symbol,
                          Side side,
                          OrderStatus status,
                          Quantity quantity,
                          Quantity filledQuantity,
                          CancelReason cancelReason,
                          List<Fill> trades) {

    public OrderResult {
        trades = List.copyOf(trades);
    }
}
