package io.tandem.infra.demo;

import io.tandem.infra.demo.DemoApi.Answer;
import io.tandem.infra.demo.DemoCast.Maker;
import io.tandem.infra.demo.DemoDecisions.Quote;
import io.tandem.infra.demo.DemoDecisions.Side;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A market maker at work: it keeps one resting limit order per quote of {@link DemoDecisions#quotes}
 * and moves it with the mid by amending its price (the order keeps its id; a changed price loses time
 * priority, as on any exchange), and replaces a quote whose order has filled or gone. When the mid
 * rises it moves its asks before its bids, when it falls its bids first, so that its own quotes never
 * cross each other on the way. Its asks come out of the supply it was issued; its bids out of its
 * deposit, and a bid it cannot pay for is left out.
 */
final class MakerAgent {

    private record Resting(String orderId, long priceTicks) {
    }

    /** An amendment of a quote that has filled (or was cancelled) in the meantime: the cue to place a new one. */
    private static final Set<String> GONE = Set.of("ORDER_NOT_OPEN", "ORDER_NOT_FOUND");

    private final Maker maker;
    private final DemoRun run;
    private final String accountId;
    private final Map<String, Resting> resting = new HashMap<>();
    private Holdings holdings;
    private long lastTopUp = Long.MIN_VALUE / 2;

    MakerAgent(Maker maker, DemoRun run, String accountId) {
        this.maker = maker;
        this.run = run;
        this.accountId = accountId;
    }

    String accountId() {
        return accountId;
    }

    void step(long step, long mid, long previousMid) {
        String token = run.tokens().trader(maker.userId());
        if (holdings == null || step % 10 == 0) {
            Holdings.read(run.api(), token, accountId).ifPresent(read -> holdings = read);
            if (holdings == null) {
                return;
            }
            if (holdings.cashCents() < maker.depositCents() / 5 && step - lastTopUp >= 60) {
                lastTopUp = step;
                run.topUp(maker.userId(), accountId, maker.depositCents() / 2);
            }
        }
        List<Quote> quotes = new ArrayList<>(DemoDecisions.quotes(run.seed(), maker, step, mid));
        Side first = mid >= previousMid ? Side.SELL : Side.BUY;
        quotes.sort((a, b) -> Boolean.compare(a.side() != first, b.side() != first));
        for (Quote quote : quotes) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            requote(token, quote);
        }
    }

    private void requote(String token, Quote quote) {
        Resting current = resting.get(quote.key());
        if (current != null) {
            if (current.priceTicks() == quote.priceTicks()) {
                return;
            }
            Answer amended = run.api().patch("/api/v1/orders/" + current.orderId(), token,
                    Map.of("price", DemoMoney.price(quote.priceTicks())), GONE);
            if (amended.ok()) {
                run.stats().amended.increment();
                run.countFills(amended);
                if (open(amended)) {
                    resting.put(quote.key(), new Resting(current.orderId(), quote.priceTicks()));
                    return;
                }
            } else if (!"ORDER_NOT_OPEN".equals(amended.code()) && !"ORDER_NOT_FOUND".equals(amended.code())) {
                // Refused (the raise needs more cash than is free, say): the order still rests at its old price.
                run.cancel(token, current.orderId());
            }
            resting.remove(quote.key());
        }
        if (quote.side() == Side.BUY) {
            long needed = Holdings.reservation(quote.priceTicks(), quote.lots());
            if (holdings.cashCents() < needed) {
                return;
            }
            holdings.spend(needed);
        } else if (holdings.lots(maker.instrument().symbol()) < quote.lots()) {
            return;
        }
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("clientOrderId", run.orderId("m" + maker.instrument().index()));
        order.put("accountId", accountId);
        order.put("symbol", maker.instrument().symbol());
        order.put("side", quote.side().name());
        order.put("type", "LIMIT");
        order.put("price", DemoMoney.price(quote.priceTicks()));
        order.put("quantity", DemoMoney.quantity(quote.lots()));
        order.put("timeInForce", "GTC");
        Answer placed = run.api().post("/api/v1/orders", token, order);
        if (placed.ok()) {
            run.stats().placed.increment();
            run.countFills(placed);
            if (quote.side() == Side.SELL) {
                holdings.sell(maker.instrument().symbol(), quote.lots());
            }
            if (open(placed)) {
                resting.put(quote.key(), new Resting(placed.text("orderId"), quote.priceTicks()));
            }
        }
    }

    private static boolean open(Answer order) {
        String status = order.text("status");
        return "NEW".equals(status) || "PARTIALLY_FILLED".equals(status);
    }
}
