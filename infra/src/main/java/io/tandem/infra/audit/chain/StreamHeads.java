package io.tandem.infra.audit.chain;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last chained hash of recently seen aggregate streams, so that chaining an event rarely needs a
 * query for its predecessor: at most {@code capacity} streams, the least recently used forgotten first,
 * and a forgotten one read back from {@code event_chain} through the event table's (aggregate, sequence) index.
 * <p>
 * An event's predecessor is the chain row of the same aggregate with the sequence number one lower and
 * a lower global index; a stream's first event, and an event whose predecessor was never chained, has
 * none. The chainer and the verification apply this same rule, one while writing and one while reading.
 */
final class StreamHeads {

    private record Head(long sequenceNumber, long globalIndex, byte[] hash) {
    }

    private final JdbcTemplate jdbc;
    private final Map<String, Head> heads;

    StreamHeads(JdbcTemplate jdbc, int capacity) {
        this.jdbc = jdbc;
        this.heads = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Head> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The hash of the event before {@code (aggregate, sequenceNumber)} in its stream, {@link EventHasher#NO_PREVIOUS}
     * for a stream's first event, or null when its predecessor is not chained.
     */
    byte[] previous(String aggregate, long sequenceNumber, long globalIndex) {
        if (sequenceNumber == 0) {
            return EventHasher.NO_PREVIOUS;
        }
        Head head = heads.get(aggregate);
        if (head != null && head.sequenceNumber == sequenceNumber - 1 && head.globalIndex < globalIndex) {
            return head.hash;
        }
        List<byte[]> stored = jdbc.query("select c.event_hash from domain_event_entry e join event_chain c"
                        + " on c.global_index = e.global_index where e.aggregate_identifier = ? and e.sequence_number = ?"
                        + " and e.global_index < ? and c.aggregate_identifier = e.aggregate_identifier"
                        + " and c.sequence_number = e.sequence_number", (rs, row) -> rs.getBytes(1),
                aggregate, sequenceNumber - 1, globalIndex);
        return stored.isEmpty() ? null : stored.get(0);
    }

    void chained(String aggregate, long sequenceNumber, long globalIndex, byte[] hash) {
        Head head = heads.get(aggregate);
        if (head == null || head.sequenceNumber < sequenceNumber) {
            heads.put(aggregate, new Head(sequenceNumber, globalIndex, hash));
        }
    }

    void clear() {
        heads.clear();
    }
}
