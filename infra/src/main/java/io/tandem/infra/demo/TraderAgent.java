package io.tandem.infra.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.infra.demo.DemoApi.Answer;
import io.tandem.infra.demo.DemoCast.Trader;
import io.tandem.infra.demo.DemoDecisions.Intent;
import io.tandem.infra.demo.DemoDecisions.Side;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated trader at work: it carries out {@link DemoDecisions#decide}'s intention within what its
 * account holds (a buy it cannot pay for becomes a sale of part of what it holds; a sale of what it
 * does not hold is dropped), keeps at most one resting order and cancels it when it has waited a few
 * steps, posts about some of its fills with the instrument as {@code $SYMBOL} (its public account
 * shares trades, so every fill also becomes a TRADE post), likes a post of its feed now and then, and
 * tops its cash up by a deposit when it runs low.
 */
final class TraderAgent {

    static final int PATIENCE = 5;
    private static final String FEED = "query { feed(first: 5) { edges { node { id likedByMe author { handle } } } } }";

    private final Trader trader;
    private final DemoRun run;
    private final String accountId;
    private final String handle;
    private Holdings holdings;
    private String restingOrderId;
    private long restingSince;
    private long lastTopUp = Long.MIN_VALUE / 2;

    TraderAgent(Trader trader, DemoRun run, String accountId, String handle) {
        this.trader = trader;
        this.run = run;
        this.accountId = accountId;
        this.handle = handle;
    }

    Trader trader() {
        return trader;
    }

    String accountId() {
        return accountId;
    }

    String handle() {
        return handle;
    }

    void step(long step, List<MidWalk> walks, boolean[] traded) {
        String token = run.tokens().trader(trader.userId());
        if (holdings == null || step % 5 == 0) {
            Holdings.read(run.api(), token, accountId).ifPresent(read -> holdings = read);
            if (holdings == null) {
                return;
            }
            if (holdings.cashCents() < trader.depositCents() / 10 && step - lastTopUp >= 60) {
                lastTopUp = step;
                run.topUp(trader.userId(), accountId, trader.depositCents() / 2);
            }
        }
        if (restingOrderId != null && step - restingSince >= PATIENCE) {
            run.cancel(token, restingOrderId);
            restingOrderId = null;
        }
        Intent intent = DemoDecisions.decide(run.seed(), trader, step, walks, traded);
        if (intent.like()) {
            like(token);
        }
        if (intent.trades()) {
            trade(token, step, intent, walks, traded);
        }
    }

    private void trade(String token, long step, Intent intent, List<MidWalk> walks, boolean[] traded) {
        if (intent.resting() && restingOrderId != null) {
            return;
        }
        Side side = intent.side();
        long lots = intent.lots();
        long mid = walks.stream().filter(walk -> walk.symbol().equals(intent.symbol())).findFirst().orElseThrow().mid();
        long payable = intent.market() ? mid + mid / 10 + 1 : intent.priceTicks();
        if (side == Side.BUY && holdings.cashCents() < Holdings.reservation(payable, lots)) {
            long held = holdings.lots(intent.symbol());
            if (held < 200) {
                return;
            }
            side = Side.SELL;
            lots = held / 2 - held / 2 % 100;
        } else if (side == Side.SELL) {
            lots = Math.min(lots, holdings.lots(intent.symbol()) - holdings.lots(intent.symbol()) % 100);
            if (lots < 100) {
                return;
            }
        }
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("clientOrderId", run.orderId("t" + trader.index()));
        order.put("accountId", accountId);
        order.put("symbol", intent.symbol());
        order.put("side", side.name());
        order.put("type", intent.market() ? "MARKET" : "LIMIT");
        if (!intent.market()) {
            long price = intent.priceTicks();
            if (side != intent.side()) {
                price = Math.max(1, mid - Math.max(2, mid / 1_000) * 3);
            }
            order.put("price", DemoMoney.price(price));
        }
        order.put("quantity", DemoMoney.quantity(lots));
        order.put("timeInForce", intent.resting() && side == intent.side() ? "GTC" : "IOC");
        Answer placed = run.api().post("/api/v1/orders", token, order);
        if (!placed.ok()) {
            return;
        }
        run.stats().placed.increment();
        run.countFills(placed);
        if (side == Side.BUY) {
            holdings.spend(Holdings.reservation(payable, lots));
        } else {
            holdings.sell(intent.symbol(), lots);
        }
        String status = placed.text("status");
        if ("NEW".equals(status) || "PARTIALLY_FILLED".equals(status)) {
            restingOrderId = placed.text("orderId");
            restingSince = step;
        }
        JsonNode trades = placed.body().path("trades");
        if (!trades.isEmpty()) {
            int index = walks.indexOf(walks.stream().filter(walk -> walk.symbol().equals(intent.symbol())).findFirst().orElseThrow());
            traded[index] = true;
            if (intent.postTemplate() >= 0) {
                post(token, intent, side, trades);
            }
        }
    }

    private void post(String token, Intent intent, Side side, JsonNode trades) {
        JsonNode first = trades.path(0);
        long lots = 0;
        for (JsonNode trade : trades) {
            lots += DemoMoney.units(trade.path("quantity").asText(null), DemoCast.LOT_SCALE);
        }
        String text = DemoTexts.post(intent.postTemplate(), trader.strategy(), side, intent.symbol(),
                DemoMoney.quantity(lots), first.path("price").asText());
        Answer posted = run.api().post("/api/v1/posts", token,
                Map.of("clientPostId", run.orderId("p" + trader.index()), "text", text));
        if (posted.ok()) {
            run.stats().posts.increment();
        }
    }

    private void like(String token) {
        JsonNode edges = run.api().graphql(token, FEED, Map.of()).path("feed").path("edges");
        for (JsonNode edge : edges) {
            JsonNode post = edge.path("node");
            if (!post.path("likedByMe").asBoolean(true) && !handle.equalsIgnoreCase(post.path("author").path("handle").asText())) {
                if (run.api().post("/api/v1/posts/" + post.path("id").asText() + "/likes", token, "").ok()) {
                    run.stats().likes.increment();
                }
                return;
            }
        }
    }
}
