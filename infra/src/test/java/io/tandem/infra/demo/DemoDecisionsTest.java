package io.tandem.infra.demo;

import io.tandem.infra.demo.DemoCast.Maker;
import io.tandem.infra.demo.DemoCast.Strategy;
import io.tandem.infra.demo.DemoCast.Trader;
import io.tandem.infra.demo.DemoDecisions.Intent;
import io.tandem.infra.demo.DemoDecisions.Quote;
import io.tandem.infra.demo.DemoDecisions.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's decisions are a function of the seed: the same seed and trader count give the same cast
 * and, step by step, the same mids, quotes and intentions; another seed gives another market. The plan
 * also has to make a market: quotes on both sides of the mid that never cross, traders of both kinds
 * buying and selling, sizes in whole hundredths of a share.
 */
class DemoDecisionsTest {

    private static final int STEPS = 400;

    /** Everything decided over {@link #STEPS} steps, as it would run before any instrument has traded and after. */
    private static List<Object> plan(long seed, int traders) {
        DemoCast cast = DemoCast.of(seed, traders);
        List<MidWalk> walks = new ArrayList<>();
        cast.instruments().forEach(instrument -> walks.add(
                new MidWalk(seed, instrument.index(), instrument.symbol(), instrument.startTicks())));
        boolean[] traded = new boolean[walks.size()];
        List<Object> plan = new ArrayList<>();
        plan.add(cast);
        for (long step = 1; step <= STEPS; step++) {
            if (step == STEPS / 2) {
                Arrays.fill(traded, true);
            }
            for (MidWalk walk : walks) {
                plan.add(walk.advance(step));
            }
            for (Maker maker : cast.makers()) {
                plan.add(DemoDecisions.quotes(seed, maker, step, walks.get(maker.instrument().index()).mid()));
            }
            for (Trader trader : cast.traders()) {
                plan.add(DemoDecisions.decide(seed, trader, step, walks, traded));
            }
        }
        return plan;
    }

    @Test
    void theSameSeedGivesTheSamePlanAndAnotherSeedAnotherOne() {
        assertThat(plan(7, 6)).isEqualTo(plan(7, 6));
        assertThat(plan(42, 12)).isEqualTo(plan(42, 12));
        assertThat(plan(8, 6)).isNotEqualTo(plan(7, 6));
    }

    @Test
    void theCastHasBothStrategiesDistinctHandlesFollowsAndCopiesOfOthers() {
        DemoCast cast = DemoCast.of(42, 12);
        assertThat(cast.traders()).hasSize(12);
        assertThat(cast.makers()).hasSize(cast.instruments().size());
        assertThat(cast.traders()).extracting(Trader::strategy).contains(Strategy.MOMENTUM, Strategy.CONTRARIAN);
        assertThat(cast.traders()).extracting(Trader::handle).doesNotHaveDuplicates()
                .allMatch(handle -> handle.matches("[A-Za-z0-9_]{3,30}"));
        assertThat(cast.traders()).extracting(Trader::userId).doesNotHaveDuplicates();
        List<Trader> copiers = cast.traders().stream().filter(Trader::copies).toList();
        assertThat(copiers).hasSize(4);
        for (Trader trader : cast.traders()) {
            assertThat(trader.follows()).doesNotContain(trader.index()).doesNotHaveDuplicates().isNotEmpty();
            if (trader.copies()) {
                assertThat(trader.copyOf()).isNotEqualTo(trader.index()).isBetween(0, 11);
                // Within the platform's copy limits (100.00 to 2,000,000.00) and the copier's deposit.
                assertThat(trader.copyAmountCents()).isBetween(10_000L, trader.depositCents());
            }
            // Deposits within the payment limits (1.00 to 100,000.00).
            assertThat(trader.depositCents()).isBetween(100L, 10_000_000L);
        }
        assertThat(DemoCast.of(7, 1).traders().get(0).follows()).isEmpty();
        assertThat(DemoCast.of(7, 1).traders().get(0).copies()).isFalse();
    }

    @Test
    void quotesSitOnBothSidesOfTheMidWithoutCrossingInWholeHundredthsOfAShare() {
        DemoCast cast = DemoCast.of(42, 12);
        for (Maker maker : cast.makers()) {
            for (long step = 1; step <= 50; step++) {
                long mid = maker.instrument().startTicks() + step;
                List<Quote> quotes = DemoDecisions.quotes(42, maker, step, mid);
                assertThat(quotes).hasSize(2 * maker.levels());
                long bestBid = quotes.stream().filter(q -> q.side() == Side.BUY).mapToLong(Quote::priceTicks).max().orElseThrow();
                long bestAsk = quotes.stream().filter(q -> q.side() == Side.SELL).mapToLong(Quote::priceTicks).min().orElseThrow();
                assertThat(bestBid).isLessThan(mid);
                assertThat(bestAsk).isGreaterThan(mid);
                assertThat(quotes).allMatch(q -> q.lots() >= 100 && q.lots() % 100 == 0);
                // At least the platform's default minimum order notional of 1.00.
                assertThat(quotes).allMatch(q -> DemoDecisions.notionalCents(q.priceTicks(), q.lots()) >= 100);
            }
        }
    }

    @Test
    void tradersOfBothKindsBuyAndSellMomentumWithTheMoveContrariansAgainstIt() {
        long seed = 42;
        DemoCast cast = DemoCast.of(seed, 12);
        List<MidWalk> walks = new ArrayList<>();
        cast.instruments().forEach(i -> walks.add(new MidWalk(seed, i.index(), i.symbol(), i.startTicks())));
        boolean[] traded = {true, true, true};
        List<Intent> momentum = new ArrayList<>();
        List<Intent> contrarian = new ArrayList<>();
        for (long step = 1; step <= STEPS; step++) {
            for (MidWalk walk : walks) {
                walk.advance(step);
            }
            for (Trader trader : cast.traders()) {
                Intent intent = DemoDecisions.decide(seed, trader, step, walks, traded);
                if (!intent.trades()) {
                    continue;
                }
                MidWalk walk = walks.stream().filter(w -> w.symbol().equals(intent.symbol())).findFirst().orElseThrow();
                boolean rising = walk.mid() > walk.midAgo(trader.lookback());
                if (trader.strategy() == Strategy.MOMENTUM) {
                    assertThat(intent.side()).isEqualTo(rising ? Side.BUY : Side.SELL);
                    assertThat(intent.market()).isTrue();
                    momentum.add(intent);
                } else {
                    assertThat(intent.side()).isEqualTo(rising ? Side.SELL : Side.BUY);
                    assertThat(intent.market()).isFalse();
                    contrarian.add(intent);
                }
                assertThat(intent.lots()).isPositive().matches(lots -> lots % 100 == 0);
            }
        }
        assertThat(momentum).extracting(Intent::side).contains(Side.BUY, Side.SELL);
        assertThat(contrarian).extracting(Intent::side).contains(Side.BUY, Side.SELL);
        assertThat(contrarian).extracting(Intent::resting).contains(true, false);
        assertThat(momentum).extracting(Intent::postTemplate).anyMatch(template -> template >= 0);
    }

    @Test
    void beforeTheFirstTradeMomentumTradersSendMarketableLimitsInsteadOfMarketOrders() {
        long seed = 7;
        DemoCast cast = DemoCast.of(seed, 6);
        List<MidWalk> walks = new ArrayList<>();
        cast.instruments().forEach(i -> walks.add(new MidWalk(seed, i.index(), i.symbol(), i.startTicks())));
        boolean[] traded = new boolean[3];
        int seen = 0;
        for (long step = 1; step <= STEPS; step++) {
            for (MidWalk walk : walks) {
                walk.advance(step);
            }
            for (Trader trader : cast.traders()) {
                Intent intent = DemoDecisions.decide(seed, trader, step, walks, traded);
                if (intent.trades() && trader.strategy() == Strategy.MOMENTUM) {
                    seen++;
                    long mid = walks.stream().filter(w -> w.symbol().equals(intent.symbol())).findFirst().orElseThrow().mid();
                    assertThat(intent.market()).isFalse();
                    assertThat(intent.resting()).isFalse();
                    // Through the makers' best quote (half a spread from the mid), so that it trades.
                    assertThat(intent.side() == Side.BUY ? intent.priceTicks() > mid : intent.priceTicks() < mid).isTrue();
                }
            }
        }
        assertThat(seen).isPositive();
    }

    @Test
    void theWalkStaysAboveItsFloorAndRemembersItsHistory() {
        MidWalk walk = new MidWalk(3, 0, "ORBT", 10_000);
        long previous = walk.mid();
        for (long step = 1; step <= 5_000; step++) {
            long mid = walk.advance(step);
            assertThat(mid).isGreaterThanOrEqualTo(2_000);
            assertThat(walk.midAgo(1)).isEqualTo(previous);
            previous = mid;
        }
    }
}
