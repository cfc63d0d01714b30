package io.tandem.command.orderentry;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Supplier;

/**
 * Transactions for order-entry requests. Axon releases an aggregate's lock when its command's unit
 * of work ends, which inside a request transaction is before the database commit; two requests on
 * the same account can therefore both load it and race to append the same event sequence number.
 * The database lets one win and the other fails with CONCURRENT_MODIFICATION after a full
 * rollback, so that request is simply run again, a few times, before the conflict is reported.
 * Payment entry ({@code io.tandem.command.payment}) has the same race and uses the same remedy.
 */
@Component
public class RequestTransactions {

    static final int ATTEMPTS = 5;

    private final TransactionTemplate template;

    RequestTransactions(PlatformTransactionManager transactionManager) {
        this.template = new TransactionTemplate(transactionManager);
    }

    /** Runs {@code work} in a new transaction that rolls back on any exception. */
    public <T> T inTransaction(Supplier<T> work) {
        return template.execute(status -> work.get());
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
