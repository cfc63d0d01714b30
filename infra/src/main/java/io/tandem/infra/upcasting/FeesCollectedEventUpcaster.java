package io.tandem.infra.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.contracts.account.FeesCollectedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads {@link FeesCollectedEvent} payloads of revisions 1 and 2 as revision 3, on the Jackson tree:
 * {@code tradeId} (the run's last trade) becomes {@code lastTradeId}, and a missing
 * {@code firstTradeId} (every revision 1 payload: a run of one trade) becomes that same trade.
 * Amount and account are unchanged. Revision 3 payloads and other events pass through untouched.
 * <p>
 * No aggregate snapshot holds the event (the account keeps only its per-symbol fee watermark), so
 * no snapshot revision changes with it.
 */
public final class FeesCollectedEventUpcaster extends SingleEventUpcaster {

    static final String TYPE = FeesCollectedEvent.class.getName();
    static final String REVISION = "3";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        String revision = representation.getType().getRevision();
        return TYPE.equals(representation.getType().getName()) && ("1".equals(revision) || "2".equals(revision));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TYPE, REVISION), JsonNode.class,
                FeesCollectedEventUpcaster::toRevision3);
    }

    /** The revision 3 shape of a revision 1 or 2 payload (a copy; the argument is not changed). */
    static JsonNode toRevision3(JsonNode payload) {
        ObjectNode upcast = ((ObjectNode) payload).deepCopy();
        JsonNode last = upcast.remove("tradeId");
        if (last == null || last.isNull()) {
            throw new IllegalArgumentException("a fee collection of revision 1 or 2 without its tradeId: " + payload);
        }
        upcast.set("lastTradeId", last);
        JsonNode first = upcast.get("firstTradeId");
        if (first == null || first.isNull()) {
            upcast.set("firstTradeId", last);
        }
        return upcast;
    }
}
