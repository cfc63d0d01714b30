package io.tandem.infra.audit.history;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One stored event as {@code history} shows it.
 * <p>
 * {@code payload} is the event's JSON <em>upcast to the current revision</em> (what the application
 * reads today); {@code storedRevision} is the revision it was written with and {@code revision} the
 * one after upcasting (equal when no upcaster applied). {@code payloadType} is the type after upcasting.
 * <p>
 * Metadata: {@code who} is the authenticated subject that caused the event, or {@code system:<component>}
 * for processes, sagas and schedulers. {@code correlationId} is the id of the <em>first</em> message of
 * the chain (Axon's {@code traceId} key) and {@code causationId} the id of the message whose handling
 * produced this event, usually the command (Axon's {@code correlationId} key: Axon names it so, the
 * stored keys are kept as they are). {@code metadata} holds every other key.
 */
@JsonPropertyOrder({"globalIndex", "sequenceNumber", "timestamp", "aggregateType", "aggregateId", "eventId",
        "payloadType", "storedRevision", "revision", "who", "correlationId", "causationId", "payload", "metadata"})
public record HistoryEvent(long globalIndex, long sequenceNumber, Instant timestamp, String aggregateType,
                           String aggregateId, String eventId, String payloadType, String storedRevision,
                           String revision, String who, String correlationId, String causationId,
                           JsonNode payload, JsonNode metadata) {

    /** Axon's MessageOriginProvider keys as stored, and where history shows them. */
    public static final String STORED_CORRELATION_KEY = "traceId";
    public static final String STORED_CAUSATION_KEY = "correlationId";
    public static final String WHO_KEY = "who";
}
