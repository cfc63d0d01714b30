package io.tandem.infra.audit.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.infra.audit.AuditContext;
import io.tandem.infra.audit.AuditRefusal;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads one aggregate's events from the event table, in sequence order, one row at a time (a JDBC
 * cursor with a fetch size in a read-only transaction: an aggregate of 100,000 events is never held
 * in memory), upcasts each to the current revision with the upcaster chain of every
 * {@link EventUpcaster} bean and the {@code eventSerializer}, and hands it on as a {@link HistoryEvent}.
 * The table is read with SQL rather than through the {@code EventStore} because history shows what the
 * store holds: the global index and the stored revision, which an event message does not carry.
 */
@Service
public class HistoryService {

    static final int FETCH_SIZE = 500;
    private static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, type,"
            + " time_stamp, payload_type, payload_revision, payload, meta_data";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final Serializer serializer;
    private final EventUpcasterChain upcasters;
    private final ObjectMapper json;

    public HistoryService(DataSource dataSource, PlatformTransactionManager transactionManager,
                          @Qualifier("eventSerializer") Serializer serializer, ObjectProvider<EventUpcaster> upcasters,
                          ObjectMapper json) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.serializer = serializer;
        this.upcasters = AuditContext.upcasterChain(upcasters);
        this.json = json;
    }

    /** Whether the store holds any event of the aggregate. */
    public boolean exists(String aggregateId) {
        return readOnly.execute(status -> jdbc.queryForObject(
                "select min(sequence_number) from domain_event_entry where aggregate_identifier = ?",
                Long.class, aggregateId)) != null;
    }

    /**
     * Hands every event of the aggregate with a timestamp in {@code [from, to]} (either may be null) and a
     * sequence number of at most {@code upToSequence} (null: all) to {@code consumer}, in sequence order.
     *
     * @return how many events were handed on
     * @throws AuditRefusal when the store holds no event of the aggregate at all
     */
    public long forEach(String aggregateId, Instant from, Instant to, Long upToSequence, Consumer<HistoryEvent> consumer) {
        if (!exists(aggregateId)) {
            throw AuditRefusal.unknownAggregate(aggregateId);
        }
        long[] count = {0};
        readOnly.executeWithoutResult(status -> jdbc.query("select " + COLUMNS + " from domain_event_entry"
                        + " where aggregate_identifier = ?" + (upToSequence == null ? "" : " and sequence_number <= ?")
                        + " order by sequence_number",
                (RowCallbackHandler) resultSet -> {
                    for (HistoryEvent event : read(resultSet)) {
                        boolean inRange = (from == null || !event.timestamp().isBefore(from))
                                && (to == null || !event.timestamp().isAfter(to));
                        if (inRange) {
                            consumer.accept(event);
                            count[0]++;
                        }
                    }
                },
                upToSequence == null ? new Object[]{aggregateId} : new Object[]{aggregateId, upToSequence}));
        return count[0];
    }

    /** The aggregate's event at {@code sequence}, if stored (an instrument's listing is its book's event 0). */
    public Optional<HistoryEvent> event(String aggregateId, long sequence) {
        return readOnly.execute(status -> jdbc.query("select " + COLUMNS + " from domain_event_entry"
                        + " where aggregate_identifier = ? and sequence_number = ?",
                (ResultSetExtractor<Optional<HistoryEvent>>) resultSet ->
                        resultSet.next() ? read(resultSet).stream().findFirst() : Optional.empty(),
                aggregateId, sequence));
    }

    /** The event as the application reads it: the upcast payload deserialized, with its metadata. */
    public GenericDomainEventMessage<?> message(HistoryEvent event) {
        Object payload = serializer.deserialize(new SimpleSerializedObject<>(event.payload(), JsonNode.class,
                event.payloadType(), event.revision()));
        Map<String, Object> metadata = json.convertValue(storedMetadata(event), json.getTypeFactory()
                .constructMapType(Map.class, String.class, Object.class));
        return new GenericDomainEventMessage<>(event.aggregateType(), event.aggregateId(), event.sequenceNumber(),
                payload, MetaData.from(metadata), event.eventId(), event.timestamp());
    }

    /** The current row (the result set is positioned on it) upcast: usually one event, none if an upcaster dropped it. */
    private List<HistoryEvent> read(ResultSet row) throws SQLException {
        long globalIndex = row.getLong("global_index");
        String storedRevision = row.getString("payload_revision");
        byte[] metadataBytes = row.getBytes("meta_data");
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(row.getString("type"),
                row.getString("aggregate_identifier"), row.getLong("sequence_number"), row.getString("event_identifier"),
                row.getString("time_stamp"), row.getString("payload_type"), storedRevision, row.getBytes("payload"),
                metadataBytes);
        JsonNode metadata = parse(metadataBytes);
        Stream<IntermediateEventRepresentation> upcast = upcasters.upcast(Stream.of(new InitialEventRepresentation(entry, serializer)));
        List<HistoryEvent> events = new ArrayList<>(1);
        for (Iterator<IntermediateEventRepresentation> it = upcast.iterator(); it.hasNext(); ) {
            IntermediateEventRepresentation representation = it.next();
            JsonNode payload = representation.getData(JsonNode.class).getData();
            events.add(event(globalIndex, entry, storedRevision, representation, payload, metadata));
        }
        return events;
    }

    private static HistoryEvent event(long globalIndex, GenericDomainEventEntry<byte[]> entry, String storedRevision,
                                      IntermediateEventRepresentation representation, JsonNode payload, JsonNode metadata) {
        ObjectNode rest = metadata.isObject() ? ((ObjectNode) metadata).deepCopy() : new ObjectMapper().createObjectNode();
        String who = text(rest.remove(HistoryEvent.WHO_KEY));
        String correlation = text(rest.remove(HistoryEvent.STORED_CORRELATION_KEY));
        String causation = text(rest.remove(HistoryEvent.STORED_CAUSATION_KEY));
        return new HistoryEvent(globalIndex, entry.getSequenceNumber(), entry.getTimestamp(), entry.getType(),
                entry.getAggregateIdentifier(), entry.getEventIdentifier(), representation.getType().getName(),
                storedRevision, representation.getType().getRevision(), who, correlation, causation, payload, rest);
    }

    /** The metadata with the stored keys, as Axon wrote them. */
    private ObjectNode storedMetadata(HistoryEvent event) {
        ObjectNode stored = event.metadata() != null && event.metadata().isObject()
                ? ((ObjectNode) event.metadata()).deepCopy() : json.createObjectNode();
        if (event.who() != null) {
            stored.put(HistoryEvent.WHO_KEY, event.who());
        }
        if (event.correlationId() != null) {
            stored.put(HistoryEvent.STORED_CORRELATION_KEY, event.correlationId());
        }
        if (event.causationId() != null) {
            stored.put(HistoryEvent.STORED_CAUSATION_KEY, event.causationId());
        }
        return stored;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private JsonNode parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable event metadata", e);
        }
    }
}
