package io.tandem.infra.audit;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * The command line's progress bar on standard error: phase, units done of total (with a bar and a
 * percentage when the total is known) and the rate, redrawn in place with {@code \r} at most ten
 * times a second. {@link #end()} finishes the line.
 */
public final class ProgressBar implements Progress {

    static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 24;

    private final PrintStream err;
    private final LongSupplier nanoTime;
    private String phase = "";
    private long total;
    private long phaseStarted;
    private long lastDrawn = Long.MIN_VALUE;
    private int lastLength;
    private boolean drawn;

    public ProgressBar(PrintStream err) {
        this(err, System::nanoTime);
    }

    ProgressBar(PrintStream err, LongSupplier nanoTime) {
        this.err = err;
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized void phase(String name, long total) {
        if (drawn) {
            err.println();
            lastLength = 0;
        }
        this.phase = name;
        this.total = total;
        this.phaseStarted = nanoTime.getAsLong();
        this.lastDrawn = Long.MIN_VALUE;
        draw(0, true);
    }

    @Override
    public synchronized void done(long units) {
        draw(units, total > 0 && units >= total);
    }

    /** Ends the current line, if anything was drawn. */
    public synchronized void end() {
        if (drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }

    private void draw(long units, boolean force) {
        long now = nanoTime.getAsLong();
        if (!force && lastDrawn != Long.MIN_VALUE && now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = now;
        String line = line(phase, units, total, now - phaseStarted);
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
        drawn = true;
    }

    static String line(String phase, long done, long total, long elapsedNanos) {
        StringBuilder line = new StringBuilder(phase).append(' ');
        if (total > 0) {
            long filled = Math.min(WIDTH, done * WIDTH / total);
            line.append('[').append("#".repeat((int) filled)).append(" ".repeat((int) (WIDTH - filled))).append("] ")
                    .append(done).append('/').append(total).append(' ').append(Math.min(100, done * 100 / total)).append('%');
        } else {
            line.append(done);
        }
        if (elapsedNanos > 0 && done > 0) {
            line.append(' ').append(done * 1_000_000_000L / elapsedNanos).append("/s");
        }
        return line.toString();
    }
}
