package io.tandem.projection.marketdata;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import io.tandem.projection.support.ProjectionBatches;
import org.axonframework.eventhandling.EventMessage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.tandem.projection.support.TestEvents.*;

/**
 * A book's event stream for candle tests: its listing at sequence 0, then trades at the given times
 * and prices, one sequence number each, as the order book numbers them.
 */
final class CandleEvents {

    private final Symbol symbol;
    private final InstrumentSpec spec;
    private final List<EventMessage<Object>> events = new ArrayList<>();

    private CandleEvents(Symbol symbol, InstrumentSpec spec) {
        this.symbol = symbol;
        this.spec = spec;
        events.add(ProjectionBatches.event("OrderBook", symbol.value(), 0,
                new InstrumentListedEvent(symbol, spec, ISSUER, quantity("1000"), T0)));
    }

    static CandleEvents acme() {
        return new CandleEvents(ACME, ACME_SPEC);
    }

    /** Another book, with ACME's tick and lot. */
    static CandleEvents book(String symbol) {
        Symbol other = Symbol.of(symbol);
        return new CandleEvents(other, new InstrumentSpec(other, symbol + " Inc", new BigDecimal("0.01"), new BigDecimal("0.0001"),
                new BigDecimal("0.001"), new BigDecimal("0.002"), ACME_SPEC.maxOrderQuantity(), ACME_SPEC.maxOrderNotional(),
                new BigDecimal("0.10")));
    }

    CandleEvents trade(String at, String price, String quantity) {
        long sequence = events.size();
        events.add(ProjectionBatches.event("OrderBook", symbol.value(), sequence, tradeEvent("t-" + sequence, at, price, quantity)));
        return this;
    }

    TradeExecutedEvent tradeEvent(String tradeId, String at, String price, String quantity) {
        return new TradeExecutedEvent(symbol, TradeId.of(tradeId), spec.priceOf(price), spec.quantityOf(quantity), Side.BUY,
                OrderId.of("maker-" + tradeId), OrderId.of("taker-" + tradeId), AccountId.of("buyer"), OrderId.of("taker-" + tradeId),
                AccountId.of("seller"), OrderId.of("maker-" + tradeId), Cash.ZERO, Cash.ZERO, Cash.ZERO, Cash.ZERO,
                true, false, Instant.parse(at));
    }

    InstrumentListedEvent listing() {
        return (InstrumentListedEvent) events.get(0).getPayload();
    }

    List<EventMessage<Object>> all() {
        return List.copyOf(events);
    }

    List<EventMessage<Object>> range(int from, int to) {
        return List.copyOf(events.subList(from, to));
    }
}
