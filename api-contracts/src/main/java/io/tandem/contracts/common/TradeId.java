package io.tandem.contracts.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies one execution between a maker and a taker order; unique per order book.
 * <p>
 * The order book numbers its trades 1, 2, 3... and writes the id as {@code <SYMBOL>-<n>} (built
 * only by {@link #of(Symbol, long)}), so an id also tells which book and which trade of that book it
 * is: accounts use that to remember the trades they have settled in constant space per symbol.
 * {@link #symbol()} and {@link #sequence()} split the id at its <em>last</em> {@code '-'}: symbols
 * may contain dots but never a {@code '-'} (see {@code InstrumentSpec}), so the split is unambiguous.
 * <p>
 * Value semantics: {@code toString()} returns the raw id because Axon builds saga association
 * values and routing keys from it.
 */
public record TradeId(@JsonValue String value) {

    private static final char SEPARATOR = '-';

    public TradeId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("TradeId must not be blank");
        }
    }

    @JsonCreator
    public static TradeId of(String value) {
        return new TradeId(value);
    }

    /** The id of trade number {@code sequence} (counting from 1) of the book of {@code symbol}. */
    public static TradeId of(Symbol symbol, long sequence) {
        if (symbol.value().indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("symbol " + symbol + " must not contain '" + SEPARATOR + "'");
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("trade sequence must be positive, was " + sequence);
        }
        return new TradeId(symbol.value() + SEPARATOR + sequence);
    }

    /**
     * The symbol of the book that executed the trade: everything before the last {@code '-'}.
     *
     * @throws IllegalArgumentException if the id is not of the form {@code <SYMBOL>-<n>}
     */
    public Symbol symbol() {
        int at = lastSeparator();
        parseSequence(at);
        return Symbol.of(value.substring(0, at));
    }

    /**
     * The trade's number within its book (1 for the first trade): everything after the last {@code '-'}.
     *
     * @throws IllegalArgumentException if the id is not of the form {@code <SYMBOL>-<n>}
     */
    public long sequence() {
        return parseSequence(lastSeparator());
    }

    /** Index of the last separator, after checking that a non-blank symbol precedes it. */
    private int lastSeparator() {
        int at = value.lastIndexOf(SEPARATOR);
        if (at <= 0 || value.substring(0, at).isBlank()) {
            throw notSequenced();
        }
        return at;
    }

    private long parseSequence(int separator) {
        int start = separator + 1;
        if (start == value.length()) {
            throw notSequenced();
        }
        for (int i = start; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw notSequenced();
            }
        }
        try {
            long sequence = Long.parseLong(value, start, value.length(), 10);
            if (sequence < 1) {
                throw notSequenced();
            }
            return sequence;
        } catch (NumberFormatException e) {
            throw notSequenced();
        }
    }

    private IllegalArgumentException notSequenced() {
        return new IllegalArgumentException("trade id " + value + " is not of the form <SYMBOL>-<n>");
    }

    @Override
    public String toString() {
        return value;
    }
}
