package io.tandem.infra.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Who takes part in the demo market, worked out from the seed and the trader count alone: the
 * instruments and their market makers (each one the issuer of its instrument's supply), and the
 * traders with their strategies, sizes, whom they follow and whom they copy. The same seed and count
 * always give the same cast, which is also what lets a restart on the same data directory find the
 * same users, handles, copies and payments again (every set-up request is keyed by it).
 * <p>
 * Prices are whole ticks of 0.01, quantities whole lots of 0.0001 and money whole cents, as on the
 * platform; nothing here is floating point.
 */
record DemoCast(long seed, List<Instrument> instruments, List<Maker> makers, List<Trader> traders) {

    static final String OPERATOR = "demo-operator";
    static final int TICK_SCALE = 2;
    static final int LOT_SCALE = 4;

    private static final String[] NAMES = {"ada", "bruno", "chen", "dara", "emeka", "freya", "goran", "hana",
            "ines", "jonas", "kofi", "lena", "milo", "nadia", "oskar", "priya", "quinn", "rosa", "sami", "tove"};

    enum Strategy { MOMENTUM, CONTRARIAN }

    /** A listed demo instrument: tick 0.01, lot 0.0001, maker fee 0.1%, taker fee 0.2%; its first mid in ticks. */
    record Instrument(int index, String symbol, String name, long startTicks, String supply) {
    }

    /** The market maker of one instrument, which issues its supply and quotes both sides. */
    record Maker(String userId, Instrument instrument, long depositCents, int levels, long quoteNotionalCents) {
    }

    /**
     * A simulated trader. {@code lookback}: how many steps back it compares the mid; {@code activityPercent}:
     * how likely it acts in one step; order notionals between {@code minNotionalCents} and
     * {@code maxNotionalCents}; {@code follows}: indexes of the traders it follows; {@code copyOf}: the index
     * of the trader it copies with {@code copyAmountCents}, or -1.
     */
    record Trader(int index, String userId, String handle, String displayName, String bio, Strategy strategy,
                  int lookback, int activityPercent, long minNotionalCents, long maxNotionalCents, long depositCents,
                  List<Integer> follows, int copyOf, long copyAmountCents) {

        boolean copies() {
            return copyOf >= 0;
        }
    }

    static DemoCast of(long seed, int traderCount) {
        List<Instrument> instruments = List.of(
                new Instrument(0, "ORBT", "Orbit Labs", 10_000, "1000000"),
                new Instrument(1, "KITE", "Kite Energy", 2_500, "1000000"),
                new Instrument(2, "MOSS", "Moss Foods", 4_800, "1000000"));
        List<Maker> makers = new ArrayList<>();
        for (Instrument instrument : instruments) {
            SplittableRandom random = random(seed, 1, instrument.index());
            makers.add(new Maker("demo-maker-" + instrument.symbol().toLowerCase(), instrument, 5_000_000L,
                    2, 30_000L + 1_000L * random.nextInt(60)));
        }
        List<Trader> traders = new ArrayList<>();
        for (int i = 0; i < traderCount; i++) {
            SplittableRandom random = random(seed, 2, i);
            Strategy strategy = i % 2 == 0 ? Strategy.MOMENTUM : Strategy.CONTRARIAN;
            String name = NAMES[i % NAMES.length] + (i < NAMES.length ? "" : String.valueOf(i / NAMES.length));
            String handle = name + (strategy == Strategy.MOMENTUM ? "_trend" : "_fade");
            String displayName = Character.toUpperCase(name.charAt(0)) + name.substring(1)
                    + (strategy == Strategy.MOMENTUM ? " (momentum)" : " (contrarian)");
            String bio = strategy == Strategy.MOMENTUM
                    ? "Simulated demo trader: buys strength, sells weakness."
                    : "Simulated demo trader: buys dips, sells rips.";
            int lookback = 2 + random.nextInt(4);
            int activity = 25 + random.nextInt(36);
            long minNotional = 4_000L + 100L * random.nextInt(60);
            long maxNotional = minNotional + 5_000L + 100L * random.nextInt(200);
            long deposit = 10_000L * (50 + random.nextInt(151));
            List<Integer> follows = new ArrayList<>();
            int wanted = Math.min(traderCount - 1, 2 + random.nextInt(2));
            while (follows.size() < wanted) {
                int other = random.nextInt(traderCount);
                if (other != i && !follows.contains(other)) {
                    follows.add(other);
                }
            }
            int copyOf = -1;
            long copyAmount = 0;
            if (traderCount > 1 && i % 3 == 2) {
                do {
                    copyOf = random.nextInt(traderCount);
                } while (copyOf == i);
                copyAmount = 1_000L * (50 + random.nextInt(101));
            }
            traders.add(new Trader(i, "demo-trader-%02d".formatted(i), handle, displayName, bio, strategy, lookback,
                    activity, minNotional, maxNotional, deposit, List.copyOf(follows), copyOf, copyAmount));
        }
        return new DemoCast(seed, instruments, List.copyOf(makers), List.copyOf(traders));
    }

    /** A generator that depends only on the seed and the coordinates, never on what ran before. */
    static SplittableRandom random(long seed, long... coordinates) {
        long state = seed;
        for (long coordinate : coordinates) {
            state = new SplittableRandom(state * 0x9E3779B97F4A7C15L + coordinate).nextLong();
        }
        return new SplittableRandom(state);
    }
}
