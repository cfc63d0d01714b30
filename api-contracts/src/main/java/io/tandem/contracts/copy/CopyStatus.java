package io.tandem.contracts.copy;

/** ACTIVE mirrors, PAUSED keeps its positions and mirrors nothing, STOPPING sells everything, CLOSED has returned its cash. */
public enum CopyStatus {
    ACTIVE, PAUSED, STOPPING, CLOSED;

    /** Whether the copy still counts against the copier's and the leader's limits. */
    public boolean isLive() {
        return this != CLOSED;
    }
}
