package io.tandem;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * One generated session of {@link CopyTradingPropertiesEndToEndTest}: the copiers of one leader and
 * the steps that follow, as data, so that jqwik reports a failing session in full. Sizes are relative
 * (a sell is a percentage of what the leader holds when it sells, a buy a notional) and resolved
 * against the running market when the step runs, so every generated step is one the leader can try.
 */
record CopyScenario(List<Copier> copiers, List<Step> steps) {

    /** Sizing {@code PROPORTIONAL} or {@code FIXED_AMOUNT} (then {@code amountPerTradeCents}); amounts in cents. */
    record Copier(String sizing, long amountCents, Long amountPerTradeCents, int stopLossPercent,
                  boolean copyOpenPositions) {
    }

    sealed interface Step permits LeaderBuy, LeaderSell, Requote, FundsChange, Pause, Resume, Stop {
    }

    /** How the leader's order is sent: at market, as a limit at the touch (IOC), or resting a tick off the touch (GTC). */
    enum OrderStyle { MARKET, LIMIT_IOC, LIMIT_GTC }

    /** A buy of about {@code notional} whole currency units. */
    record LeaderBuy(OrderStyle style, int notional) implements Step {
    }

    /** A sell of {@code percent} of the leader's available position (nothing when it holds none). */
    record LeaderSell(OrderStyle style, int percent) implements Step {
    }

    /** The market maker moves its mid by {@code permille} (negative: down) and a tape trade prints at the new touch. */
    record Requote(int permille) implements Step {
    }

    /** Copier {@code copier} adds or removes {@code amountCents}. */
    record FundsChange(int copier, boolean add, long amountCents) implements Step {
    }

    record Pause(int copier) implements Step {
    }

    record Resume(int copier) implements Step {
    }

    /** Copier {@code copier} stops its copy by hand. */
    record Stop(int copier) implements Step {
    }

    static Arbitrary<CopyScenario> scenarios() {
        return copierLists().flatMap(copiers -> Combinators.combine(
                        oneStep(copiers.size()).list().ofMinSize(10).ofMaxSize(25),
                        Arbitraries.integers().between(0, 24),
                        Arbitraries.integers().between(-600, -400))
                .as((steps, crashAt, crash) -> {
                    List<Step> withCrash = new ArrayList<>(steps);
                    // Every session has one sharp drop, so stop-losses fire in most of them.
                    withCrash.add(Math.min(crashAt, withCrash.size()), new Requote(crash));
                    return new CopyScenario(copiers, List.copyOf(withCrash));
                }));
    }

    private static Arbitrary<List<Copier>> copierLists() {
        Arbitrary<Long> amount = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.longs().between(10_000, 15_000)),
                Tuple.of(3, Arbitraries.longs().between(15_000, 300_000)));
        Arbitrary<Long> perTrade = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.longs().between(10, 150)),
                Tuple.of(3, Arbitraries.longs().between(150, 60_000)));
        // Mostly stop-losses a sharp drop of a half-invested copy reaches, some it does not.
        Arbitrary<Integer> stopLossPercent = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.integers().between(5, 30)),
                Tuple.of(1, Arbitraries.integers().between(30, 95)));
        Arbitrary<Copier> copier = Combinators.combine(Arbitraries.of("PROPORTIONAL", "FIXED_AMOUNT"), amount, perTrade,
                        stopLossPercent, Arbitraries.of(true, false))
                .as((sizing, cents, perTradeCents, stopLoss, open) -> new Copier(sizing, cents,
                        sizing.equals("FIXED_AMOUNT") ? perTradeCents : null, stopLoss, open));
        return copier.list().ofMinSize(2).ofMaxSize(4);
    }

    private static Arbitrary<Step> oneStep(int copiers) {
        Arbitrary<Integer> who = Arbitraries.integers().between(0, copiers - 1);
        Arbitrary<OrderStyle> style = Arbitraries.of(OrderStyle.class);
        Arbitrary<Step> buy = Combinators.combine(style, Arbitraries.integers().between(20, 2_500)).as(LeaderBuy::new);
        Arbitrary<Step> sell = Combinators.combine(style,
                Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.integers().between(1, 99)),
                        Tuple.of(1, Arbitraries.just(100)))).as(LeaderSell::new);
        Arbitrary<Step> requote = Arbitraries.integers().between(-80, 80).map(Requote::new);
        Arbitrary<Step> funds = Combinators.combine(who, Arbitraries.of(true, false),
                Arbitraries.longs().between(100, 80_000)).as(FundsChange::new);
        return Arbitraries.frequencyOf(
                Tuple.of(6, buy),
                Tuple.of(4, sell),
                Tuple.of(4, requote),
                Tuple.of(3, funds),
                Tuple.of(1, who.map(Pause::new)),
                Tuple.of(1, who.map(Resume::new)),
                Tuple.of(1, who.map(Stop::new)));
    }
}
