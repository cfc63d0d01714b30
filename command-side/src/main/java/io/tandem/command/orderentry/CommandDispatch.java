package io.tandem.command.orderentry;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Sends a command and waits, in the caller's thread and so in the caller's transaction, and turns
 * whatever refused it into the {@link TandemException} the caller should see: the aggregate's own
 * exception when it arrives as is (local command bus), the error code carried in the details of a
 * {@link CommandExecutionException} (distributed command bus), a missing aggregate as the given
 * not-found code, and a lost race on an aggregate (a conflicting append, or a lock Axon refused to
 * wait for because waiting would deadlock) as CONCURRENT_MODIFICATION. Public because payment
 * entry ({@code io.tandem.command.payment}) dispatches its requests the same way.
 */
@Component
public class CommandDispatch {

    private final CommandGateway commandGateway;

    CommandDispatch(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    /** Sends {@code command}; an unknown target aggregate is reported with {@code notFound}. */
    public <R> R send(Object command, ErrorCode notFound) {
        try {
            R result = commandGateway.sendAndWait(command);
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while waiting for " + command.getClass().getSimpleName());
            }
            return result;
        } catch (RuntimeException e) {
            throw translate(e, notFound);
        }
    }

    static RuntimeException translate(RuntimeException failure, ErrorCode notFound) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TandemException refusal) {
                return refusal;
            }
            if (cause instanceof CommandExecutionException remote) {
                Optional<ErrorCode> code = ErrorCode.fromDetails(remote.getDetails().orElse(null));
                if (code.isPresent()) {
                    return new TandemException(code.get(), remote.getMessage());
                }
            }
            if (cause instanceof AggregateNotFoundException missing) {
                return TandemException.notFound(notFound, missing.getAggregateIdentifier());
            }
            // A lock that could not be taken (Axon's deadlock detection broke a cycle, e.g. two traders
            // starting to copy each other at once, each holding their own account) is a lost race too.
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException
                    || cause instanceof LockAcquisitionFailedException) {
                return new TandemException(ErrorCode.CONCURRENT_MODIFICATION, "a concurrent request changed the same data; retry");
            }
        }
        return failure;
    }
}
