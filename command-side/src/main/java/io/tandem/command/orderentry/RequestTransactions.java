package io.tandem.command.orderentry;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * One request, one Axon unit of work, one database transaction. The request's unit of work is the
 * root, and every command it sends runs in a unit of work nested in it, so:
 * <ul>
 *   <li>the aggregates' events, the order-entry and payment rows and the lookup tables commit or roll
 *       back together (the transaction is attached to the root);</li>
 *   <li>aggregate locks are held until that commit, so no other request can load an account or a
 *       book and build on events that are not committed yet;</li>
 *   <li>a cached order book that a request changed is evicted if the request rolls back, because a
 *       nested unit of work rolls back with its root.</li>
 * </ul>
 * A request can still lose a race another node wins on the event store's unique (aggregate,
 * sequence) key; it then fails with CONCURRENT_MODIFICATION after a full rollback and is simply run
 * again, a few times, before the conflict is reported. Payment entry ({@code io.tandem.command.payment})
 * runs its requests the same way.
 * <p>
 * At most {@code tandem.requests.max-concurrent} requests (default 8) run at once; the others wait
 * for a turn in arrival order before they take a database connection or any lock. Requests of one
 * instrument serialize on its book anyway, so more at once only adds requests that hold a
 * connection and an account lock while they wait for the book, and under many clients that is what
 * drained the connection pool.
 */
@Component
public class RequestTransactions {

    static final int ATTEMPTS = 5;
    private static final String REQUEST = "tandem-request";

    private final TransactionManager transactionManager;
    private final Semaphore admission;

    RequestTransactions(TransactionManager transactionManager,
                        @Value("${tandem.requests.max-concurrent:8}") int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("tandem.requests.max-concurrent must be at least 1");
        }
        this.transactionManager = transactionManager;
        this.admission = new Semaphore(maxConcurrent, true);
    }

    /** Runs {@code work} in a root unit of work with its own transaction, rolled back on any exception. */
    public <T> T inTransaction(Supplier<T> work) {
        try {
            admission.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a turn", e);
        }
        try {
            return run(work);
        } finally {
            admission.release();
        }
    }

    private <T> T run(Supplier<T> work) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>(REQUEST));
        unitOfWork.attachTransaction(transactionManager);
        ResultMessage<T> result = unitOfWork.executeWithResult(work::get, RollbackConfigurationType.ANY_THROWABLE);
        if (!result.isExceptional()) {
            return result.getPayload();
        }
        Throwable failure = result.exceptionResult();
        if (failure instanceof RuntimeException runtime) {
            throw CommandDispatch.translate(runtime, ErrorCode.CONCURRENT_MODIFICATION);
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException("request failed", failure);
    }

    /** Runs {@code request} (which opens its own transactions) again while it loses races. */
    public <T> T retrying(Supplier<T> request) {
        for (int attempt = 1; ; attempt++) {
            try {
                return request.get();
            } catch (TandemException e) {
                if (e.code() != ErrorCode.CONCURRENT_MODIFICATION || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
