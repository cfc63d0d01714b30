package io.tandem.command.orderbook.bench;

import io.tandem.command.orderbook.DepthLevel;
import io.tandem.command.orderbook.MatchingEngine;
import io.tandem.command.orderbook.OrderBookState;
import io.tandem.contracts.common.Side;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tandem's matcher side by side with exchange-core's order books on one generated stream of
 * commands ({@link CommandStream}: a book of about {@value #TARGET_ORDERS} resting orders, then
 * {@value #COMMANDS} places, sweeps, IOCs and cancels). Each invocation starts from a freshly
 * prefilled book (prefill not measured) and processes the whole stream, so the score is commands
 * per second. Before measuring, the trial checks that every implementation ends the stream with
 * the same orders and volume on each side, so they did the same work.
 * <ul>
 *   <li>{@code tandemEngine}: {@link MatchingEngine} alone (plan and apply);</li>
 *   <li>{@code tandemAggregateLogic}: the order book aggregate's logic without Axon: matching plus
 *   trade charges, events and applying them to the state;</li>
 *   <li>{@code exchangeCoreNaive} / {@code exchangeCoreDirect}: exchange-core 0.5.3's
 *   {@code OrderBookNaiveImpl} (sorted map of buckets) and {@code OrderBookDirectImpl}
 *   (adaptive radix trees and intrusive order lists, its fastest).</li>
 * </ul>
 * Not part of the test build: {@code mvn -Pbench -pl command-side package -DskipTests}, then
 * {@code java -jar command-side/target/benchmarks.jar}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MatchingBenchmark {

    static final int TARGET_ORDERS = 1_000;
    static final int COMMANDS = 100_000;
    static final int SPREAD = 50;
    static final long SEED = 20_250_102L;

    /** The stream, generated once per trial and checked for agreement between implementations. */
    @State(Scope.Benchmark)
    public static class Stream {
        CommandStream commands;
        Object[] aggregateCommands;

        @Setup(Level.Trial)
        public void generate() {
            commands = CommandStream.generate(TARGET_ORDERS, COMMANDS, SPREAD, SEED);
            aggregateCommands = AggregatePathRunner.commands(commands);
            checkImplementationsAgree();
        }

        private void checkImplementationsAgree() {
            MatchingEngine engine = new MatchingEngine();
            OrderBookState book = AggregatePathRunner.newBook();
            ExchangeCoreRunner naive = ExchangeCoreRunner.naive();
            ExchangeCoreRunner direct = ExchangeCoreRunner.direct();
            for (int i = 0; i < commands.size; i++) {
                TandemEngine.apply(engine, commands, i);
                AggregatePathRunner.apply(book, aggregateCommands[i]);
            }
            naive.applyRange(commands, 0, commands.size);
            direct.applyRange(commands, 0, commands.size);
            for (Side side : Side.values()) {
                boolean bids = side == Side.BUY;
                long orders = count(engine.depth(side, Integer.MAX_VALUE));
                long volume = volume(engine.depth(side, Integer.MAX_VALUE));
                require(count(book.depth(side, Integer.MAX_VALUE)) == orders
                        && volume(book.depth(side, Integer.MAX_VALUE)) == volume, "aggregate logic", side);
                require(naive.orders(bids) == orders && naive.volume(bids) == volume, "exchange-core naive", side);
                require(direct.orders(bids) == orders && direct.volume(bids) == volume, "exchange-core direct", side);
            }
        }

        private static long count(List<DepthLevel> levels) {
            return levels.stream().mapToLong(DepthLevel::orders).sum();
        }

        private static long volume(List<DepthLevel> levels) {
            return levels.stream().mapToLong(DepthLevel::quantity).sum();
        }

        private static void require(boolean agrees, String implementation, Side side) {
            if (!agrees) {
                throw new IllegalStateException(implementation + " disagrees with the engine on the " + side + " side");
            }
        }
    }

    /** A fresh Tandem engine holding the prefilled book. */
    @State(Scope.Thread)
    public static class TandemEngine {
        MatchingEngine engine;

        @Setup(Level.Invocation)
        public void prefill(Stream stream) {
            engine = new MatchingEngine();
            for (int i = 0; i < stream.commands.prefill; i++) {
                apply(engine, stream.commands, i);
            }
        }

        static Object apply(MatchingEngine engine, CommandStream stream, int i) {
            return stream.kind[i] == CommandStream.Kind.CANCEL
                    ? engine.remove(stream.orderIdText[i])
                    : engine.execute(stream.requests[i]);
        }
    }

    /** A fresh order-book state (the aggregate's logic) holding the prefilled book. */
    @State(Scope.Thread)
    public static class TandemAggregateLogic {
        OrderBookState book;

        @Setup(Level.Invocation)
        public void prefill(Stream stream) {
            book = AggregatePathRunner.newBook();
            for (int i = 0; i < stream.commands.prefill; i++) {
                AggregatePathRunner.apply(book, stream.aggregateCommands[i]);
            }
        }
    }

    /** A fresh exchange-core naive book holding the prefilled book. */
    @State(Scope.Thread)
    public static class ExchangeCoreNaive {
        ExchangeCoreRunner runner;

        @Setup(Level.Invocation)
        public void prefill(Stream stream) {
            runner = ExchangeCoreRunner.naive();
            runner.applyRange(stream.commands, 0, stream.commands.prefill);
        }
    }

    /** A fresh exchange-core direct book holding the prefilled book. */
    @State(Scope.Thread)
    public static class ExchangeCoreDirect {
        ExchangeCoreRunner runner;

        @Setup(Level.Invocation)
        public void prefill(Stream stream) {
            runner = ExchangeCoreRunner.direct();
            runner.applyRange(stream.commands, 0, stream.commands.prefill);
        }
    }

    @Benchmark
    @OperationsPerInvocation(COMMANDS)
    public void tandemEngine(Stream stream, TandemEngine state, Blackhole sink) {
        CommandStream commands = stream.commands;
        for (int i = commands.prefill; i < commands.size; i++) {
            sink.consume(TandemEngine.apply(state.engine, commands, i));
        }
    }

    @Benchmark
    @OperationsPerInvocation(COMMANDS)
    public void tandemAggregateLogic(Stream stream, TandemAggregateLogic state, Blackhole sink) {
        for (int i = stream.commands.prefill; i < stream.commands.size; i++) {
            sink.consume(AggregatePathRunner.apply(state.book, stream.aggregateCommands[i]));
        }
    }

    @Benchmark
    @OperationsPerInvocation(COMMANDS)
    public void exchangeCoreNaive(Stream stream, ExchangeCoreNaive state, Blackhole sink) {
        CommandStream commands = stream.commands;
        for (int i = commands.prefill; i < commands.size; i++) {
            sink.consume(state.runner.apply(commands, i));
        }
    }

    @Benchmark
    @OperationsPerInvocation(COMMANDS)
    public void exchangeCoreDirect(Stream stream, ExchangeCoreDirect state, Blackhole sink) {
        CommandStream commands = stream.commands;
        for (int i = commands.prefill; i < commands.size; i++) {
            sink.consume(state.runner.apply(commands, i));
        }
    }
}
