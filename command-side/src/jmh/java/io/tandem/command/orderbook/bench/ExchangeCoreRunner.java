package io.tandem.command.orderbook.bench;

import exchange.core2.collections.objpool.ObjectsPool;
import exchange.core2.core.common.CoreSymbolSpecification;
import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.SymbolType;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.cmd.OrderCommandType;
import exchange.core2.core.common.config.LoggingConfiguration;
import exchange.core2.core.orderbook.IOrderBook;
import exchange.core2.core.orderbook.OrderBookDirectImpl;
import exchange.core2.core.orderbook.OrderBookEventsHelper;
import exchange.core2.core.orderbook.OrderBookNaiveImpl;

/**
 * Feeds a {@link CommandStream} to exchange-core's order books (0.5.3) through their own
 * {@code newOrder}/{@code cancelOrder} entry points, one reused {@link OrderCommand} per book as its
 * matching engine does, with the non-pooled events helper so that trade events are allocated like
 * ours. Each order's owner ({@code uid}) is its id, matching the stream's one-owner-per-order rule.
 */
final class ExchangeCoreRunner {

    private static final CoreSymbolSpecification SPEC = CoreSymbolSpecification.builder()
            .symbolId(1)
            .type(SymbolType.CURRENCY_EXCHANGE_PAIR)
            .baseCurrency(1)
            .quoteCurrency(2)
            .baseScaleK(1)
            .quoteScaleK(1)
            .takerFee(0)
            .makerFee(0)
            .build();

    private final IOrderBook book;
    private final OrderCommand command = new OrderCommand();

    private ExchangeCoreRunner(IOrderBook book) {
        this.book = book;
    }

    static ExchangeCoreRunner naive() {
        return new ExchangeCoreRunner(new OrderBookNaiveImpl(SPEC, LoggingConfiguration.DEFAULT));
    }

    static ExchangeCoreRunner direct() {
        return new ExchangeCoreRunner(new OrderBookDirectImpl(SPEC, ObjectsPool.createDefaultTestPool(),
                OrderBookEventsHelper.NON_POOLED_EVENTS_HELPER, LoggingConfiguration.DEFAULT));
    }

    /** Applies command {@code i}; returns something derived from the result so that it cannot be optimised away. */
    Object apply(CommandStream stream, int i) {
        OrderCommand cmd = command;
        cmd.matcherEvent = null;
        cmd.resultCode = null;
        cmd.orderId = stream.orderId[i];
        cmd.uid = stream.orderId[i];
        cmd.symbol = 1;
        if (stream.kind[i] == CommandStream.Kind.CANCEL) {
            cmd.command = OrderCommandType.CANCEL_ORDER;
            return book.cancelOrder(cmd);
        }
        cmd.command = OrderCommandType.PLACE_ORDER;
        cmd.price = stream.price[i];
        cmd.reserveBidPrice = stream.price[i];
        cmd.size = stream.quantity[i];
        cmd.action = stream.buy[i] ? OrderAction.BID : OrderAction.ASK;
        cmd.orderType = stream.kind[i] == CommandStream.Kind.IOC ? OrderType.IOC : OrderType.GTC;
        book.newOrder(cmd);
        return cmd.matcherEvent;
    }

    void applyRange(CommandStream stream, int from, int to) {
        for (int i = from; i < to; i++) {
            apply(stream, i);
        }
    }

    long orders(boolean bids) {
        return book.getOrdersNum(bids ? OrderAction.BID : OrderAction.ASK);
    }

    long volume(boolean bids) {
        return book.getTotalOrdersVolume(bids ? OrderAction.BID : OrderAction.ASK);
    }
}
