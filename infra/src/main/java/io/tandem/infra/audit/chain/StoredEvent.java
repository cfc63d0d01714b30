package io.tandem.infra.audit.chain;

import org.springframework.jdbc.core.RowMapper;

/**
 * One row of Axon's {@code domain_event_entry} exactly as stored: the fields the chain hashes are the
 * stored bytes and strings, not a deserialized message, so the hash is independent of serializers and
 * upcasters and changes when anything in the row changes.
 */
record StoredEvent(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                   String aggregateType, String timeStamp, String payloadType, String payloadRevision,
                   byte[] payload, byte[] metaData) {

    /** The columns {@link #MAPPER} reads, in its order. */
    static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, type,"
            + " time_stamp, payload_type, payload_revision, payload, meta_data";

    static final RowMapper<StoredEvent> MAPPER = (rs, row) -> new StoredEvent(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
            rs.getBytes(9), rs.getBytes(10));
}
