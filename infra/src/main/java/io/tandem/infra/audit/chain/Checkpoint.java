package io.tandem.infra.audit.chain;

import org.springframework.jdbc.core.RowMapper;

/**
 * A sealed checkpoint: the chain rows after the previous checkpoint up to {@code upTo} (global index),
 * {@code count} of them, hashed in global order onto the previous checkpoint's cumulative hash, and that
 * sealed with the chain key.
 */
record Checkpoint(long ordinal, long upTo, long count, byte[] cumulative, byte[] seal, String keyId, long createdAt) {

    static final String COLUMNS = "ordinal, up_to_global_index, event_count, cumulative_hash, seal, key_id, created_at";

    static final RowMapper<Checkpoint> MAPPER = (rs, row) -> new Checkpoint(rs.getLong(1), rs.getLong(2), rs.getLong(3),
            rs.getBytes(4), rs.getBytes(5), rs.getString(6), rs.getLong(7));
}
