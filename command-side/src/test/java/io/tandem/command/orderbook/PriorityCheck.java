package io.tandem.command.orderbook;

import io.tandem.contracts.common.Side;
import io.tandem.contracts.orderbook.CancelReason;
import io.tandem.contracts.orderbook.OrderPlacedEvent;
import io.tandem.contracts.orderbook.TimeInForce;
import io.tandem.contracts.orderbook.TradeExecutedEvent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Price-time priority as an outside observer sees it. Arrival numbers give the expected queue order
 * within a price; before a decision is applied, its trades must take the opposite side's queue
 * strictly from the front (best price, then oldest), each at the maker's price, and whatever the
 * taker leaves unfilled must be explained: nothing crossing is left, or self-trade prevention
 * stopped it, or a FOK order could not be filled from the liquidity in front of it (and says
 * whether its own order or the end of the crossing liquidity stopped it).
 */
final class PriorityCheck {

    private final Map<String, Long> arrival = new HashMap<>();
    private long sequence;

    void arrived(String orderId) {
        arrival.put(orderId, sequence++);
    }

    Map<String, Long> arrival() {
        return arrival;
    }

    void expectMatching(MatchingEngine engine, String takerId, String account, Side side, long limit, long quantity,
                        Decision decision) {
        List<BookOrder> queue = engine.orders(side.opposite());
        List<TradeExecutedEvent> trades = decision.events().stream()
                .filter(TradeExecutedEvent.class::isInstance).map(TradeExecutedEvent.class::cast).toList();
        long traded = 0;
        for (int i = 0; i < trades.size(); i++) {
            TradeExecutedEvent trade = trades.get(i);
            BookOrder maker = queue.get(i);
            assertThat(trade.makerOrderId().value()).as("maker of trade %d", i).isEqualTo(maker.orderId());
            assertThat(trade.takerOrderId().value()).isEqualTo(takerId);
            assertThat(trade.aggressorSide()).isEqualTo(side);
            assertThat(trade.price().ticks()).as("trades at the maker's price").isEqualTo(maker.price());
            assertThat(MatchingEngine.crosses(side, limit, maker.price())).as("within the taker's limit").isTrue();
            assertThat(maker.accountId()).as("no self-trade").isNotEqualTo(account);
            if (i < trades.size() - 1) {
                assertThat(trade.quantity().lots()).as("earlier makers are used up").isEqualTo(maker.open());
            } else {
                assertThat(trade.quantity().lots()).isLessThanOrEqualTo(maker.open());
            }
            traded += trade.quantity().lots();
        }
        if (traded == quantity) {
            return;
        }
        CancelReason reason = decision.result().cancelReason();
        boolean fillOrKill = decision.events().stream()
                .anyMatch(e -> e instanceof OrderPlacedEvent placed && placed.timeInForce() == TimeInForce.FOK);
        if (fillOrKill) {
            assertThat(trades).isEmpty();
            assertThat(liquidityBeforeSelfTrade(queue, account, side, limit)).isLessThan(quantity);
            assertThat(reason).as("a FOK order says what stopped it").isEqualTo(stoppedBySelfTrade(queue, account, side, limit)
                    ? CancelReason.SELF_TRADE_PREVENTED : CancelReason.FILL_OR_KILL_UNFILLED);
            return;
        }
        BookOrder following = trades.size() < queue.size() ? queue.get(trades.size()) : null;
        boolean crossing = following != null && MatchingEngine.crosses(side, limit, following.price());
        if (reason == CancelReason.SELF_TRADE_PREVENTED) {
            assertThat(crossing).isTrue();
            assertThat(following.accountId()).isEqualTo(account);
        } else {
            assertThat(crossing).as("an unfilled remainder leaves nothing it could trade with").isFalse();
        }
    }

    /** Whether walking the crossing makers best first reaches one of the taker's own before it runs out. */
    private static boolean stoppedBySelfTrade(List<BookOrder> queue, String account, Side side, long limit) {
        for (BookOrder maker : queue) {
            if (!MatchingEngine.crosses(side, limit, maker.price())) {
                return false;
            }
            if (maker.accountId().equals(account)) {
                return true;
            }
        }
        return false;
    }

    private static long liquidityBeforeSelfTrade(List<BookOrder> queue, String account, Side side, long limit) {
        long available = 0;
        for (BookOrder maker : queue) {
            if (!MatchingEngine.crosses(side, limit, maker.price()) || maker.accountId().equals(account)) {
                break;
            }
            available += maker.open();
        }
        return available;
    }
}
