package io.tandem.infra.audit;

/**
 * Where a long audit run is: the command line draws it as a progress bar on standard error, the
 * admin HTTP endpoint shows it on the run's status. Calls come from the thread doing the work; an
 * implementation must be cheap (called up to once per event) and must not throw.
 */
public interface Progress {

    /**
     * A new phase begins (for example "replaying portfolio" or "checking chain").
     *
     * @param total how many units the phase has (events, documents), or a value of 0 or less when unknown
     */
    void phase(String name, long total);

    /** How many units of the current phase are done so far (absolute, not an increment). */
    void done(long units);

    /** Reports nothing. */
    static Progress none() {
        return new Progress() {
            @Override
            public void phase(String name, long total) {
            }

            @Override
            public void done(long units) {
            }
        };
    }
}
