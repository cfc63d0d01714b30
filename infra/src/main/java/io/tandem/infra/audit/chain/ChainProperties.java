package io.tandem.infra.audit.chain;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The event chain's settings (prefix {@code tandem.audit.chain}).
 *
 * @param key                the checkpoint sealing key (HMAC-SHA256, at least 32 bytes as UTF-8). Blank: a random
 *                           key generated once into {@code <tandem.data-dir>/audit-chain.key}; a deployment with
 *                           several nodes must configure it (on the distributed profile a missing or blank key
 *                           is refused at startup, see {@link ChainKeyGuard}). It must not live in the database
 *                           the chain protects.
 * @param background         whether the server chains new events in the background; the command line turns it off
 * @param interval           how long the background chainer rests once it has caught up
 * @param batchSize          events read, hashed and written per transaction
 * @param checkpointEvery    a checkpoint at the latest after this many chained events
 * @param checkpointInterval and at least this often while events come in
 * @param gapTimeout         how long a hole in the global index may still fill (a transaction that took its index
 *                           and has not committed yet): the chainer does not pass a hole whose next event is younger.
 *                           Axon's tracking processors wait as long for a gap by default (60 s), so an event that
 *                           commits later than that was skipped by them too, and is rightly reported as inserted.
 * @param streamCacheSize    aggregates whose last chained hash is kept in memory (others are read from the table)
 */
@ConfigurationProperties("tandem.audit.chain")
public record ChainProperties(String key,
                              @DefaultValue("true") boolean background,
                              @DefaultValue("1s") Duration interval,
                              @DefaultValue("1000") int batchSize,
                              @DefaultValue("10000") int checkpointEvery,
                              @DefaultValue("60s") Duration checkpointInterval,
                              @DefaultValue("60s") Duration gapTimeout,
                              @DefaultValue("100000") int streamCacheSize) {

    public ChainProperties {
        if (batchSize < 1 || checkpointEvery < 1 || streamCacheSize < 1) {
            throw new IllegalArgumentException("tandem.audit.chain: batch-size, checkpoint-every and stream-cache-size"
                    + " must be positive");
        }
    }

    /** Without the key: these properties may be logged (a failed bind, a debug dump); the key must not be. */
    @Override
    public String toString() {
        return "ChainProperties[key=" + (key == null || key.isBlank() ? "(file)" : "(set)") + ", background=" + background
                + ", interval=" + interval + ", batchSize=" + batchSize + ", checkpointEvery=" + checkpointEvery
                + ", checkpointInterval=" + checkpointInterval + ", gapTimeout=" + gapTimeout
                + ", streamCacheSize=" + streamCacheSize + "]";
    }
}
