package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.CopyScenario.FundsChange;
import io.tandem.CopyScenario.LeaderBuy;
import io.tandem.CopyScenario.LeaderSell;
import io.tandem.CopyScenario.OrderStyle;
import io.tandem.CopyScenario.Pause;
import io.tandem.CopyScenario.Requote;
import io.tandem.CopyScenario.Resume;
import io.tandem.CopyScenario.Step;
import io.tandem.CopyScenario.Stop;
import io.tandem.TandemClient.Response;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.statistics.Statistics;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.test.context.TestContextManager;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The property issue 9 asks for, over the real application (order entry, the {@code copy-mirror}
 * process, settlement and the read models) driven over HTTP: whatever a leader trades, however the
 * price moves and whatever the copiers do with their funds, no copy ever overspends, no leader trade is
 * mirrored twice into one copy, the ledger balances, and a closed copy has handed back everything.
 * <p>
 * jqwik drives it ({@link CopyScenario} generates each session: 2 to 4 copiers with random sizing,
 * amounts, stop-losses and {@code copyOpenPositions}, then 11 to 26 steps of leader market and limit
 * orders, market-maker re-quotes up and down with one sharp drop, funds in and out, pause, resume and a
 * stop by hand). jqwik is no JUnit Jupiter engine, so the Spring extension does not run; each property
 * joins the shared {@link RunningApplication} through a {@link TestContextManager}, which takes the
 * context from Spring's cache exactly as the Jupiter tests extending that class do (started once per
 * JVM). Every try works on its own instrument and its own users, so tries share the application and
 * nothing else. Shrinking is off: a try is a whole trading session, and jqwik's report of the failing
 * sample (and its seed, for {@code @Property(seed = ...)}) already names every step. The statistics
 * ({@code outcomes}) show how many tries met each skip reason, cut, refusal and close, so a session
 * that stopped meeting the interesting paths shows up in the report. Six tries take about half a
 * minute once the application runs.
 * <p>
 * Everything is driven and read over HTTP, except that the test, which runs in the application's JVM,
 * reads two streams from the event store where a read model would be less than exact: each COPY
 * account's events (a read model shows only the end, not whether the account ever went below zero on
 * the way) and the instrument's trades (GraphQL's tape names no accounts, so it cannot say which
 * trades were the leader's).
 * <p>
 * The checks, once the mirror process has decided the last leader trade in every live copy and every
 * COPY account has settled:
 * <ol>
 *   <li>In each copy's orders (GraphQL {@code copy.orders}, every page) a leader trade id appears at
 *       most once, every one is a trade of the leader's account on the tape, and order ids are distinct
 *       across all copies.</li>
 *   <li>Each COPY account's history never overspends ({@link CopyAccountHistory}, checked after every
 *       event); every order that settled in it is one of the copy's orders; what moved in and out is the
 *       copy's amount and the funds changes the API accepted, and GraphQL {@code invested} says the same;
 *       the account read model and the copy's filled orders agree with the history.</li>
 *   <li>The ledger balances ({@link LedgerInvariant}).</li>
 *   <li>A CLOSED copy's last event returned all its cash, and it holds nothing; every copier's own
 *       account holds exactly its funding minus what it put into the copy plus what came back.</li>
 * </ol>
 */
class CopyTradingPropertiesEndToEndTest extends RunningApplication {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final long LOTS_PER_SHARE = 10_000;
    private static final long QUOTE_LOTS = 20_000 * LOTS_PER_SHARE;
    private static final long COPIER_SPARE_CENTS = 100_000;
    private static final String COPY_ORDERS = """
            query($id: ID!, $after: String) { copy(id: $id) { status stopReason invested equity stopLossEquity
                orders(first: 50, after: $after) {
                    edges { node { orderId kind leaderTradeId side status filledQuantity skipped skipReason
                                   explanation { cutBy } } }
                    pageInfo { hasNextPage endCursor } } } }""";

    private TandemClient client;
    private EventStore eventStore;
    private String admin;

    @BeforeProperty
    void joinTheRunningApplication() throws Exception {
        new TestContextManager(getClass()).prepareTestInstance(this);
        client = new TandemClient(port);
        eventStore = context.getBean(EventStore.class);
        admin = client.token("copy-properties-admin", "ADMIN");
    }

    @Provide
    Arbitrary<CopyScenario> sessions() {
        return CopyScenario.scenarios();
    }

    @Property(tries = 6, shrinking = ShrinkingMode.OFF)
    void noCopyOverspendsNoLeaderTradeIsMirroredTwiceAndTheLedgerBalances(@ForAll("sessions") CopyScenario scenario) {
        Session session = new Session(scenario);
        session.open();
        scenario.steps().forEach(session::run);
        session.catchUp();
        session.check();
    }

    /** One user with a token and a trading account. */
    private record Trader(String token, String accountId) {
    }

    /** A started copy and what the test did with it (cents). */
    private static final class Copy {
        final CopyScenario.Copier spec;
        final Trader copier;
        final long fundingCents;
        String copyId;
        String copyAccountId;
        long addedCents;
        long removedCents;

        Copy(CopyScenario.Copier spec, Trader copier, long fundingCents) {
            this.spec = spec;
            this.copier = copier;
            this.fundingCents = fundingCents;
        }
    }

    /** One try: its instrument, market maker, tape trader, leader and copies. */
    private final class Session {
        final CopyScenario scenario;
        final String symbol = "P" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36).toUpperCase();
        final List<Copy> copies = new ArrayList<>();
        final List<String> leaderRestingOrders = new ArrayList<>();
        final Map<String, Integer> outcomes = new LinkedHashMap<>();
        Trader maker;
        Trader tape;
        Trader leader;
        String leaderHandle;
        long midCents = 1_000;
        String makerBid;
        String makerAsk;
        String markerTrade;

        Session(CopyScenario scenario) {
            this.scenario = scenario;
        }

        void open() {
            maker = trader("cp-maker", 5_000_000_000L);
            tape = trader("cp-tape", 10_000_000);
            client.list(admin, symbol, maker.accountId(), "1000000");
            quote();
            // The tape trader's first buy gives the instrument its last price, which market orders need.
            assertThat(order(tape, "BUY", askCents(), 200 * LOTS_PER_SHARE, "IOC").text("status")).isEqualTo("FILLED");
            // Settlement is asynchronous: the tape trader sells 1 of these on each move down, once they are its.
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.account(tape.token(), tape.accountId())
                    .path("positions").findValuesAsText("quantity").stream().map(CopyTradingPropertiesEndToEndTest::lots))
                    .containsExactly(200 * LOTS_PER_SHARE));

            leader = trader("cp-leader", 1_000_000);
            leaderHandle = SocialDesk.uniqueHandle("cpleader");
            Response profile = client.send("PUT", "/api/v1/traders/me", leader.token(), """
                    {"handle":"%s","displayName":"Property leader","shareTrades":false,"publicAccountId":"%s",
                     "acceptsCopiers":true,"maxCopiers":10}""".formatted(leaderHandle, leader.accountId()));
            assertThat(profile.status()).as(profile.raw()).isEqualTo(200);
            // An open position before the copies start, for those that copy open positions; half the leader's
            // equity in it makes the copies that follow it exposed enough for the sharp drop to stop some.
            leaderBuy(new LeaderBuy(OrderStyle.MARKET, 5_000));

            for (CopyScenario.Copier spec : scenario.copiers()) {
                long funding = Math.addExact(spec.amountCents(), COPIER_SPARE_CENTS);
                Copy copy = new Copy(spec, trader("cp-copier", funding), funding);
                Map<String, Object> start = new LinkedHashMap<>();
                start.put("clientCopyId", "prop-1");
                start.put("fromAccountId", copy.copier.accountId());
                start.put("leader", leaderHandle);
                start.put("amount", cash(spec.amountCents()));
                start.put("stopLossPercent", Integer.toString(spec.stopLossPercent()));
                start.put("sizing", spec.sizing());
                if (spec.amountPerTradeCents() != null) {
                    start.put("amountPerTrade", cash(spec.amountPerTradeCents()));
                }
                start.put("copyOpenPositions", spec.copyOpenPositions());
                Response started = call(() -> client.post("/api/v1/copies", copy.copier.token(), start));
                assertThat(started.status()).as(started.raw()).isEqualTo(201);
                copy.copyId = started.text("copyId");
                copy.copyAccountId = started.text("copyAccountId");
                copies.add(copy);
            }
        }

        void run(Step step) {
            if (step instanceof LeaderBuy buy) {
                leaderBuy(buy);
            } else if (step instanceof LeaderSell sell) {
                leaderSell(sell);
            } else if (step instanceof Requote requote) {
                midCents = Math.max(300, Math.min(4_000, midCents * (1_000 + requote.permille()) / 1_000));
                quote();
                // A trade at the new touch moves the last price, which values the copies (and their stop-losses).
                Response print = requote.permille() < 0
                        ? order(tape, "SELL", bidCents(), LOTS_PER_SHARE, "IOC")
                        : order(tape, "BUY", askCents(), LOTS_PER_SHARE, "IOC");
                assertThat(print.status()).as(print.raw()).isEqualTo(201);
            } else if (step instanceof FundsChange funds) {
                Copy copy = copies.get(funds.copier());
                // Taking out all that is invested or more is not a funds change but a stop, and malformed as one.
                boolean emptying = !funds.add() && funds.amountCents() >= invested(copy);
                Response changed = manage(copy, funds.add() ? "add-funds" : "remove-funds",
                        "{\"amount\":\"" + cash(funds.amountCents()) + "\"}",
                        emptying ? List.of("INSUFFICIENT_FUNDS", "MALFORMED_REQUEST") : List.of("INSUFFICIENT_FUNDS"));
                if (changed.status() == 200) {
                    if (funds.add()) {
                        copy.addedCents = Math.addExact(copy.addedCents, funds.amountCents());
                    } else {
                        copy.removedCents = Math.addExact(copy.removedCents, funds.amountCents());
                    }
                    assertThat(cents(changed.text("invested"))).as(changed.raw()).isEqualTo(invested(copy));
                }
            } else if (step instanceof Pause pause) {
                manage(copies.get(pause.copier()), "pause", "", List.of());
            } else if (step instanceof Resume resume) {
                manage(copies.get(resume.copier()), "resume", "", List.of());
            } else if (step instanceof Stop stop) {
                Copy copy = copies.get(stop.copier());
                Response stopped = call(() -> client.send("DELETE", "/api/v1/copies/" + copy.copyId, copy.copier.token(), null));
                assertThat(stopped.status()).as(stopped.raw()).isIn(202, 409);
                outcome("stop " + stopped.status());
            }
        }

        /**
         * Resumes every paused copy, cancels the leader's resting orders and has the leader buy once
         * more at market: the marker. The mirror process reads a leader's trades in order, so once every
         * copy that is not closed is ACTIVE with the marker decided (mirrored or skipped), it has decided
         * every earlier trade; then the COPY accounts settle (nothing reserved, every order closed).
         */
        void catchUp() {
            copies.forEach(copy -> manage(copy, "resume", "", List.of()));
            leaderRestingOrders.forEach(orderId -> call(() -> client.cancel(leader.token(), orderId)));
            assertThat(client.adjust(admin, leader.accountId(), "marker-" + symbol, "1000.00").status()).isEqualTo(200);
            Response marker = order(leader, "BUY", null, 30 * 100 * LOTS_PER_SHARE / askCents(), "IOC");
            assertThat(marker.status()).as(marker.raw()).isEqualTo(201);
            JsonNode trades = marker.body().path("trades");
            assertThat(trades).as(marker.raw()).isNotEmpty();
            markerTrade = trades.path(trades.size() - 1).path("tradeId").asText();

            await().atMost(TIMEOUT).untilAsserted(() -> {
                for (Copy copy : copies) {
                    CopyView view = copyView(copy);
                    assertThat(view.status.equals("CLOSED")
                            || view.status.equals("ACTIVE") && view.leaderTrades().contains(markerTrade))
                            .as(copy.copyId + " " + view.status + " " + view.orders).isTrue();
                    for (JsonNode order : view.orders) {
                        if (!order.path("orderId").isNull()) {
                            assertThat(order.path("status").asText()).as(order.toString()).isIn("FILLED", "CANCELLED");
                        }
                    }
                    JsonNode account = account(copy.copyAccountId);
                    assertThat(cents(account.path("cash").path("reserved").asText())).as(account.toString()).isZero();
                    account.path("positions").forEach(held ->
                            assertThat(lots(held.path("reserved").asText())).as(account.toString()).isZero());
                }
            });
        }

        void check() {
            LedgerInvariant.awaitBalanced(client, admin);
            Set<String> leaderTrades = leaderTrades();
            Set<String> orderIds = new HashSet<>();
            for (Copy copy : copies) {
                CopyView view = copyView(copy);
                List<String> mirrored = view.leaderTrades();
                assertThat(new HashSet<>(mirrored)).as("leader trades decided twice in " + copy.copyId + ": " + mirrored)
                        .hasSameSizeAs(mirrored);
                assertThat(leaderTrades).as("trades of the leader").containsAll(mirrored);
                for (JsonNode order : view.orders) {
                    outcome(order.path("kind").asText() + " " + (order.path("skipped").asBoolean()
                            ? "skipped " + order.path("skipReason").asText()
                            : "cut " + order.path("explanation").path("cutBy").asText("-")));
                    if (!order.path("orderId").isNull()) {
                        String orderId = order.path("orderId").asText();
                        assertThat(orderIds.add(orderId)).as("order " + orderId + " twice").isTrue();
                    }
                }
                CopyAccountHistory history = CopyAccountHistory.read(eventStore, copy.copyAccountId, symbol);
                assertThat(history.violations).as("COPY account " + copy.copyAccountId + " of " + copy.copyId).isEmpty();
                accountedFor(copy);
            }
            outcomes.forEach((what, times) -> Statistics.label("outcomes").collect(what));
        }

        /**
         * Every cent and lot of the copy is accounted for: what moved in and out is what the API accepted,
         * a CLOSED copy's last event handed back all it had, and the read models (the COPY account, the
         * copy's filled orders, the copier's own account) say what the history says. Read models trail
         * the events, and the marker's own mirrors may still stop a copy after the catch-up, so this
         * waits for a copy that is STOPPING to close and for the read models to agree, re-reading both
         * sides each time.
         */
        private void accountedFor(Copy copy) {
            String[] stopReason = new String[1];
            await().atMost(TIMEOUT).untilAsserted(() -> {
                CopyView view = copyView(copy);
                assertThat(view.status).as(copy.copyId).isNotEqualTo("STOPPING");
                CopyAccountHistory history = CopyAccountHistory.read(eventStore, copy.copyAccountId, symbol);
                assertThat(history.violations).as("COPY account " + copy.copyAccountId + " of " + copy.copyId).isEmpty();
                Set<String> own = new HashSet<>();
                view.orders.forEach(order -> own.add(order.path("orderId").asText()));
                assertThat(history.settledOrders.stream().map(Object::toString).toList())
                        .as("orders that traded in " + copy.copyAccountId + " are the copy's").allMatch(own::contains);
                long in = Math.addExact(copy.spec.amountCents(), copy.addedCents);
                assertThat(history.transferredIn).as("moved into " + copy.copyId).isEqualTo(in);
                assertThat(cents(view.invested)).as("invested of " + copy.copyId).isEqualTo(invested(copy));
                long returned = 0;
                if (view.status.equals("CLOSED")) {
                    assertThat(history.lastEventTransferOut).as(copy.copyId + " closed by a return").isTrue();
                    returned = history.lastTransferOutCash;
                    assertThat(history.transferredOut).as("moved out of " + copy.copyId)
                            .isEqualTo(Math.addExact(copy.removedCents, returned));
                    assertThat(history.cash).as("cash left in closed " + copy.copyId).isZero();
                    assertThat(history.positions.values()).as("positions left in closed " + copy.copyId)
                            .allMatch(lots -> lots == 0);
                } else {
                    assertThat(history.transferredOut).as("moved out of " + copy.copyId).isEqualTo(copy.removedCents);
                }
                if (view.status.equals("ACTIVE") && history.positions.getOrDefault(symbol, 0L) != 0) {
                    // Valued at the last trade of a symbol it holds, a live copy is above its stop-loss.
                    assertThat(cents(view.equity)).as("equity of live " + copy.copyId + " against its stop-loss")
                            .isGreaterThan(cents(view.stopLossEquity));
                }

                JsonNode account = account(copy.copyAccountId);
                assertThat(cents(account.path("cash").path("available").asText())
                        + cents(account.path("cash").path("reserved").asText())).as(account.toString()).isEqualTo(history.cash);
                Map<String, Long> held = new HashMap<>();
                account.path("positions").forEach(position -> held.merge(position.path("symbol").asText(),
                        lots(position.path("quantity").asText()) + lots(position.path("reserved").asText()), Long::sum));
                held.values().removeIf(lots -> lots == 0);
                Map<String, Long> expected = new HashMap<>(history.positions);
                expected.values().removeIf(lots -> lots == 0);
                assertThat(held).as(account.toString()).isEqualTo(expected);

                long filled = 0;
                for (JsonNode order : view.orders) {
                    if (!order.path("skipped").asBoolean()) {
                        long lots = lots(order.path("filledQuantity").asText());
                        filled += order.path("side").asText().equals("BUY") ? lots : -lots;
                    }
                }
                assertThat(filled).as("filled buys - sells of " + copy.copyId)
                        .isEqualTo(history.positions.getOrDefault(symbol, 0L) + history.returnedLots);

                JsonNode copierAccount = account(copy.copier.accountId());
                long copierCash = copy.fundingCents - in + copy.removedCents + returned;
                assertThat(cents(copierAccount.path("cash").path("available").asText())).as(copierAccount.toString())
                        .isEqualTo(copierCash);
                stopReason[0] = view.status.equals("CLOSED") ? view.stopReason : null;
            });
            if (stopReason[0] != null) {
                outcome("closed " + stopReason[0]);
            }
        }

        private Set<String> leaderTrades() {
            Set<String> trades = new HashSet<>();
            eventStore.readEvents(symbol, 0L).asStream().map(EventMessage::getPayload)
                    .filter(TradeExecutedEvent.class::isInstance).map(TradeExecutedEvent.class::cast)
                    .filter(trade -> trade.buyerAccountId().value().equals(leader.accountId())
                            || trade.sellerAccountId().value().equals(leader.accountId()))
                    .forEach(trade -> trades.add(trade.tradeId().value()));
            assertThat(trades).as("the leader's trades on the tape of " + symbol).contains(markerTrade);
            return trades;
        }

        private void leaderBuy(LeaderBuy buy) {
            long lots = buy.notional() * 100L * LOTS_PER_SHARE / askCents();
            Response placed = switch (buy.style()) {
                case MARKET -> order(leader, "BUY", null, lots, "IOC");
                case LIMIT_IOC -> order(leader, "BUY", askCents(), lots, "IOC");
                case LIMIT_GTC -> order(leader, "BUY", bidCents() - 1, lots, "GTC");
            };
            leaderOrder(placed);
        }

        private void leaderSell(LeaderSell sell) {
            long held = 0;
            for (JsonNode position : client.account(leader.token(), leader.accountId()).path("positions")) {
                if (position.path("symbol").asText().equals(symbol)) {
                    held = lots(position.path("quantity").asText());
                }
            }
            long lots = held * sell.percent() / 100;
            if (lots == 0) {
                return;
            }
            Response placed = switch (sell.style()) {
                case MARKET -> order(leader, "SELL", null, lots, "IOC");
                case LIMIT_IOC -> order(leader, "SELL", bidCents(), lots, "IOC");
                case LIMIT_GTC -> order(leader, "SELL", askCents() + 1, lots, "GTC");
            };
            leaderOrder(placed);
        }

        /** A leader order is placed, or refused for what the leader cannot afford or deliver (the read model may trail). */
        private void leaderOrder(Response placed) {
            assertThat(placed.status()).as(placed.raw()).isIn(201, 422);
            outcome("leader " + (placed.status() == 201 ? placed.text("status") : placed.text("code")));
            if (placed.status() == 201 && placed.text("status").matches("NEW|PARTIALLY_FILLED")) {
                leaderRestingOrders.add(placed.text("orderId"));
            }
        }

        /** Cancels the market maker's quotes and quotes again 0.05 either side of the mid, 20,000 a side. */
        private void quote() {
            for (String orderId : new String[]{makerBid, makerAsk}) {
                if (orderId != null) {
                    call(() -> client.cancel(maker.token(), orderId));
                }
            }
            Response bid = order(maker, "BUY", bidCents(), QUOTE_LOTS, "GTC");
            Response ask = order(maker, "SELL", askCents(), QUOTE_LOTS, "GTC");
            assertThat(bid.status()).as(bid.raw()).isEqualTo(201);
            assertThat(ask.status()).as(ask.raw()).isEqualTo(201);
            makerBid = bid.text("orderId");
            makerAsk = ask.text("orderId");
        }

        private long bidCents() {
            return midCents - 5;
        }

        private long askCents() {
            return midCents + 5;
        }

        private Response order(Trader trader, String side, Long priceCents, long lots, String timeInForce) {
            return call(() -> client.place(trader.token(), trader.accountId(), "o-" + UUID.randomUUID(), symbol, side,
                    priceCents == null ? null : cash(priceCents), quantity(lots), timeInForce));
        }

        /**
         * A copy command. It may be refused as not active (the copy's state changed under the session: a
         * stop-loss fired, or it is not paused) or with one of {@code refusals} (a funds change the copier's or
         * the COPY account's free cash cannot cover, or one that would empty the copy); anything else fails the try.
         */
        private Response manage(Copy copy, String action, String body, List<String> refusals) {
            Response response = call(() -> client.post("/api/v1/copies/" + copy.copyId + "/" + action, copy.copier.token(), body));
            outcome(action + " " + (response.status() == 200 ? "ok" : response.text("code")));
            if (response.status() != 200) {
                List<String> allowed = new ArrayList<>(refusals);
                allowed.add("COPY_NOT_ACTIVE");
                assertThat(response.text("code")).as(action + ": " + response.raw()).isIn(allowed);
            }
            return response;
        }

        private CopyView copyView(Copy copy) {
            List<JsonNode> orders = new ArrayList<>();
            String after = null;
            while (true) {
                Map<String, Object> variables = new HashMap<>();
                variables.put("id", copy.copyId);
                variables.put("after", after);
                JsonNode answer = client.graphql(admin, COPY_ORDERS, variables);
                assertThat(answer.path("errors").isMissingNode() || answer.path("errors").isEmpty()).as(answer.toString()).isTrue();
                JsonNode found = answer.path("data").path("copy");
                found.path("orders").path("edges").forEach(edge -> orders.add(edge.path("node")));
                JsonNode page = found.path("orders").path("pageInfo");
                if (!page.path("hasNextPage").asBoolean()) {
                    return new CopyView(found.path("status").asText(), found.path("stopReason").asText(),
                            found.path("invested").asText(), found.path("equity").asText(),
                            found.path("stopLossEquity").asText(), orders);
                }
                after = page.path("endCursor").asText();
            }
        }

        /** GraphQL {@code account} as the admin reads it; fails (so that a wait retries) until there is one. */
        private JsonNode account(String accountId) {
            JsonNode answer = client.graphql(admin, """
                    query($id: ID!) { account(id: $id) { id type cash { available reserved }
                                                         positions { symbol quantity reserved } } }""",
                    Map.of("id", accountId));
            assertThat(answer.path("errors").isMissingNode() || answer.path("errors").isEmpty()).as(answer.toString()).isTrue();
            assertThat(answer.path("data").path("account").isObject()).as("account " + accountId + ": " + answer).isTrue();
            return answer.path("data").path("account");
        }

        private Trader trader(String prefix, long fundingCents) {
            String token = client.token(prefix + "-" + UUID.randomUUID(), "TRADER");
            String accountId = client.openAccount(token);
            Response adjusted = client.adjust(admin, accountId, "fund-" + accountId, cash(fundingCents));
            assertThat(adjusted.status()).as(adjusted.raw()).isEqualTo(200);
            return new Trader(token, accountId);
        }

        private void outcome(String what) {
            outcomes.merge(what, 1, Integer::sum);
        }
    }

    /** A copy's status, why it stopped, its invested amount, equity and stop-loss, and every order (newest first). */
    private record CopyView(String status, String stopReason, String invested, String equity, String stopLossEquity,
                            List<JsonNode> orders) {

        List<String> leaderTrades() {
            return orders.stream().filter(order -> !order.path("leaderTradeId").isNull()
                    && !order.path("leaderTradeId").isMissingNode()).map(order -> order.path("leaderTradeId").asText()).toList();
        }
    }

    private static long invested(Copy copy) {
        return copy.spec.amountCents() + copy.addedCents - copy.removedCents;
    }

    /** Sends a request, and again while the rate limiter refuses it (429), until it is answered. */
    private static Response call(Supplier<Response> request) {
        Response[] answered = new Response[1];
        await().pollDelay(Duration.ZERO).atMost(TIMEOUT).until(() -> {
            answered[0] = request.get();
            return answered[0].status() != 429;
        });
        return answered[0];
    }

    private static String cash(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    private static String quantity(long lots) {
        return BigDecimal.valueOf(lots, 4).toPlainString();
    }

    private static long cents(String decimal) {
        return new BigDecimal(decimal).movePointRight(2).longValueExact();
    }

    private static long lots(String decimal) {
        return new BigDecimal(decimal).movePointRight(4).longValueExact();
    }
}
