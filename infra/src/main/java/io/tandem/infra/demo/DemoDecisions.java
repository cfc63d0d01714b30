package io.tandem.infra.demo;

import io.tandem.infra.demo.DemoCast.Maker;
import io.tandem.infra.demo.DemoCast.Strategy;
import io.tandem.infra.demo.DemoCast.Trader;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What every simulated user intends to do in one step, as a pure function of the seed, the user, the
 * step number and the mids: no clock, no shared generator, no answer of the platform. That is what
 * makes a run repeatable (the same seed gives the same intentions) and testable without a server;
 * what the platform then allows (cash, positions, rate limits) is the agents' business.
 */
final class DemoDecisions {

    private DemoDecisions() {
    }

    enum Side { BUY, SELL }

    /** A resting quote of a market maker: {@code level} 0 is the best one. */
    record Quote(Side side, int level, long priceTicks, long lots) {

        String key() {
            return side + "-" + level;
        }
    }

    /**
     * A trader's intention for a step. {@code market}: a market order (else a limit at {@code priceTicks});
     * {@code resting}: the limit order stays in the book (GTC) instead of IOC. {@code postTemplate} &gt;= 0: a
     * post about the trade if it fills; {@code like}: like a post of the feed.
     */
    record Intent(String symbol, Side side, boolean market, boolean resting, long priceTicks, long lots,
                  int postTemplate, boolean like) {

        static final Intent NOTHING = new Intent(null, null, false, false, 0, 0, -1, false);

        boolean trades() {
            return symbol != null;
        }
    }

    /**
     * The maker's quotes around the mid: {@code levels} a side, the best half a spread of about 0.1% (at
     * least two ticks) from the mid, each further level one half spread out, sizes of about the maker's
     * quote notional varied per step.
     */
    static List<Quote> quotes(long seed, Maker maker, long step, long mid) {
        SplittableRandom random = DemoCast.random(seed, 4, maker.instrument().index(), step);
        long half = Math.max(2, mid / 1_000);
        List<Quote> quotes = new ArrayList<>();
        for (int level = 0; level < maker.levels(); level++) {
            long offset = half * (level + 1);
            long bidNotional = maker.quoteNotionalCents() * (80 + random.nextInt(41)) / 100;
            long askNotional = maker.quoteNotionalCents() * (80 + random.nextInt(41)) / 100;
            quotes.add(new Quote(Side.BUY, level, Math.max(1, mid - offset), lots(bidNotional, Math.max(1, mid - offset))));
            quotes.add(new Quote(Side.SELL, level, mid + offset, lots(askNotional, mid + offset)));
        }
        return quotes;
    }

    /**
     * The trader's intention. It acts with its activity probability on one instrument picked at random.
     * A momentum trader follows the move over its lookback (buys a rise, sells a fall) with market orders,
     * or a marketable limit IOC until the instrument has traded (a market order needs a last price). A
     * contrarian fades it with a limit order a tick inside the makers' spread that rests (GTC), or now and
     * then takes the maker's best price with a limit IOC.
     */
    static Intent decide(long seed, Trader trader, long step, List<MidWalk> walks, boolean[] traded) {
        SplittableRandom random = DemoCast.random(seed, 5, trader.index(), step);
        boolean like = random.nextInt(100) < 4;
        if (random.nextInt(100) >= trader.activityPercent()) {
            return like ? new Intent(null, null, false, false, 0, 0, -1, true) : Intent.NOTHING;
        }
        int instrument = random.nextInt(walks.size());
        MidWalk walk = walks.get(instrument);
        long mid = walk.mid();
        long move = mid - walk.midAgo(trader.lookback());
        long notional = trader.minNotionalCents()
                + random.nextLong(trader.maxNotionalCents() - trader.minNotionalCents() + 1);
        int postTemplate = random.nextInt(100) < 20 ? random.nextInt(DemoTexts.TEMPLATES) : -1;
        boolean taking = random.nextInt(100) < 30;
        if (Math.abs(move) < MidWalk.unit(mid)) {
            return like ? new Intent(null, null, false, false, 0, 0, -1, true) : Intent.NOTHING;
        }
        boolean rising = move > 0;
        String symbol = walk.symbol();
        long half = Math.max(2, mid / 1_000);
        if (trader.strategy() == Strategy.MOMENTUM) {
            Side side = rising ? Side.BUY : Side.SELL;
            boolean market = traded[instrument];
            long limit = side == Side.BUY ? mid + 3 * half : Math.max(1, mid - 3 * half);
            return new Intent(symbol, side, market, false, market ? 0 : limit, lots(notional, mid), postTemplate, like);
        }
        Side side = rising ? Side.SELL : Side.BUY;
        long price = taking
                ? (side == Side.BUY ? mid + half : Math.max(1, mid - half))
                : (side == Side.BUY ? Math.max(1, mid - half + 1) : mid + half - 1);
        return new Intent(symbol, side, false, !taking, price, lots(notional, price), postTemplate, like);
    }

    /** Lots (0.0001) worth about {@code notionalCents} at {@code priceTicks} (0.01), in whole hundredths of a share. */
    static long lots(long notionalCents, long priceTicks) {
        long lots = notionalCents * 10_000 / priceTicks;
        return Math.max(100, lots - lots % 100);
    }

    /** Cents of {@code lots} at {@code priceTicks}, rounded up. */
    static long notionalCents(long priceTicks, long lots) {
        return Math.floorDiv(priceTicks * lots + 9_999, 10_000);
    }
}
