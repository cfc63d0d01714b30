package io.tandem.infra.api;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;

import java.util.Optional;

/**
 * Recognises refusals however they arrive: a {@link TandemException} thrown locally, the same code
 * carried as the details of Axon's {@link CommandExecutionException} (distributed command bus), or
 * Axon's own repository exceptions (an identifier that belongs to an aggregate of another kind counts
 * as missing, as an unknown one does). Causes are followed, so wrappers (futures, reflection) do not hide them.
 * An {@link ArithmeticException} is a refusal too: money, prices and quantities use exact arithmetic
 * ({@code Math.addExact}, {@code longValueExact}), which throws rather than wrap around, so it means a
 * request pushed an amount past what can be represented (say, two huge adjustments to one account),
 * which is the client's AMOUNT_TOO_LARGE (422), not a server fault.
 * Anything not recognised is not a refusal but a fault, and is left to the caller to report as one.
 */
public final class Failures {

    private static final int MAX_DEPTH = 16;

    private Failures() {
    }

    /**
     * @param whenAggregateMissing the code for {@link AggregateNotFoundException} in the caller's
     *                             context (an unknown account, an unknown order); null means a generic NOT_FOUND
     */
    public static Optional<Failure> classify(Throwable error, ErrorCode whenAggregateMissing) {
        Throwable current = error;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            Optional<Failure> known = recognise(current, whenAggregateMissing);
            if (known.isPresent()) {
                return known;
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return Optional.empty();
    }

    private static Optional<Failure> recognise(Throwable error, ErrorCode whenAggregateMissing) {
        if (error instanceof TandemException refusal) {
            return Optional.of(Failure.of(refusal.code(), refusal.getMessage()));
        }
        if (error instanceof CommandExecutionException execution) {
            return execution.getDetails().flatMap(ErrorCode::fromDetails)
                    .map(code -> Failure.of(code, execution.getMessage()));
        }
        if (error instanceof AggregateNotFoundException missing) {
            return Optional.of(whenAggregateMissing == null
                    ? new Failure(Failure.statusOf(ErrorCode.Category.NOT_FOUND), "NOT_FOUND", "Not found")
                    : Failure.of(whenAggregateMissing, "'" + missing.getAggregateIdentifier() + "' does not exist"));
        }
        if (error instanceof IncompatibleAggregateException) {
            // Axon loaded the events of an aggregate of another kind under that identifier (a copy's id
            // named as an account, a user id as an account): it names nothing of the kind asked for.
            return Optional.of(whenAggregateMissing == null
                    ? new Failure(Failure.statusOf(ErrorCode.Category.NOT_FOUND), "NOT_FOUND", "Not found")
                    : Failure.of(whenAggregateMissing, "That identifier names no such thing"));
        }
        if (error instanceof AggregateStreamCreationException) {
            return Optional.of(Failure.of(ErrorCode.ACCOUNT_ALREADY_EXISTS, "The account already exists"));
        }
        if (error instanceof ConcurrencyException || error instanceof ConflictingModificationException) {
            return Optional.of(Failure.of(ErrorCode.CONCURRENT_MODIFICATION,
                    "Changed concurrently by another request; retry"));
        }
        if (error instanceof ArithmeticException) {
            return Optional.of(Failure.of(ErrorCode.AMOUNT_TOO_LARGE, "An amount is too large to be represented exactly"));
        }
        if (error instanceof IllegalArgumentException malformed) {
            return Optional.of(Failure.of(ErrorCode.MALFORMED_REQUEST, malformed.getMessage()));
        }
        return Optional.empty();
    }
}
