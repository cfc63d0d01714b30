package io.tandem.projection.performance;

import io.tandem.projection.support.Numbers;
import io.tandem.projection.support.SequencedUpdates;
import org.bson.Document;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import static io.tandem.projection.performance.PerformanceDocuments.*;
import static io.tandem.projection.support.AccountDocuments.positionKey;

/**
 * One account's valuation state as the performance projector folds it, event by event (see
 * {@link PerformanceDocuments} for the stored layout and {@link PerformanceFormulas} for the cost
 * basis rules). Mutable, owned by one batch at a time.
 */
final class Valuation {

    final String accountId;
    String owner;
    String type;
    long cash;
    long netDeposits;
    long realized;
    LocalDate firstDay;
    LocalDate day;
    long previousDaySeq = -1;
    PerformanceFormulas.DayFlows dayFlows = PerformanceFormulas.DayFlows.NONE;
    long dayBuys;
    long daySells;
    long dayWins;
    long lastSeq = -1;
    /** By symbol, sorted, so that stored documents do not depend on the order positions were opened in. */
    final Map<String, Position> positions = new TreeMap<>();

    Valuation(String accountId) {
        this.accountId = accountId;
    }

    /** Moves to the day of an event: a later day starts with fresh day figures; an earlier timestamp counts on the current day. */
    void at(LocalDate eventDay, long sequence) {
        if (firstDay == null) {
            firstDay = eventDay;
        }
        if (day == null || eventDay.isAfter(day)) {
            if (day != null) {
                previousDaySeq = lastSeq;
            }
            day = eventDay;
            dayFlows = PerformanceFormulas.DayFlows.NONE;
            dayBuys = 0;
            daySells = 0;
            dayWins = 0;
        }
        lastSeq = sequence;
    }

    /** An external flow of {@code cents} when the account is worth {@code valueCents} (just before it). */
    void flow(long cents, long valueCents) {
        netDeposits = Math.addExact(netDeposits, cents);
        dayFlows = dayFlows.plus(cents, valueCents);
    }

    Position position(String symbol) {
        return positions.computeIfAbsent(symbol, Position::new);
    }

    void buy(String symbol, long lots, long costCents) {
        cash = Math.subtractExact(cash, costCents);
        Position position = position(symbol);
        position.quantity = Math.addExact(position.quantity, lots);
        position.cost = Math.addExact(position.cost, costCents);
        dayBuys++;
    }

    void sell(String symbol, long lots, long proceedsCents) {
        cash = Math.addExact(cash, proceedsCents);
        long gain = takeOut(symbol, lots, proceedsCents);
        daySells++;
        if (gain > 0) {
            dayWins++;
        }
    }

    /** Takes {@code lots} out at {@code valueCents}: their share of the cost basis leaves, the rest is realized. */
    long takeOut(String symbol, long lots, long valueCents) {
        Position position = position(symbol);
        long share = PerformanceFormulas.costShare(position.cost, lots, position.quantity);
        position.quantity = Math.subtractExact(position.quantity, lots);
        position.cost = Math.subtractExact(position.cost, share);
        long gain = Math.subtractExact(valueCents, share);
        position.realized = Math.addExact(position.realized, gain);
        realized = Math.addExact(realized, gain);
        return gain;
    }

    /** Lots that arrive at {@code valueCents} (a transfer in: their market value; issued supply: nothing). */
    void putIn(String symbol, long lots, long valueCents) {
        Position position = position(symbol);
        position.quantity = Math.addExact(position.quantity, lots);
        position.cost = Math.addExact(position.cost, valueCents);
    }

    Document toDocument() {
        Document held = new Document();
        for (Position position : positions.values()) {
            held.append(positionKey(position.symbol), new Document(SYMBOL, position.symbol).append(QUANTITY, position.quantity)
                    .append(COST, position.cost).append(REALIZED, position.realized));
        }
        Document document = new Document(OWNER, owner).append(TYPE, type).append(CASH, cash).append(NET_DEPOSITS, netDeposits)
                .append(REALIZED, realized).append(FIRST_DAY, firstDay == null ? null : firstDay.toString())
                .append(DAY, day == null ? null : day.toString()).append(PREVIOUS_DAY_SEQ, previousDaySeq)
                .append(DAY_BUYS, dayBuys).append(DAY_SELLS, daySells).append(DAY_WINS, dayWins)
                .append(POSITIONS, held);
        return putFlows(document, dayFlows, DAY_FLOW, DAY_FLOW_VALUE, DAY_FLOW_GROWTH, DAY_FLOW_START);
    }

    /** The account at the end of its current day, as a valuation day stores it. */
    Document dayDocument() {
        Document held = new Document();
        for (Position position : positions.values()) {
            if (position.quantity != 0) {
                held.append(positionKey(position.symbol), new Document(SYMBOL, position.symbol).append(QUANTITY, position.quantity));
            }
        }
        Document document = new Document(ACCOUNT_ID, accountId).append(DAY, day.toString()).append(CASH, cash)
                .append(NET_DEPOSITS, netDeposits).append(POSITIONS, held).append(BUYS, dayBuys)
                .append(SELLS, daySells).append(WINS, dayWins);
        return putFlows(document, dayFlows, FLOW, FLOW_VALUE, FLOW_GROWTH, FLOW_START);
    }

    static Valuation of(String accountId, Document document) {
        Valuation valuation = new Valuation(accountId);
        if (document == null) {
            return valuation;
        }
        valuation.owner = document.getString(OWNER);
        valuation.type = document.getString(TYPE);
        valuation.cash = Numbers.longOf(document, CASH);
        valuation.netDeposits = Numbers.longOf(document, NET_DEPOSITS);
        valuation.realized = Numbers.longOf(document, REALIZED);
        valuation.firstDay = day(document.getString(FIRST_DAY));
        valuation.day = day(document.getString(DAY));
        valuation.previousDaySeq = document.containsKey(PREVIOUS_DAY_SEQ) ? Numbers.longOf(document, PREVIOUS_DAY_SEQ) : -1;
        valuation.dayFlows = flows(document, DAY_FLOW, DAY_FLOW_VALUE, DAY_FLOW_GROWTH, DAY_FLOW_START);
        valuation.dayBuys = Numbers.longOf(document, DAY_BUYS);
        valuation.daySells = Numbers.longOf(document, DAY_SELLS);
        valuation.dayWins = Numbers.longOf(document, DAY_WINS);
        valuation.lastSeq = document.containsKey(SequencedUpdates.LAST_SEQ) ? Numbers.longOf(document, SequencedUpdates.LAST_SEQ) : -1;
        Document held = document.get(POSITIONS, Document.class);
        if (held != null) {
            for (Object value : held.values()) {
                Document stored = (Document) value;
                Position position = valuation.position(stored.getString(SYMBOL));
                position.quantity = Numbers.longOf(stored, QUANTITY);
                position.cost = Numbers.longOf(stored, COST);
                position.realized = Numbers.longOf(stored, REALIZED);
            }
        }
        return valuation;
    }

    private static LocalDate day(String iso) {
        return iso == null ? null : LocalDate.parse(iso);
    }

    /** A symbol's quantity (lots, available + reserved), cost basis and realized P&amp;L (cents). */
    static final class Position {

        final String symbol;
        long quantity;
        long cost;
        long realized;

        Position(String symbol) {
            this.symbol = symbol;
        }
    }
}
