package io.tandem.projection.performance;

/**
 * Whether the {@code performance} read model is current enough to rank from: its processor is running
 * here, has caught up with the event stream and is not replaying. The ranker skips a run otherwise,
 * so that it never publishes figures of a half-rebuilt model. A port, so that the ranker needs no
 * event processor in its tests.
 */
@FunctionalInterface
public interface ProjectionProgress {

    /** Always current: for tests and tools that project synchronously. */
    ProjectionProgress ALWAYS = () -> true;

    boolean caughtUp();
}
