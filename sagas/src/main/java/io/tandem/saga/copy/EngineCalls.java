package io.tandem.saga.copy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs copy engine calls on a small pool of threads of their own and waits for all of them. The
 * engine runs each call in its own request transaction; on the processor's thread it would join the
 * batch's unit of work and transaction instead (and hold the copies' account and book locks until the
 * batch commits), so every call goes through here, even a single one.
 */
final class EngineCalls implements AutoCloseable {

    private final ExecutorService pool;

    EngineCalls(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "copy-mirror-engine-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.pool = Executors.newFixedThreadPool(threads, factory);
    }

    /**
     * Runs {@code calls} in parallel and answers their results in the same order, once all have
     * finished. If any failed, throws the first failure (in call order; later ones suppressed into it),
     * after all the others have finished, so that nothing is still running when the batch is retried.
     */
    <T> List<T> runAll(List<Callable<T>> calls) {
        if (calls.isEmpty()) {
            return List.of();
        }
        List<Future<T>> futures = new ArrayList<>(calls.size());
        for (Callable<T> call : calls) {
            futures.add(pool.submit(call));
        }
        List<T> results = new ArrayList<>(calls.size());
        RuntimeException failure = null;
        for (Future<T> future : futures) {
            try {
                results.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                IllegalStateException interrupted = new IllegalStateException("interrupted while the copy engine was mirroring");
                if (failure != null) {
                    interrupted.addSuppressed(failure);
                }
                throw interrupted;
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException runtime
                        ? runtime : new IllegalStateException("copy engine call failed", e.getCause());
                if (failure == null) {
                    failure = cause;
                } else if (failure != cause) {
                    failure.addSuppressed(cause);
                }
                results.add(null);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
