package io.tandem.command.copy;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.copy.ClaimCopyAllowanceCommand;
import io.tandem.contracts.copy.CopyAllowanceChangedEvent;
import io.tandem.contracts.copy.CopyIds;
import io.tandem.contracts.copy.ReleaseCopyAllowanceCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * How many live copies one copier has ({@link CopyIds#allowance}), so that a copier cannot start more
 * than {@code tandem.copy.max-copies-per-user}: a limit across copies needs one place that counts
 * them. It is claimed in a copy's start transaction and released in its close transaction, and the
 * copy aggregate makes sure each happens once per copy, so the allowance keeps only the count (it
 * never goes below zero). Two events per copy, so it has no snapshots.
 */
@Aggregate
@Revision("1")
public class CopyAllowance {

    @AggregateIdentifier
    private String allowanceId;
    private UserId copier;
    private int live;

    protected CopyAllowance() {
        // Axon rebuilds the allowance from its events.
    }

    /** Counts one more live copy; refused with TOO_MANY_COPIES when the copier already has {@code max}. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ClaimCopyAllowanceCommand command) {
        if (live >= command.max()) {
            throw new TandemException(ErrorCode.TOO_MANY_COPIES,
                    "a copier may have at most " + command.max() + " live copies");
        }
        apply(new CopyAllowanceChangedEvent(command.allowanceId(), command.copier(), command.copyId(), true, live + 1));
    }

    @CommandHandler
    public void handle(ReleaseCopyAllowanceCommand command) {
        apply(new CopyAllowanceChangedEvent(allowanceId, copier, command.copyId(), false, Math.max(0, live - 1)));
    }

    @EventSourcingHandler
    void on(CopyAllowanceChangedEvent event) {
        allowanceId = event.allowanceId();
        copier = event.copier();
        live = event.live();
    }
}
