package io.tandem.projection.support;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Work a projector does once per batch rather than once per event: state kept for the batch, and
 * tasks that run when the batch commits, after the writes it queued ({@link ReadModelWrites}) were
 * sent and before the processor's token is stored. A task therefore sees what the batch wrote (a
 * count of a listing) and a failing task fails the batch, which is then delivered again.
 * <p>
 * Without a unit of work (plain unit tests, tools) a task runs at once and state lives for one call,
 * so a projector behaves the same event by event.
 */
public final class BatchEnd {

    private static final String TASKS = BatchEnd.class.getName() + ".tasks";
    private static final String STATE = BatchEnd.class.getName() + ".state.";

    private BatchEnd() {
    }

    /**
     * Runs {@code task} when the current batch commits; of the tasks registered under one key during
     * a batch only the first runs. Tasks run in the order they were first registered.
     */
    public static void once(String key, Runnable task) {
        UnitOfWork<?> root = startedRoot();
        if (root == null) {
            task.run();
            return;
        }
        Map<String, Runnable> tasks = root.getOrComputeResource(TASKS, name -> {
            Map<String, Runnable> created = new LinkedHashMap<>();
            root.onPrepareCommit(unitOfWork -> created.values().forEach(Runnable::run));
            return created;
        });
        tasks.putIfAbsent(key, task);
    }

    /** State under {@code key} for the rest of the current batch, created on first use; a new one without a batch. */
    public static <T> T state(String key, Supplier<T> create) {
        UnitOfWork<?> root = startedRoot();
        if (root == null) {
            return create.get();
        }
        return root.getOrComputeResource(STATE + key, name -> create.get());
    }

    private static UnitOfWork<?> startedRoot() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.phase() == UnitOfWork.Phase.STARTED ? root : null;
    }
}
