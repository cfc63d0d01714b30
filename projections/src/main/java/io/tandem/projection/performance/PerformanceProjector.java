package io.tandem.projection.performance;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.tandem.contracts.account.AccountOpenedEvent;
import io.tandem.contracts.account.AssetsTransferredInEvent;
import io.tandem.contracts.account.AssetsTransferredOutEvent;
import io.tandem.contracts.account.BuySettledEvent;
import io.tandem.contracts.account.CashAdjustedEvent;
import io.tandem.contracts.account.CashReservedEvent;
import io.tandem.contracts.account.DepositAcceptedEvent;
import io.tandem.contracts.account.DepositCreditedEvent;
import io.tandem.contracts.account.FeesCollectedEvent;
import io.tandem.contracts.account.Holding;
import io.tandem.contracts.account.PositionReservedEvent;
import io.tandem.contracts.account.ReservationClosingEvent;
import io.tandem.contracts.account.ReservationReleasedEvent;
import io.tandem.contracts.account.SellSettledEvent;
import io.tandem.contracts.account.SupplyIssuedEvent;
import io.tandem.contracts.account.WithdrawalDebitedEvent;
import io.tandem.contracts.account.WithdrawalReleasedEvent;
import io.tandem.contracts.account.WithdrawalReservedEvent;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.copy.CopyClosedEvent;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.CopyPausedEvent;
import io.tandem.contracts.copy.CopyResumedEvent;
import io.tandem.contracts.copy.CopyStartedEvent;
import io.tandem.contracts.copy.CopyStatus;
import io.tandem.contracts.copy.CopyStoppingEvent;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import io.tandem.contracts.profile.TraderProfileSetEvent;
import io.tandem.projection.support.AggregateStreams;
import io.tandem.projection.support.BatchEnd;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.MarketValues;
import io.tandem.projection.support.ReadModelCollections;
import io.tandem.projection.support.ReadModelWrites;
import io.tandem.projection.support.SequencedUpdates;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static io.tandem.projection.performance.PerformanceDocuments.*;

/**
 * Values accounts for the portfolio, the daily equity series and the leaderboard: per account its
 * total cash, cost basis and realized P&amp;L per position, net deposits ({@link Valuation}), one
 * document per day with events (the account at the day's end and what the day did), and per symbol
 * each UTC day's close; also who is ranked (a profile with a public account) and which COPY accounts
 * copy whom. Formulas: {@link PerformanceFormulas}; layouts: {@link PerformanceDocuments}.
 * <p>
 * A cost basis depends on every event before it (a sell takes its share of what is left), so account
 * events are folded into a state read once per batch and kept for the rest of it ({@link BatchEnd});
 * each event writes the whole valuation and its day document with absolute values as a sequenced
 * update keyed by the account's sequence number ({@link SequencedUpdates#setAllIfNewer}: in a batch
 * only an account's last write is sent). Since a missed event would leave a cost basis wrong for good,
 * the projector follows the account streams ({@link AggregateStreams}): it handles every account event,
 * reservations only to be counted, and a gap stops the batch. Trades, profiles and copies are absolute
 * values keyed by their own aggregate's sequence (a close is the day's last price, a profile event the
 * whole profile, a copy event its status), so a missing one cannot corrupt what follows; they are not
 * followed for gaps.
 * <p>
 * The day of an event is the UTC date of its timestamp (of a trade: its execution time); an account's
 * days never go back, so an event stamped before the account's current day counts on that day. A
 * transfer values its positions at the last price this projection has seen of each, and every external
 * flow (deposit credited, withdrawal debited, adjustment, transfer in or out) values the whole account
 * at those prices to split its day for the time-weighted return (the processing group has a single
 * segment, so that is the same price on every replay).
 */
@Component
@ProcessingGroup(PerformanceProjector.PROCESSING_GROUP)
public class PerformanceProjector {

    public static final String PROCESSING_GROUP = "performance";
    private static final String STATE = PerformanceProjector.class.getName() + ".valuations";
    private static final String PRICES = PerformanceProjector.class.getName() + ".prices";

    private final MongoCollection<Document> valuations;
    private final MongoCollection<Document> days;
    private final MongoCollection<Document> closes;
    private final MongoCollection<Document> ranked;
    private final MongoCollection<Document> control;
    private final InstrumentFormats instruments;
    private final AggregateStreams streams;

    public PerformanceProjector(MongoDatabase database) {
        this.valuations = database.getCollection(ReadModelCollections.VALUATIONS);
        this.days = database.getCollection(ReadModelCollections.VALUATION_DAYS);
        this.closes = database.getCollection(ReadModelCollections.DAILY_CLOSES);
        this.ranked = database.getCollection(ReadModelCollections.RANKED_TRADERS);
        this.control = database.getCollection(ReadModelCollections.LEADERBOARD_RANKER);
        this.instruments = new InstrumentFormats(database);
        this.streams = AggregateStreams.of(database, PROCESSING_GROUP, valuations, days, closes, ranked);
        days.createIndex(Indexes.ascending(ACCOUNT_ID));
        closes.createIndex(Indexes.ascending(DAY));
    }

    @EventHandler
    public void on(AccountOpenedEvent event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        fold(event.accountId(), sequence, timestamp, valuation -> {
            valuation.owner = event.owner().value();
            valuation.type = event.type().name();
        });
    }

    @EventHandler
    public void on(DepositCreditedEvent event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        long amount = event.amount().cents();
        fold(event.accountId(), sequence, timestamp, valuation -> {
            long value = worth(valuation);
            valuation.cash = Math.addExact(valuation.cash, amount);
            valuation.flow(amount, value);
        });
    }

    @EventHandler
    public void on(WithdrawalDebitedEvent event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        long amount = event.amount().cents();
        fold(event.accountId(), sequence, timestamp, valuation -> {
            long value = worth(valuation);
            valuation.cash = Math.subtractExact(valuation.cash, amount);
            valuation.flow(-amount, value);
        });
    }

    @EventHandler
    public void on(CashAdjustedEvent event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        long amount = event.amount().cents();
        fold(event.accountId(), sequence, timestamp, valuation -> {
            long value = worth(valuation);
            valuation.cash = Math.addExact(valuation.cash, amount);
            valuation.flow(amount, value);
        });
    }

    @EventHandler
    public void on(BuySettledEvent event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        fold(event.accountId(), sequence, timestamp,
                valuation -> valuation.buy(event.symbol().value(), event.quantity().lots(), event.costCents()));
    }

    @EventHandler
    public void on(SellSettledEvent event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        long proceeds = Math.subtractExact(event.notional().cents(), event.fee().cents());
        fold(event.accountId(), sequence, timestamp,
                valuation -> valuation.sell(event.symbol().value(), event.quantity().lots(), proceeds));
    }

    /** Fee income of the platform account: cash, not a flow. */
    @EventHandler
    public void on(FeesCollectedEvent event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        fold(event.accountId(), sequence, timestamp,
                valuation -> valuation.cash = Math.addExact(valuation.cash, event.amount().cents()));
    }

    /** Issued supply has no cost and is no flow. */
    @EventHandler
    public void on(SupplyIssuedEvent event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        fold(event.accountId(), sequence, timestamp,
                valuation -> valuation.putIn(event.symbol().value(), event.quantity().lots(), 0));
    }

    @EventHandler
    public void on(AssetsTransferredOutEvent event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        long cash = event.cash() == null ? 0 : event.cash().cents();
        fold(event.accountId(), sequence, timestamp, valuation -> {
            long worth = worth(valuation);
            long moved = cash;
            for (Holding holding : holdings(event.positions())) {
                long value = marketValue(holding);
                valuation.takeOut(holding.symbol().value(), holding.quantity().lots(), value);
                moved = Math.addExact(moved, value);
            }
            valuation.cash = Math.subtractExact(valuation.cash, cash);
            valuation.flow(-moved, worth);
        });
    }

    @EventHandler
    public void on(AssetsTransferredInEvent event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        long cash = event.cash() == null ? 0 : event.cash().cents();
        fold(event.accountId(), sequence, timestamp, valuation -> {
            long worth = worth(valuation);
            long moved = cash;
            for (Holding holding : holdings(event.positions())) {
                long value = marketValue(holding);
                valuation.putIn(holding.symbol().value(), holding.quantity().lots(), value);
                moved = Math.addExact(moved, value);
            }
            valuation.cash = Math.addExact(valuation.cash, cash);
            valuation.flow(moved, worth);
        });
    }

    /** No change to totals: counted so that the account's stream stays contiguous. */
    @EventHandler
    public void on(CashReservedEvent event, @SequenceNumber long sequence) {
        streams.handled(event.accountId().value(), sequence);
    }

    /** No change to totals. */
    @EventHandler
    public void on(PositionReservedEvent event, @SequenceNumber long sequence) {
        streams.handled(event.accountId().value(), sequence);
    }

    /** No change to totals. */
    @EventHandler
    public void on(ReservationReleasedEvent event, @SequenceNumber long sequence) {
        streams.handled(event.accountId().value(), sequence);
    }

    /** No change to totals. */
    @EventHandler
    public void on(ReservationClosingEvent event, @SequenceNumber long sequence) {
        streams.handled(event.accountId().value(), sequence);
    }

    /** No change to totals: a deposit counts once credited. */
    @EventHandler
    public void on(DepositAcceptedEvent event, @SequenceNumber long sequence) {
        streams.handled(event.accountId().value(), sequence);
    }

    /** No change to totals: a withdrawal counts once debited. */
    @EventHandler
    public void on(WithdrawalReservedEvent event, @SequenceNumber long sequence) {
        streams.handled(event.accountId().value(), sequence);
    }

    /** No change to totals. */
    @EventHandler
    public void on(WithdrawalReleasedEvent event, @SequenceNumber long sequence) {
        streams.handled(event.accountId().value(), sequence);
    }

    /** The symbol's close of the trade's UTC day: its last price (trades of a book arrive in book order). */
    @EventHandler
    public void on(TradeExecutedEvent event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        String symbol = event.symbol().value();
        LocalDate day = dayOf(event.executedAt() != null ? event.executedAt() : timestamp);
        long price = event.price().ticks();
        BatchEnd.<Map<String, Optional<Long>>>state(PRICES, HashMap::new).put(symbol, Optional.of(price));
        SequencedUpdates.setAllIfNewer(closes, closeId(symbol, day), sequence,
                new Document(SYMBOL, symbol).append(DAY, day.toString()).append(PRICE, price), true);
    }

    @EventHandler
    public void on(TraderProfileSetEvent event, @SequenceNumber long sequence) {
        SequencedUpdates.setAllIfNewer(ranked, traderId(event.userId().value()), sequence, new Document(KIND, KIND_TRADER)
                .append(USER_ID, event.userId().value()).append(HANDLE, event.handle()).append(DISPLAY_NAME, event.displayName())
                .append(PUBLIC_ACCOUNT_ID, event.publicAccountId() == null ? null : event.publicAccountId().value()), true);
    }

    @EventHandler
    public void on(CopyStartedEvent event, @SequenceNumber long sequence) {
        SequencedUpdates.applyIfNewer(ranked, copyId(event.copyId().value()), sequence, Updates.combine(
                Updates.set(KIND, KIND_COPY),
                Updates.set(COPY_ID, event.copyId().value()),
                Updates.set(LEADER_ID, event.leader().value()),
                Updates.set(COPY_ACCOUNT_ID, event.copyAccountId().value()),
                status(CopyStatus.ACTIVE)), true);
    }

    @EventHandler
    public void on(CopyPausedEvent event, @SequenceNumber long sequence) {
        copyStatus(event.copyId(), sequence, CopyStatus.PAUSED);
    }

    @EventHandler
    public void on(CopyResumedEvent event, @SequenceNumber long sequence) {
        copyStatus(event.copyId(), sequence, CopyStatus.ACTIVE);
    }

    @EventHandler
    public void on(CopyStoppingEvent event, @SequenceNumber long sequence) {
        copyStatus(event.copyId(), sequence, CopyStatus.STOPPING);
    }

    @EventHandler
    public void on(CopyClosedEvent event, @SequenceNumber long sequence) {
        copyStatus(event.copyId(), sequence, CopyStatus.CLOSED);
    }

    @ResetHandler
    public void reset() {
        ReadModelWrites.deleteAll(valuations);
        ReadModelWrites.deleteAll(days);
        ReadModelWrites.deleteAll(closes);
        ReadModelWrites.deleteAll(ranked);
        streams.reset();
        // tells the leaderboard ranker to forget what it cached of the model just cleared
        control.updateOne(Filters.eq("_id", LeaderboardRanker.RESET), Updates.inc(LeaderboardRanker.RESETS, 1L),
                new UpdateOptions().upsert(true));
    }

    /** The UTC day of an instant. */
    static LocalDate dayOf(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** Live for the leaderboard: copying (ACTIVE) or holding (PAUSED); STOPPING is winding down. */
    private static Bson status(CopyStatus status) {
        return Updates.combine(Updates.set(STATUS, status.name()),
                Updates.set(LIVE, status == CopyStatus.ACTIVE || status == CopyStatus.PAUSED));
    }

    private void copyStatus(CopyId copyId, long sequence, CopyStatus status) {
        SequencedUpdates.applyIfNewer(ranked, copyId(copyId.value()), sequence,
                Updates.combine(Updates.set(KIND, KIND_COPY), Updates.set(COPY_ID, copyId.value()), status(status)), true);
    }

    private void fold(AccountId accountId, long sequence, Instant timestamp, Consumer<Valuation> change) {
        streams.handled(accountId.value(), sequence);
        Valuation valuation = current(accountId.value());
        if (sequence <= valuation.lastSeq) {
            return; // applied already (redelivery, replay)
        }
        valuation.at(dayOf(timestamp), sequence);
        change.accept(valuation);
        SequencedUpdates.setAllIfNewer(valuations, accountId.value(), sequence, valuation.toDocument(), true);
        SequencedUpdates.setAllIfNewer(days, dayId(accountId.value(), valuation.day), sequence, valuation.dayDocument(), true);
    }

    private Valuation current(String accountId) {
        Map<String, Valuation> batch = BatchEnd.state(STATE, HashMap::new);
        Valuation known = batch.get(accountId);
        if (known != null) {
            return known;
        }
        ReadModelWrites.flushIfPending(valuations, accountId);
        Valuation read = Valuation.of(accountId, valuations.find(Filters.eq("_id", accountId)).first());
        batch.put(accountId, read);
        return read;
    }

    /** A transferred position at the last price seen of its symbol, rounded down to a cent (0 before its first trade). */
    private long marketValue(Holding holding) {
        String symbol = holding.symbol().value();
        Optional<Long> price = lastPrice(symbol);
        if (price.isEmpty()) {
            return 0;
        }
        return MarketValues.marketValueCents(instruments.require(symbol), holding.quantity().lots(), price.get());
    }

    /**
     * What the account is worth now, where an external flow splits its day: cash plus its positions at
     * the last prices seen (a position without a trade yet: nothing), rounded down to a cent once.
     */
    private long worth(Valuation valuation) {
        BigDecimal positions = BigDecimal.ZERO;
        for (Valuation.Position position : valuation.positions.values()) {
            if (position.quantity != 0) {
                Optional<Long> price = lastPrice(position.symbol);
                if (price.isPresent()) {
                    positions = positions.add(MarketValues.exactCents(instruments.require(position.symbol), position.quantity,
                            price.get()));
                }
            }
        }
        return MarketValues.equityCents(valuation.cash, positions);
    }

    /** The last price this projection has seen of {@code symbol}, or empty before its first trade. */
    private Optional<Long> lastPrice(String symbol) {
        Map<String, Optional<Long>> prices = BatchEnd.state(PRICES, HashMap::new);
        Optional<Long> price = prices.get(symbol);
        if (price == null) {
            ReadModelWrites.flush(closes);
            price = DailyCloses.latest(closes, symbol);
            prices.put(symbol, price);
        }
        return price;
    }

    private static List<Holding> holdings(List<Holding> positions) {
        return positions == null ? List.of() : positions;
    }
}
