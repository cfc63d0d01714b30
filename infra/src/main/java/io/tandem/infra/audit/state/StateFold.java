package io.tandem.infra.audit.state;

import io.tandem.infra.audit.history.HistoryEvent;
import org.axonframework.eventhandling.DomainEventMessage;

/** Folds one aggregate's events, in sequence order, into the state {@code state} shows. */
interface StateFold extends AutoCloseable {

    void apply(HistoryEvent stored, DomainEventMessage<?> event);

    /** The state after the events applied so far, in the shape of the aggregate's live read model. */
    Object state();

    @Override
    default void close() {
    }
}
