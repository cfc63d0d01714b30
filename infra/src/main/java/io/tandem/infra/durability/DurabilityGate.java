package io.tandem.infra.durability;

/**
 * Waits until everything committed to the event store before the call is on disk. With an event
 * store that writes each commit through (PostgreSQL) there is nothing to wait for; the embedded H2
 * store commits in memory and writes in groups ({@link H2GroupCommit}).
 */
public interface DurabilityGate {

    /** Returns once every transaction committed before this call survives a crash of this process. */
    void awaitDurable();

    /** For stores whose commits are durable when they return. */
    static DurabilityGate immediate() {
        return () -> {
        };
    }
}
