package io.tandem.infra.audit.chain;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Recomputes the checkpoints while the verification walks the chain rows in global order: each row goes into
 * the running {@link CumulativeHash}, and when the walk reaches (or passes) a checkpoint's global index the
 * checkpoint is compared with it (rows, count, order) and its seal with the key. The checkpoints are read a page
 * at a time, never all at once. After a mismatch the walk goes on from the checkpoint as stored, so one rewritten
 * range does not make every later checkpoint fail too.
 */
final class CheckpointCheck {

    private static final int PAGE = 1000;

    private final JdbcTemplate jdbc;
    private final ChainKey key;
    private final long head;
    private final Problems problems;
    private final Deque<Checkpoint> page = new ArrayDeque<>();
    private long lastOrdinalRead;
    private boolean exhausted;
    private CumulativeHash running = new CumulativeHash(EventHasher.NO_PREVIOUS);
    private long expectedOrdinal = 1;
    private long from = ChainWriter.NOTHING;
    private long checked;
    private Long sealedUpTo;

    CheckpointCheck(JdbcTemplate jdbc, ChainKey key, long head, Problems problems) {
        this.jdbc = jdbc;
        this.key = key;
        this.head = head;
        this.problems = problems;
    }

    void row(long globalIndex, byte[] eventHash) {
        for (Checkpoint next = next(); next != null && next.upTo() < globalIndex; next = next()) {
            close(page.poll());
        }
        running.add(globalIndex, eventHash);
        Checkpoint next = next();
        if (next != null && next.upTo() == globalIndex) {
            close(page.poll());
        }
    }

    /** Closes the checkpoints the walk has passed without meeting their last row (it was removed). */
    void finish() {
        while (next() != null) {
            close(page.poll());
        }
    }

    long checked() {
        return checked;
    }

    Long sealedUpTo() {
        return sealedUpTo;
    }

    private Checkpoint next() {
        if (page.isEmpty() && !exhausted) {
            page.addAll(jdbc.query("select " + Checkpoint.COLUMNS + " from event_chain_checkpoint where ordinal > ?"
                    + " and up_to_global_index <= ? order by ordinal limit ?", Checkpoint.MAPPER, lastOrdinalRead, head, PAGE));
            exhausted = page.size() < PAGE;
            if (!page.isEmpty()) {
                lastOrdinalRead = page.peekLast().ordinal();
            }
        }
        return page.peek();
    }

    private void close(Checkpoint checkpoint) {
        checked++;
        byte[] computed = running.finish();
        long count = running.count();
        if (checkpoint.ordinal() != expectedOrdinal) {
            mismatch(checkpoint, "checkpoint " + checkpoint.ordinal() + " follows checkpoint " + (expectedOrdinal - 1)
                    + ": a checkpoint was removed or added");
        } else if (count != checkpoint.count() || !Arrays.equals(computed, checkpoint.cumulative())) {
            mismatch(checkpoint, "the chain rows after " + (from == ChainWriter.NOTHING ? "the start" : "global index " + from)
                    + " up to " + checkpoint.upTo() + " (" + count + ") are not the ones checkpoint " + checkpoint.ordinal()
                    + " sealed (" + checkpoint.count() + "): chain rows were changed, removed or added");
        } else if (!Arrays.equals(key.seal(checkpoint.ordinal(), checkpoint.upTo(), checkpoint.count(),
                checkpoint.cumulative()), checkpoint.seal())) {
            mismatch(checkpoint, "the seal of checkpoint " + checkpoint.ordinal() + " does not match"
                    + (key.id().equals(checkpoint.keyId()) ? ": the checkpoint was rewritten"
                    : ": it names key " + checkpoint.keyId() + ", the key given is " + key.id()));
        }
        running = new CumulativeHash(checkpoint.cumulative());
        expectedOrdinal = checkpoint.ordinal() + 1;
        from = checkpoint.upTo();
        sealedUpTo = checkpoint.upTo();
    }

    private void mismatch(Checkpoint checkpoint, String detail) {
        problems.add(ChainProblem.Kind.CHECKPOINT_MISMATCH, checkpoint.upTo(), null, null, detail);
    }
}
