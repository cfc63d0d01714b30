package io.tandem.command.account;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;

import java.util.Objects;
import java.util.TreeSet;

/**
 * Which numbers of a sequence 1, 2, 3... have been seen, in space that does not grow with the
 * sequence: a watermark below which (inclusive) every number has been seen, plus the few numbers
 * seen above it. Numbers that arrive out of order wait in the set until the gap below them closes,
 * then the watermark moves over them and they leave the set.
 * <p>
 * The set stays small only while numbers arrive nearly in order; a holder that sees a sparse subset
 * of the sequence keeps every number it sees. Snapshots are taken through Jackson, so the state is
 * plain fields.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
final class SeenSequences {

    private long watermark;
    private TreeSet<Long> above = new TreeSet<>();

    boolean contains(long sequence) {
        return sequence <= watermark || above.contains(sequence);
    }

    /** Records {@code sequence} (1 or more); recording a number already seen changes nothing. */
    void add(long sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequences start at 1, got " + sequence);
        }
        if (contains(sequence)) {
            return;
        }
        if (sequence != watermark + 1) {
            above.add(sequence);
            return;
        }
        watermark = sequence;
        while (!above.isEmpty() && above.first() == watermark + 1) {
            watermark = above.pollFirst();
        }
    }

    long watermark() {
        return watermark;
    }

    int pending() {
        return above.size();
    }

    /** Value equality, which Axon's test fixture relies on to compare sourced and working state. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SeenSequences that && watermark == that.watermark && above.equals(that.above);
    }

    @Override
    public int hashCode() {
        return Objects.hash(watermark, above);
    }
}
