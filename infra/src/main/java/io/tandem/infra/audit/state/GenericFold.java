package io.tandem.infra.audit.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.infra.audit.history.HistoryEvent;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * The state of an aggregate of another type (a payment, a profile, a post, a copy): every field the
 * events have set, each with the value of the last event that set it (top-level payload fields, upcast
 * JSON). It has no read model of its own to mirror; the events listed beside it say what happened.
 */
final class GenericFold implements StateFold {

    private final ObjectNode fields = JsonNodeFactory.instance.objectNode();

    @Override
    public void apply(HistoryEvent stored, DomainEventMessage<?> event) {
        JsonNode payload = stored.payload();
        if (payload != null && payload.isObject()) {
            payload.fields().forEachRemaining(field -> fields.set(field.getKey(), field.getValue()));
        }
    }

    @Override
    public Object state() {
        return fields;
    }
}
