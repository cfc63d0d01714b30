package io.tandem.command.orderbook;

import io.tandem.contracts.common.Side;
import io.tandem.contracts.orderbook.TimeInForce;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Table-driven matching scenarios in the exchange-core manner. A step is one line:
 * {@code place <id> <account> <BUY|SELL> <qty>@<price> <GTC|IOC|FOK>}, {@code amend <id> <qty>@<price>}
 * or {@code cancel <id>}, optionally followed by {@code => <maker>:<qty>@<price> ...} (the expected
 * executions, in order) and {@code !<REASON>} (the expected cancel reason of the remainder). After
 * every step the book's invariants and quantity conservation are checked; at the end both sides
 * must equal the expected lists ({@code <id> <open>@<price>}, in priority order).
 */
class MatchingEngineScenariosTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void matchesAsTheTableSays(String name, List<String> steps, List<String> bids, List<String> asks) {
        Runner runner = new Runner();
        steps.forEach(runner::step);
        assertThat(runner.side(Side.BUY)).as("bids").containsExactlyElementsOf(bids);
        assertThat(runner.side(Side.SELL)).as("asks").containsExactlyElementsOf(asks);
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                row("a buy rests when nothing crosses",
                        List.of("place b1 A BUY 10@100 GTC"), List.of("b1 10@100"), List.of()),
                row("a sell below the best bid trades at the bid (the maker's price)",
                        List.of("place b1 A BUY 10@101 GTC", "place s1 B SELL 4@99 GTC => b1:4@101"),
                        List.of("b1 6@101"), List.of()),
                row("orders at the same price are all kept and fill oldest first",
                        List.of("place s1 A SELL 5@100 GTC", "place s2 B SELL 5@100 GTC", "place s3 C SELL 5@100 GTC",
                                "place b1 D BUY 7@100 GTC => s1:5@100 s2:2@100"),
                        List.of(), List.of("s2 3@100", "s3 5@100")),
                row("a buy sweeps levels best first and rests the rest at its limit",
                        List.of("place s1 A SELL 2@101 GTC", "place s2 B SELL 3@100 GTC", "place s3 C SELL 4@103 GTC",
                                "place b1 D BUY 10@102 GTC => s2:3@100 s1:2@101"),
                        List.of("b1 5@102"), List.of("s3 4@103")),
                row("a limit order never trades beyond its limit",
                        List.of("place b1 A BUY 5@98 GTC", "place s1 B SELL 5@99 GTC"),
                        List.of("b1 5@98"), List.of("s1 5@99")),
                row("IOC cancels what does not fill at once",
                        List.of("place s1 A SELL 3@100 GTC", "place b1 B BUY 5@100 IOC => s1:3@100 !IMMEDIATE_REMAINDER"),
                        List.of(), List.of()),
                row("IOC without liquidity is cancelled whole",
                        List.of("place s1 A SELL 3@101 GTC", "place b1 B BUY 5@100 IOC !IMMEDIATE_REMAINDER"),
                        List.of(), List.of("s1 3@101")),
                row("FOK fills completely across levels",
                        List.of("place s1 A SELL 3@100 GTC", "place s2 B SELL 3@101 GTC",
                                "place b1 C BUY 5@101 FOK => s1:3@100 s2:2@101"),
                        List.of(), List.of("s2 1@101")),
                row("FOK without enough liquidity trades nothing and leaves the book as it was",
                        List.of("place s1 A SELL 3@100 GTC", "place s2 B SELL 1@101 GTC",
                                "place b1 C BUY 5@101 FOK !FILL_OR_KILL_UNFILLED"),
                        List.of(), List.of("s1 3@100", "s2 1@101")),
                row("FOK counts liquidity only up to where self-trade prevention stops, and says so",
                        List.of("place s1 A SELL 3@100 GTC", "place s2 C SELL 2@100 GTC", "place s3 B SELL 5@100 GTC",
                                "place b1 C BUY 5@100 FOK !SELF_TRADE_PREVENTED"),
                        List.of(), List.of("s1 3@100", "s2 2@100", "s3 5@100")),
                row("self-trade prevention keeps earlier fills and cancels the incoming rest",
                        List.of("place s1 A SELL 2@100 GTC", "place s2 B SELL 2@100 GTC", "place s3 A SELL 2@100 GTC",
                                "place b1 B BUY 5@100 GTC => s1:2@100 !SELF_TRADE_PREVENTED"),
                        List.of(), List.of("s2 2@100", "s3 2@100")),
                row("self-trade prevention at the head of the book trades nothing",
                        List.of("place s1 A SELL 2@100 GTC", "place b1 A BUY 2@101 GTC !SELF_TRADE_PREVENTED"),
                        List.of(), List.of("s1 2@100")),
                row("a partly filled maker keeps its place at the head",
                        List.of("place s1 A SELL 5@100 GTC", "place s2 B SELL 5@100 GTC",
                                "place b1 C BUY 2@100 GTC => s1:2@100", "place b2 D BUY 4@100 GTC => s1:3@100 s2:1@100"),
                        List.of(), List.of("s2 4@100")),
                row("cancel removes one order and leaves its neighbours in order",
                        List.of("place b1 A BUY 1@100 GTC", "place b2 B BUY 2@100 GTC", "place b3 C BUY 3@100 GTC",
                                "cancel b2"),
                        List.of("b1 1@100", "b3 3@100"), List.of()),
                row("reducing the quantity keeps time priority",
                        List.of("place b1 A BUY 5@100 GTC", "place b2 B BUY 5@100 GTC", "amend b1 3@100",
                                "place s1 C SELL 4@100 GTC => b1:3@100 b2:1@100"),
                        List.of("b2 4@100"), List.of()),
                row("increasing the quantity loses time priority",
                        List.of("place b1 A BUY 5@100 GTC", "place b2 B BUY 5@100 GTC", "amend b1 8@100",
                                "place s1 C SELL 6@100 GTC => b2:5@100 b1:1@100"),
                        List.of("b1 7@100"), List.of()),
                row("a price change moves the order to the back of its new level",
                        List.of("place b1 A BUY 5@101 GTC", "place b2 B BUY 5@100 GTC", "amend b1 5@100"),
                        List.of("b2 5@100", "b1 5@100"), List.of()),
                row("an amended price that crosses trades at once as the taker at the makers' prices",
                        List.of("place s1 A SELL 2@101 GTC", "place s2 B SELL 2@102 GTC", "place b1 C BUY 5@100 GTC",
                                "amend b1 5@102 => s1:2@101 s2:2@102"),
                        List.of("b1 1@102"), List.of()),
                row("an amended order that crosses its own account is stopped by self-trade prevention",
                        List.of("place s1 A SELL 2@101 GTC", "place s2 C SELL 2@101 GTC", "place b1 C BUY 5@100 GTC",
                                "amend b1 5@101 => s1:2@101 !SELF_TRADE_PREVENTED"),
                        List.of(), List.of("s2 2@101")));
    }

    private static Arguments row(String name, List<String> steps, List<String> bids, List<String> asks) {
        return Arguments.of(name, steps, bids, asks);
    }

    /** Runs steps against a fresh engine and tracks what each order should have. */
    private static final class Runner {
        private final MatchingEngine engine = new MatchingEngine();
        private final Map<String, Long> arrival = new HashMap<>();
        private final Map<String, Long> total = new HashMap<>();
        private final Map<String, Long> filled = new HashMap<>();
        private final Map<String, Long> cancelled = new HashMap<>();
        private long sequence;

        void step(String line) {
            String[] parts = line.split(" => ");
            String[] command = parts[0].split(" !")[0].trim().split(" ");
            String expectedReason = line.contains("!") ? line.substring(line.indexOf('!') + 1).trim() : null;
            List<String> expectedFills = parts.length > 1
                    ? Arrays.asList(parts[1].split(" !")[0].trim().split(" ")) : List.of();
            MatchPlan plan = switch (command[0]) {
                case "place" -> place(command);
                case "amend" -> amend(command);
                case "cancel" -> cancel(command[1]);
                default -> throw new IllegalArgumentException(line);
            };
            List<String> fills = new ArrayList<>();
            for (MatchPlan.Match match : plan.matches()) {
                fills.add(match.makerOrderId() + ":" + match.quantity() + "@" + match.price());
                filled.merge(match.makerOrderId(), match.quantity(), Long::sum);
            }
            assertThat(fills).as(line).containsExactlyElementsOf(expectedFills);
            assertThat(plan.cancelReason() == null ? null : plan.cancelReason().name()).as(line).isEqualTo(expectedReason);
            BookInvariants.check(engine, arrival);
            Map<String, Long> open = BookInvariants.openQuantities(engine);
            total.forEach((id, quantity) -> assertThat(quantity).as("conservation of %s after %s", id, line)
                    .isEqualTo(filled.getOrDefault(id, 0L) + open.getOrDefault(id, 0L) + cancelled.getOrDefault(id, 0L)));
        }

        private MatchPlan place(String[] c) {
            long[] qp = quantityAtPrice(c[4]);
            arrival.put(c[1], sequence++);
            total.put(c[1], qp[0]);
            MatchPlan plan = engine.execute(new OrderRequest(c[1], c[2], Side.valueOf(c[3]), qp[1], qp[0],
                    TimeInForce.valueOf(c[5]), null));
            record(c[1], plan);
            return plan;
        }

        private MatchPlan amend(String[] c) {
            long[] qp = quantityAtPrice(c[2]);
            BookOrder before = engine.order(c[1]).orElseThrow();
            if (!MatchingEngine.keepsPriority(before, qp[1], qp[0])) {
                arrival.put(c[1], sequence++);
            }
            total.put(c[1], qp[0]);
            MatchPlan plan = engine.executeAmend(c[1], qp[1], qp[0]);
            record(c[1], plan);
            return plan;
        }

        private MatchPlan cancel(String orderId) {
            long open = engine.remove(orderId).orElseThrow().open();
            cancelled.merge(orderId, open, Long::sum);
            return new MatchPlan(List.of(), 0, 0, open, null);
        }

        private void record(String taker, MatchPlan plan) {
            filled.merge(taker, plan.filledQuantity(), Long::sum);
            cancelled.merge(taker, plan.cancelledQuantity(), Long::sum);
        }

        List<String> side(Side side) {
            return engine.orders(side).stream().map(o -> o.orderId() + " " + o.open() + "@" + o.price()).toList();
        }

        private static long[] quantityAtPrice(String token) {
            String[] qp = token.split("@");
            return new long[]{Long.parseLong(qp[0]), Long.parseLong(qp[1])};
        }
    }
}
