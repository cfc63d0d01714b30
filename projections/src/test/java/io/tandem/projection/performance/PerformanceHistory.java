package io.tandem.projection.performance;

import io.tandem.contracts.account.AccountOpenedEvent;
import io.tandem.contracts.account.AssetsTransferredInEvent;
import io.tandem.contracts.account.AssetsTransferredOutEvent;
import io.tandem.contracts.account.BuySettledEvent;
import io.tandem.contracts.account.CashAdjustedEvent;
import io.tandem.contracts.account.CashReservedEvent;
import io.tandem.contracts.account.DepositCreditedEvent;
import io.tandem.contracts.account.Holding;
import io.tandem.contracts.account.PositionReservedEvent;
import io.tandem.contracts.account.ReservationClosingEvent;
import io.tandem.contracts.account.ReservationReleasedEvent;
import io.tandem.contracts.account.SellSettledEvent;
import io.tandem.contracts.account.WithdrawalDebitedEvent;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.AdjustmentId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.copy.CopyClosedEvent;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.CopyPausedEvent;
import io.tandem.contracts.copy.CopyResumedEvent;
import io.tandem.contracts.copy.CopyStartedEvent;
import io.tandem.contracts.copy.CopyStopReason;
import io.tandem.contracts.copy.CopyStoppingEvent;
import io.tandem.contracts.copy.SizingMode;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.contracts.profile.TraderProfileSetEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.MetaData;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static io.tandem.contracts.orderbook.InstrumentSpec.ceilCents;
import static io.tandem.contracts.orderbook.InstrumentSpec.floorCents;

/**
 * Builds an event history as the command side would record it: each aggregate's events numbered from
 * 0 without gaps, every message with an explicit timestamp (so the UTC day of each event is chosen by
 * the test), and tracked at consecutive log positions. It keeps its own balances only to stay
 * realistic (a sell never exceeds the position, cash never goes negative, a copy's funding moves real
 * balances out of one account and into the other); the figures are the {@link ReferencePerformance}'s job.
 */
final class PerformanceHistory {

    static final AccountId ISSUER = AccountId.of("issuer");
    static final AccountId OUTSIDER = AccountId.of("outsider");
    static final BigDecimal FEE_RATE = new BigDecimal("0.002");

    final Map<String, InstrumentSpec> specs = new TreeMap<>();
    final List<EventMessage<Object>> messages = new ArrayList<>();
    final List<ReferencePerformance.Recorded> recorded = new ArrayList<>();

    private final Map<String, Long> sequences = new HashMap<>();
    private final Map<String, Long> lastTicks = new HashMap<>();
    private final Map<String, Long> cash = new HashMap<>();
    private final Map<String, Map<String, Long>> lots = new HashMap<>();
    private Instant clock;
    private int ids;

    PerformanceHistory(Instant start) {
        this.clock = start;
    }

    static InstrumentSpec spec(String symbol, String tick, String lot) {
        return new InstrumentSpec(Symbol.of(symbol), symbol + " Corp", new BigDecimal(tick), new BigDecimal(lot),
                new BigDecimal("0.001"), FEE_RATE, Quantity.ofLots(1_000_000_000_000L), Cash.parse("100000000.00"),
                new BigDecimal("0.10"));
    }

    InstrumentListedEvent list(InstrumentSpec spec, long firstTicks) {
        specs.put(spec.symbol().value(), spec);
        lastTicks.put(spec.symbol().value(), firstTicks);
        return new InstrumentListedEvent(spec.symbol(), spec, ISSUER, Quantity.ofLots(1_000_000_000L), clock);
    }

    // ---- time ----------------------------------------------------------------------------------------

    Instant now() {
        return clock;
    }

    /** Moves the clock to 09:00 UTC of {@code day}. */
    void startOf(LocalDate day) {
        Instant at = day.atTime(9, 0).toInstant(ZoneOffset.UTC);
        if (at.isBefore(clock)) {
            throw new IllegalArgumentException("days go forward");
        }
        clock = at;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock, ZoneOffset.UTC);
    }

    private Instant tick() {
        clock = clock.plusSeconds(7);
        return clock;
    }

    private void add(String type, String aggregateId, Object payload) {
        Instant at = tick();
        long sequence = sequences.merge(aggregateId, 0L, (old, zero) -> old + 1);
        long position = sequences.merge("\u0000log", 0L, (old, zero) -> old + 1);
        DomainEventMessage<Object> message = new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                MetaData.emptyInstance(), UUID.randomUUID().toString(), at);
        messages.add(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position), message));
        recorded.add(new ReferencePerformance.Recorded(at, payload));
    }

    private String id(String prefix) {
        return prefix + "-" + (++ids);
    }

    // ---- balances, to stay realistic -----------------------------------------------------------------

    long cash(AccountId account) {
        return cash.getOrDefault(account.value(), 0L);
    }

    long lots(AccountId account, String symbol) {
        return lots.getOrDefault(account.value(), Map.of()).getOrDefault(symbol, 0L);
    }

    Map<String, Long> holdings(AccountId account) {
        Map<String, Long> held = new TreeMap<>();
        lots.getOrDefault(account.value(), Map.of()).forEach((symbol, n) -> {
            if (n > 0) {
                held.put(symbol, n);
            }
        });
        return held;
    }

    long lastTicks(String symbol) {
        return lastTicks.get(symbol);
    }

    private void moveCash(AccountId account, long cents) {
        long after = cash(account) + cents;
        if (after < 0) {
            throw new IllegalStateException(account + " would hold " + after + " cents");
        }
        cash.put(account.value(), after);
    }

    private void moveLots(AccountId account, String symbol, long delta) {
        long after = lots(account, symbol) + delta;
        if (after < 0) {
            throw new IllegalStateException(account + " would hold " + after + " lots of " + symbol);
        }
        lots.computeIfAbsent(account.value(), a -> new HashMap<>()).put(symbol, after);
    }

    // ---- what happens --------------------------------------------------------------------------------

    void open(AccountId account, String owner, AccountType type) {
        add("Account", account.value(), new AccountOpenedEvent(account, UserId.of(owner), type));
    }

    void profile(String user, String handle, AccountId publicAccount) {
        add("TraderProfile", user, new TraderProfileSetEvent(UserId.of(user), handle, null, "The " + handle, "", true,
                publicAccount, now()));
    }

    void deposit(AccountId account, long cents) {
        moveCash(account, cents);
        add("Account", account.value(), new DepositCreditedEvent(account, PaymentId.of(account + ":" + id("p")), Cash.ofCents(cents)));
    }

    void withdraw(AccountId account, long cents) {
        moveCash(account, -cents);
        add("Account", account.value(), new WithdrawalDebitedEvent(account, PaymentId.of(account + ":" + id("w")), Cash.ofCents(cents)));
    }

    void adjust(AccountId account, long signedCents) {
        moveCash(account, signedCents);
        add("Account", account.value(), new CashAdjustedEvent(account, AdjustmentId.of(id("adj")), Cash.ofCents(signedCents),
                "correction", UserId.of("admin")));
    }

    /** A trade between two accounts outside the projection's interest, moving the price. */
    void outsideTrade(String symbol, long ticks, long quantityLots) {
        InstrumentSpec spec = specs.get(symbol);
        BigDecimal exact = spec.notionalCents(Price.ofTicks(ticks), Quantity.ofLots(quantityLots));
        lastTicks.put(symbol, ticks);
        add("OrderBook", symbol, new TradeExecutedEvent(Symbol.of(symbol), TradeId.of(id(symbol)), Price.ofTicks(ticks),
                Quantity.ofLots(quantityLots), Side.BUY, OrderId.of(id("mo")), OrderId.of(id("to")), OUTSIDER, OrderId.of(id("bo")),
                ISSUER, OrderId.of(id("so")), Cash.ofCents(ceilCents(exact)), Cash.ZERO, Cash.ofCents(floorCents(exact)), Cash.ZERO,
                true, true, clock.plusSeconds(7)));
    }

    /** The cost (notional rounded up plus the fee) of buying {@code quantityLots} at {@code ticks}, in cents. */
    long buyCost(String symbol, long ticks, long quantityLots) {
        BigDecimal exact = specs.get(symbol).notionalCents(Price.ofTicks(ticks), Quantity.ofLots(quantityLots));
        return ceilCents(exact) + ceilCents(exact.multiply(FEE_RATE));
    }

    /**
     * A buy order of {@code account} filled at the given prices against the issuer: cash reserved for
     * the whole order, each fill traded then settled, the rest of the reservation released.
     */
    void buy(AccountId account, String symbol, long[] ticks, long[] fillLots) {
        InstrumentSpec spec = specs.get(symbol);
        OrderId order = OrderId.of(id("o"));
        long reservation = 0;
        for (int i = 0; i < ticks.length; i++) {
            reservation += buyCost(symbol, ticks[i], fillLots[i]);
        }
        reservation = Math.min(cash(account), reservation + 37);
        add("Account", account.value(), new CashReservedEvent(account, order, Symbol.of(symbol), Cash.ofCents(reservation)));
        long spent = 0;
        for (int i = 0; i < ticks.length; i++) {
            BigDecimal exact = spec.notionalCents(Price.ofTicks(ticks[i]), Quantity.ofLots(fillLots[i]));
            long notional = ceilCents(exact);
            long fee = ceilCents(exact.multiply(FEE_RATE));
            TradeId trade = TradeId.of(id(symbol));
            OrderId issuerOrder = OrderId.of(id("io"));
            lastTicks.put(symbol, ticks[i]);
            add("OrderBook", symbol, new TradeExecutedEvent(Symbol.of(symbol), trade, Price.ofTicks(ticks[i]),
                    Quantity.ofLots(fillLots[i]), Side.BUY, issuerOrder, order, account, order, ISSUER, issuerOrder,
                    Cash.ofCents(notional), Cash.ofCents(fee), Cash.ofCents(floorCents(exact)), Cash.ZERO,
                    i == ticks.length - 1, true, clock.plusSeconds(7)));
            moveCash(account, -(notional + fee));
            moveLots(account, symbol, fillLots[i]);
            spent += notional + fee;
            add("Account", account.value(), new BuySettledEvent(account, trade, order, Symbol.of(symbol),
                    Quantity.ofLots(fillLots[i]), Cash.ofCents(notional), Cash.ofCents(fee)));
        }
        if (reservation > spent) {
            add("Account", account.value(), new ReservationReleasedEvent(account, order, Symbol.of(symbol),
                    Cash.ofCents(reservation - spent), Quantity.ZERO));
        }
    }

    /** A sell order of {@code account} filled at the given prices against the issuer. */
    void sell(AccountId account, String symbol, long[] ticks, long[] fillLots, long orderLots) {
        InstrumentSpec spec = specs.get(symbol);
        OrderId order = OrderId.of(id("o"));
        add("Account", account.value(), new PositionReservedEvent(account, order, Symbol.of(symbol), Quantity.ofLots(orderLots)));
        long sold = 0;
        for (int i = 0; i < ticks.length; i++) {
            BigDecimal exact = spec.notionalCents(Price.ofTicks(ticks[i]), Quantity.ofLots(fillLots[i]));
            long notional = floorCents(exact);
            long fee = Math.min(notional, ceilCents(exact.multiply(FEE_RATE)));
            TradeId trade = TradeId.of(id(symbol));
            OrderId issuerOrder = OrderId.of(id("io"));
            lastTicks.put(symbol, ticks[i]);
            add("OrderBook", symbol, new TradeExecutedEvent(Symbol.of(symbol), trade, Price.ofTicks(ticks[i]),
                    Quantity.ofLots(fillLots[i]), Side.SELL, issuerOrder, order, ISSUER, issuerOrder, account, order,
                    Cash.ofCents(ceilCents(exact)), Cash.ZERO, Cash.ofCents(notional), Cash.ofCents(fee),
                    true, sold + fillLots[i] == orderLots, clock.plusSeconds(7)));
            moveLots(account, symbol, -fillLots[i]);
            moveCash(account, notional - fee);
            sold += fillLots[i];
            add("Account", account.value(), new SellSettledEvent(account, trade, order, Symbol.of(symbol),
                    Quantity.ofLots(fillLots[i]), Cash.ofCents(notional), Cash.ofCents(fee)));
        }
        if (sold < orderLots) {
            add("Account", account.value(), new ReservationClosingEvent(account, order, Quantity.ofLots(sold)));
            add("Account", account.value(), new ReservationReleasedEvent(account, order, Symbol.of(symbol), Cash.ZERO,
                    Quantity.ofLots(orderLots - sold)));
        }
    }

    /** Both halves of a transfer of available cash and positions from one account to another. */
    void transfer(AccountId from, AccountId to, long cents, Map<String, Long> positions) {
        String transfer = id("t");
        List<Holding> holdings = new ArrayList<>();
        positions.forEach((symbol, n) -> {
            if (n > 0) {
                holdings.add(new Holding(Symbol.of(symbol), Quantity.ofLots(n)));
            }
        });
        moveCash(from, -cents);
        for (Holding holding : holdings) {
            moveLots(from, holding.symbol().value(), -holding.quantity().lots());
        }
        add("Account", from.value(), new AssetsTransferredOutEvent(from, transfer, to, Cash.ofCents(cents), holdings));
        moveCash(to, cents);
        for (Holding holding : holdings) {
            moveLots(to, holding.symbol().value(), holding.quantity().lots());
        }
        add("Account", to.value(), new AssetsTransferredInEvent(to, transfer, from, Cash.ofCents(cents), holdings));
    }

    /** A copy of {@code leader} by {@code copier}: its COPY account opened and funded from the copier's account. */
    CopyId startCopy(String copier, AccountId from, String leader, AccountId leaderAccount, long cents, Map<String, Long> positions) {
        CopyId copy = CopyId.of(id("copy-" + copier));
        AccountId copyAccount = AccountId.of("acc-" + copy.value());
        open(copyAccount, copier, AccountType.COPY);
        transfer(from, copyAccount, cents, positions);
        add("Copy", copy.value(), new CopyStartedEvent(copy, UserId.of(copier), copy.value(), from, copyAccount,
                UserId.of(leader), leader, leaderAccount, Cash.ofCents(cents), new BigDecimal("20"),
                Cash.ofCents(cents * 80 / 100), SizingMode.PROPORTIONAL, null, !positions.isEmpty(), now()));
        return copy;
    }

    void pause(CopyId copy) {
        add("Copy", copy.value(), new CopyPausedEvent(copy, now()));
    }

    void resume(CopyId copy) {
        add("Copy", copy.value(), new CopyResumedEvent(copy, now()));
    }

    void stopping(CopyId copy) {
        add("Copy", copy.value(), new CopyStoppingEvent(copy, CopyStopReason.BY_COPIER, null, null, now()));
    }

    /** Everything the COPY account holds goes back to the account the copy came from. */
    void close(CopyId copy, AccountId copyAccount, AccountId back) {
        long returned = cash(copyAccount);
        Map<String, Long> positions = holdings(copyAccount);
        transfer(copyAccount, back, returned, positions);
        List<Holding> holdings = new ArrayList<>();
        positions.forEach((symbol, n) -> holdings.add(new Holding(Symbol.of(symbol), Quantity.ofLots(n))));
        add("Copy", copy.value(), new CopyClosedEvent(copy, CopyStopReason.BY_COPIER, "t-close", Cash.ofCents(returned),
                holdings, now()));
    }

    /** The history's accounts and their owners in the order opened. */
    static Map<AccountId, String> owners(List<ReferencePerformance.Recorded> recorded) {
        Map<AccountId, String> owners = new LinkedHashMap<>();
        for (ReferencePerformance.Recorded r : recorded) {
            if (r.payload() instanceof AccountOpenedEvent e) {
                owners.put(e.accountId(), e.owner().value());
            }
        }
        return owners;
    }
}
