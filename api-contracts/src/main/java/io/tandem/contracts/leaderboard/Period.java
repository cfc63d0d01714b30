package io.tandem.contracts.leaderboard;

/** Leaderboard periods: the last 7, 30 or 90 UTC days up to today included, or every day (ALL, {@code days} 0). */
public enum Period {
    D7(7),
    D30(30),
    D90(90),
    ALL(0);

    private final int days;

    Period(int days) {
        this.days = days;
    }

    /** The number of daily sub-periods, 0 for ALL (unbounded). */
    public int days() {
        return days;
    }
}
