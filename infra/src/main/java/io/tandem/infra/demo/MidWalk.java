package io.tandem.infra.demo;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;

/**
 * The moving mid of one demo instrument, in ticks: a random walk with a drift that changes now and
 * then, so that momentum traders find trends and contrarians find overshoots. Each step's move
 * depends only on the seed, the instrument and the step number, so the same seed walks the same
 * path from the same start. After a restart the walk starts from the book's last price, not from
 * the cast's first mid, so the market carries on where it stopped.
 */
final class MidWalk {

    static final int HISTORY = 16;

    private final long seed;
    private final int instrument;
    private final String symbol;
    private final long floorTicks;
    private final Deque<Long> history = new ArrayDeque<>();
    private long mid;
    private int drift;

    MidWalk(long seed, int instrument, String symbol, long startTicks) {
        this.seed = seed;
        this.instrument = instrument;
        this.symbol = symbol;
        this.floorTicks = Math.max(100, startTicks / 5);
        this.mid = Math.max(floorTicks, startTicks);
        history.addLast(mid);
    }

    /** One move in ticks per step is about 0.05% of the price (at least one tick). */
    static long unit(long midTicks) {
        return Math.max(1, midTicks / 2_000);
    }

    /** Moves the mid for {@code step} and answers it. */
    long advance(long step) {
        SplittableRandom random = DemoCast.random(seed, 3, instrument, step);
        if (random.nextInt(100) < 8) {
            drift = random.nextInt(5) - 2;
        }
        long unit = unit(mid);
        long move = drift * unit + (random.nextInt(5) - 2) * unit;
        mid = Math.max(floorTicks, mid + move);
        history.addLast(mid);
        if (history.size() > HISTORY) {
            history.removeFirst();
        }
        return mid;
    }

    String symbol() {
        return symbol;
    }

    long mid() {
        return mid;
    }

    /** The mid {@code stepsBack} steps ago (the oldest one remembered if the walk is younger). */
    long midAgo(int stepsBack) {
        int index = history.size() - 1 - Math.min(stepsBack, history.size() - 1);
        int i = 0;
        for (long value : history) {
            if (i++ == index) {
                return value;
            }
        }
        return mid;
    }
}
