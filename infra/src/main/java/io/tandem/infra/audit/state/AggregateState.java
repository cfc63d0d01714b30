package io.tandem.infra.audit.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tandem.infra.audit.AuditReport;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The report of {@code state}: the aggregate's state after {@code events} (an Account as the
 * {@code account} read model shows it plus its open reservations; an OrderBook as the
 * {@code orderBook} read model's depth; any other type as the fields its events set), up to the
 * sequence number {@code sequenceNumber} (-1: no event yet) and the time asked for, with a
 * {@code note} when the point asked for is past the last event or before the first.
 */
public record AggregateState(String aggregateId, String aggregateType, Long askedSequence, Instant askedTime,
                             long sequenceNumber, Instant lastEventTime, String note, Object state,
                             List<EventLine> events) implements AuditReport {

    private static final JsonMapper PRETTY = JsonMapper.builder().findAndAddModules()
            .enable(SerializationFeature.INDENT_OUTPUT).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    /** One of the events that made the state. */
    public record EventLine(long globalIndex, long sequenceNumber, Instant timestamp, String payloadType, String who) {
    }

    @Override
    public boolean ok() {
        return true;
    }

    @Override
    public String human() {
        String point = askedSequence != null ? "sequence " + askedSequence : "time " + askedTime;
        StringBuilder text = new StringBuilder()
                .append(aggregateType).append(' ').append(aggregateId).append(" at ").append(point)
                .append(": ").append(events.size()).append(" events, up to sequence ").append(sequenceNumber)
                .append(lastEventTime == null ? "" : " (" + lastEventTime + ")");
        if (note != null) {
            text.append("\nNote: ").append(note);
        }
        try {
            text.append("\n").append(PRETTY.writeValueAsString(state));
        } catch (JsonProcessingException e) {
            text.append("\n").append(state);
        }
        text.append("\nEvents:\n").append(events.stream()
                .map(event -> "  #%d seq %d %s %s%s".formatted(event.globalIndex(), event.sequenceNumber(), event.timestamp(),
                        event.payloadType().substring(event.payloadType().lastIndexOf('.') + 1),
                        event.who() == null ? "" : " by " + event.who()))
                .collect(Collectors.joining("\n")));
        return text.toString();
    }
}
