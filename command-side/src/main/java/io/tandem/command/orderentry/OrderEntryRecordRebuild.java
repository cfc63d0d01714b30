package io.tandem.command.orderentry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.orderbook.Fill;
import io.tandem.contracts.orderbook.OrderAmendedEvent;
import io.tandem.contracts.orderbook.OrderCancelledEvent;
import io.tandem.contracts.orderbook.OrderFilledEvent;
import io.tandem.contracts.orderbook.OrderPlacedEvent;
import io.tandem.contracts.orderbook.OrderResult;
import io.tandem.contracts.orderbook.OrderStatus;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rebuilds order entry's table ({@link OrderEntryRecord}) from the books' events, for
 * {@link io.tandem.command.support.LookupTableRebuild}. It is not a Spring bean and no processor
 * runs it: on the live path order entry writes its rows itself, in the request's transaction, and
 * this only runs when the table is behind the event log (a database restored with only its event
 * tables). Rows order entry wrote are never touched.
 * <p>
 * A rebuilt row has what a retried request and a later cancel or amendment need: the client order
 * id (recorded in {@link OrderPlacedEvent} since its revision 2; orders placed before that are not
 * rebuilt), the owner (the user who placed it, recorded in the same revision), the requested terms, the
 * result of placing it, and its state on the book. The placement's result is made of the events of
 * the command that placed the order, which share that command's id as their correlation id: its
 * executions as the taker, and the cancellation of its remainder (IOC, FOK, self-trade prevention).
 * Unlike a row order entry keeps, whose state is that of the last command that went through order
 * entry, a rebuilt row also follows passive fills; both are only a guide, the book decides.
 * <p>
 * The processing group names the table's rebuild position; as no bean carries these handlers, Axon
 * registers no processor for it.
 */
@ProcessingGroup(OrderEntryRebuildConfiguration.TABLE)
final class OrderEntryRecordRebuild {

    private static final Logger log = LoggerFactory.getLogger(OrderEntryRecordRebuild.class);
    private static final String COMMAND_ID = "correlationId";

    private final OrderEntryRecordRepository orders;
    private final ObjectMapper json;

    static {
        if (!COMMAND_ID.equals(MessageOriginProvider.getDefaultCorrelationKey())) {
            throw new IllegalStateException("Axon's correlation key is no longer " + COMMAND_ID);
        }
    }

    OrderEntryRecordRebuild(OrderEntryRecordRepository orders, ObjectMapper json) {
        this.orders = orders;
        this.json = json;
    }

    @EventHandler
    void on(OrderPlacedEvent event, @MetaDataValue(COMMAND_ID) String commandId) {
        if (event.clientOrderId() == null || commandId == null || orders.existsById(event.orderId().value())) {
            return;
        }
        if (event.owner() == null) {
            // Revision 2 records the client order id and the owner together; one without the other is not ours.
            log.warn("order {} on account {} has a client order id but no owner: not rebuilt", event.orderId(), event.accountId());
            return;
        }
        OrderEntryRecord order = OrderEntryRecord.rebuilt(event, event.owner(), commandId);
        OrderResult placement = new OrderResult(event.orderId(), event.accountId(), event.symbol(), event.side(),
                OrderStatus.NEW, event.quantity(), Quantity.ofLots(0), null, List.of());
        order.placed(placement, toJson(placement));
        orders.save(order);
    }

    @EventHandler
    void on(TradeExecutedEvent event, @MetaDataValue(COMMAND_ID) String commandId) {
        rebuiltRow(event.buyOrderId()).ifPresent(order -> traded(order, event, commandId));
        rebuiltRow(event.sellOrderId()).ifPresent(order -> traded(order, event, commandId));
    }

    @EventHandler
    void on(OrderFilledEvent event) {
        rebuiltRow(event.orderId()).ifPresent(order -> order.onBook(OrderStatus.FILLED, event.filledQuantity()));
    }

    @EventHandler
    void on(OrderCancelledEvent event, @MetaDataValue(COMMAND_ID) String commandId) {
        rebuiltRow(event.orderId()).ifPresent(order -> {
            order.onBook(OrderStatus.CANCELLED, event.filledQuantity());
            if (order.placedInCommand(commandId)) {
                OrderResult placement = placement(order);
                order.placementResult(toJson(new OrderResult(placement.orderId(), placement.accountId(), placement.symbol(),
                        placement.side(), OrderStatus.CANCELLED, placement.quantity(), event.filledQuantity(), event.reason(),
                        placement.trades())));
            }
        });
    }

    @EventHandler
    void on(OrderAmendedEvent event) {
        rebuiltRow(event.orderId()).ifPresent(order -> {
            order.amended(event.price(), event.quantity());
            order.onBook(order.filled().isPositive() ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW, order.filled());
        });
    }

    private void traded(OrderEntryRecord order, TradeExecutedEvent event, String commandId) {
        Quantity filled = order.filled().plus(event.quantity());
        order.onBook(filled.equals(order.quantity()) ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED, filled);
        if (order.orderId().equals(event.takerOrderId()) && order.placedInCommand(commandId)) {
            OrderResult placement = placement(order);
            List<Fill> fills = new ArrayList<>(placement.trades());
            fills.add(new Fill(event.tradeId(), event.price(), event.quantity()));
            Quantity placedFilled = placement.filledQuantity().plus(event.quantity());
            OrderStatus status = placedFilled.equals(placement.quantity()) ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
            order.placementResult(toJson(new OrderResult(placement.orderId(), placement.accountId(), placement.symbol(),
                    placement.side(), status, placement.quantity(), placedFilled, placement.cancelReason(), fills)));
        }
    }

    private Optional<OrderEntryRecord> rebuiltRow(OrderId orderId) {
        return orders.findById(orderId.value()).filter(OrderEntryRecord::rebuilt);
    }

    private OrderResult placement(OrderEntryRecord order) {
        try {
            return json.readValue(order.result(), OrderResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rebuilt result of order " + order.orderId() + " is unreadable", e);
        }
    }

    private String toJson(OrderResult result) {
        try {
            return json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the result of order " + result.orderId(), e);
        }
    }
}
