package io.tandem.contracts.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A quantity in whole lots of its instrument's lot size (a lot may be a fraction of a share, e.g.
 * 0.0001). Zero is allowed (e.g. nothing filled yet); negative quantities are not.
 */
public record Quantity(@JsonValue long lots) implements Comparable<Quantity> {

    public static final Quantity ZERO = new Quantity(0);

    public Quantity {
        if (lots < 0) {
            throw new TandemException(ErrorCode.INVALID_QUANTITY, "quantity must not be negative");
        }
    }

    @JsonCreator
    public static Quantity ofLots(long lots) {
        return new Quantity(lots);
    }

    public Quantity plus(Quantity other) {
        return new Quantity(Math.addExact(lots, other.lots));
    }

    public Quantity minus(Quantity other) {
        return new Quantity(Math.subtractExact(lots, other.lots));
    }

    public static Quantity min(Quantity a, Quantity b) {
        return a.lots <= b.lots ? a : b;
    }

    public boolean isZero() {
        return lots == 0;
    }

    public boolean isPositive() {
        return lots > 0;
    }

    @Override
    public int compareTo(Quantity other) {
        return Long.compare(lots, other.lots);
    }

    @Override
    public String toString() {
        return lots + "L";
    }
}
