package io.tandem.command.orderbook;

import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.OrderType;
import io.tandem.contracts.orderbook.TimeInForce;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.math.BigDecimal;
import java.util.List;

/**
 * Random streams of place, cancel and amend through the same decide-then-apply path as the
 * aggregate, with simulated reservations and settlement. After every step: the book is not
 * crossed and its links are sound, each order's quantity is conserved (placed = filled + open +
 * cancelled), priority is price-time (queues in arrival order, trades from the front of the
 * queue at the maker's price), cash across all accounts and the fee account and positions across
 * all accounts are unchanged, no reservation or leg is negative and the platform is never debited.
 * At the end, replaying the events and restoring a snapshot both rebuild the same book.
 */
class RandomOrderStreamProperties {

    sealed interface Action permits Place, Cancel, Amend {
    }

    record Place(int trader, Side side, OrderType type, TimeInForce tif, long price, long quantity) implements Action {
    }

    record Cancel(int pick) implements Action {
    }

    record Amend(int pick, Long price, Long quantity) implements Action {
    }

    @Property(tries = 300)
    void everyStepKeepsTheBookAndTheLedgerSound(@ForAll("instruments") InstrumentSpec spec,
                                                 @ForAll("actions") List<Action> actions) {
        SimulatedMarket market = new SimulatedMarket(spec, 50_000_000, 500_000);
        for (Action action : actions) {
            if (action instanceof Place p) {
                market.place(p.trader(), p.side(), p.type(), p.tif(), p.price(), p.quantity());
            } else if (action instanceof Cancel c) {
                market.cancel(c.pick());
            } else if (action instanceof Amend a) {
                market.amend(a.pick(), a.price(), a.quantity());
            }
        }
        market.checkReplayAndSnapshot();
    }

    @Provide
    Arbitrary<InstrumentSpec> instruments() {
        return Combinators.combine(
                Arbitraries.of("0.0001", "0.01", "1"),
                Arbitraries.of("0", "0.0005", "0.001", "0.0013"),
                Arbitraries.of("0", "0.001", "0.002", "0.0037"))
                .as((lot, maker, taker) -> new InstrumentSpec(Symbol.of("PROP"), "Property", new BigDecimal("0.01"),
                        new BigDecimal(lot), new BigDecimal(maker), new BigDecimal(taker), Quantity.ofLots(1_000_000),
                        Cash.parse("10000000.00"), new BigDecimal("0.05"), Cash.ofCents(1)));
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Action> place = Combinators.combine(
                Arbitraries.integers().between(0, SimulatedMarket.TRADERS.size() - 1),
                Arbitraries.of(Side.class),
                Arbitraries.frequency(Tuple.of(85, OrderType.LIMIT), Tuple.of(15, OrderType.MARKET)),
                Arbitraries.frequency(Tuple.of(7, TimeInForce.GTC), Tuple.of(2, TimeInForce.IOC), Tuple.of(1, TimeInForce.FOK)),
                Arbitraries.longs().between(97, 103),
                Arbitraries.longs().between(1, 30_000))
                .as(Place::new);
        Arbitrary<Action> cancel = Arbitraries.integers().between(0, 1_000).map(Cancel::new);
        Arbitrary<Action> amend = Combinators.combine(
                Arbitraries.integers().between(0, 1_000),
                Arbitraries.longs().between(97, 103).injectNull(0.4),
                Arbitraries.longs().between(1, 30_000).injectNull(0.4))
                .as(Amend::new);
        return Arbitraries.frequencyOf(Tuple.of(6, place), Tuple.of(2, cancel), Tuple.of(2, amend))
                .list().ofMinSize(10).ofMaxSize(120);
    }
}
