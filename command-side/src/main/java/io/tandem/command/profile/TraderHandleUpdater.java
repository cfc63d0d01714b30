package io.tandem.command.profile;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.profile.Handles;
import io.tandem.contracts.profile.TraderProfileSetEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Keeps the handle table in step with the profiles (the set-based validation pattern). It runs in a
 * subscribing processor whose errors propagate (see {@link ProfileConfiguration}), so the table
 * changes in the transaction of the profile's event, and a failure fails that request.
 * <p>
 * Two requests that claim one free handle at once both pass profile entry's check; the second
 * insert then fails on the table's primary key (after waiting for the first transaction) and is
 * reported as CONCURRENT_MODIFICATION, so the request runs again and finds the handle taken. A
 * changed handle deletes the user's old row first, which frees the old handle in the same transaction.
 * <p>
 * Idempotent for {@link io.tandem.command.support.LookupTableRebuild}: an event applied again finds
 * the user's row with its key and only sets the handle as typed.
 */
@Component
@ProcessingGroup(TraderHandleUpdater.PROCESSING_GROUP)
class TraderHandleUpdater {

    static final String PROCESSING_GROUP = "trader-handles";

    private final TraderHandleRepository handles;

    TraderHandleUpdater(TraderHandleRepository handles) {
        this.handles = handles;
    }

    @EventHandler
    void on(TraderProfileSetEvent event) {
        String user = event.userId().value();
        String key = Handles.key(event.handle());
        TraderHandle current = handles.findByUserId(user).orElse(null);
        if (current != null && current.getId().equals(key)) {
            current.retype(event.handle());
            return;
        }
        if (current != null) {
            handles.delete(current);
            handles.flush();
        }
        handles.findById(key).ifPresent(holder -> {
            throw new TandemException(ErrorCode.HANDLE_TAKEN, "the handle '" + event.handle() + "' is taken");
        });
        try {
            handles.saveAndFlush(new TraderHandle(key, user, event.handle()));
        } catch (DataIntegrityViolationException | ConcurrencyFailureException lostRace) {
            throw new TandemException(ErrorCode.CONCURRENT_MODIFICATION, "a concurrent request claimed the same handle; retry");
        }
    }
}
