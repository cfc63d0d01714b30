package io.tandem.command.account;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.tandem.command.account.AccountPayments.LegState;
import io.tandem.contracts.account.*;
import io.tandem.contracts.common.*;
import io.tandem.contracts.payment.PaymentDirection;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user's (or issuer's, or the platform's) cash and positions, with what open orders hold of them.
 * <p>
 * Available cash and positions never go negative: reservations and debits are refused first.
 * Settlement is the exception that is never refused, because the trade has already happened; it
 * draws on the order's reservation, which covers it by construction (see
 * {@code InstrumentSpec.buyReservation}). Commands that sagas send are idempotent: a repeated
 * settlement, fee collection, supply issue or reservation close changes nothing (the account
 * remembers, per symbol, the highest trade sequence it has settled for that reason, see
 * {@link SettledUpTo}: one number per instrument, not one per trade).
 * Payment legs are idempotent by payment id in the same way (see {@link AccountPayments}): a
 * deposit counts only once it is credited, a withdrawal is held in reserved cash until it is
 * debited or released.
 * <p>
 * Cached (see {@link AccountConfiguration}): every order reserves on its account, so loading an
 * active account from the store on each request would dominate order entry. The commands of a
 * request run in units of work nested in the request's root unit of work, and Axon's caching
 * repository evicts an account whose unit of work rolls back, so the cache never runs ahead of the
 * committed event stream. Snapshots are taken through Jackson, so all state is plain fields Jackson
 * can read and write back. The {@code @Revision} names the snapshot layout: Axon ignores snapshots
 * of another revision and replays the events instead, so bump it whenever the fields change shape
 * (revision 2 replaced the sets of trade ids with per-symbol sequences, revision 3 replaced those
 * with the per-symbol watermarks of {@link SettledUpTo}, revision 4 added the account's type and the
 * transfers it has made and taken).
 * <p>
 * A COPY account belongs to one copy (see {@code CopyRelationship}): money enters and leaves it only
 * by transfers, so it refuses deposits, withdrawals and cash adjustments, and it takes orders from the
 * copy engine only (COPY_ACCOUNT_MANAGED). Transfers ({@link TransferOutCommand}, {@link TransferInCommand})
 * move available cash and positions between two accounts in one transaction, so the ledger is
 * conserved across the pair; each side is idempotent by transfer id. An account remembers the last
 * few transfers it made and took (see {@link AccountTransfers}), so its state stays bounded.
 * Revision 5 moved those into {@link AccountTransfers}.
 */
@Revision("5")
@Aggregate(snapshotTriggerDefinition = AccountConfiguration.SNAPSHOT_TRIGGER, cache = AccountConfiguration.CACHE)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class Account {

    /** How many transfers out and in an account remembers for idempotency (see {@link AccountTransfers}). */
    static final int REMEMBERED_TRANSFERS = AccountTransfers.REMEMBERED;

    private static final Logger log = LoggerFactory.getLogger(Account.class);

    @AggregateIdentifier
    private AccountId accountId;
    private UserId owner;
    private AccountType type;
    private long availableCash;
    private Map<Symbol, Long> positions = new HashMap<>();
    private Map<OrderId, OrderReservation> reservations = new HashMap<>();
    private Map<AdjustmentId, Long> adjustments = new HashMap<>();
    private Set<Symbol> issuedSymbols = new HashSet<>();
    private SettledUpTo settledBuys = new SettledUpTo();
    private SettledUpTo settledSells = new SettledUpTo();
    private SettledUpTo collectedFees = new SettledUpTo();
    private AccountPayments payments = new AccountPayments();
    private AccountTransfers transfers = new AccountTransfers();

    protected Account() {
        // Axon and Jackson rebuild the account from events or from a snapshot.
    }

    /** Opens the account; an id that already has history is refused rather than silently reopened. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(OpenAccountCommand command) {
        if (accountId != null) {
            throw new TandemException(ErrorCode.ACCOUNT_ALREADY_EXISTS, "account " + command.accountId() + " already exists");
        }
        apply(new AccountOpenedEvent(command.accountId(), command.owner(), command.type()));
    }

    /**
     * Answers whether the caller owns this account, and changes nothing: profile entry names a public
     * account with it. A foreign account is NOT_ACCOUNT_OWNER; callers that must not reveal whether
     * an account exists report an unknown one (ACCOUNT_NOT_FOUND from the repository) the same way.
     */
    @CommandHandler
    public void handle(CheckAccountOwnerCommand command) {
        if (!owner.equals(command.caller())) {
            throw new TandemException(ErrorCode.NOT_ACCOUNT_OWNER, "account " + accountId + " is not the caller's");
        }
    }

    /**
     * Answers the account's balances and changes nothing. Reserved cash is what open buy orders still
     * hold plus withdrawals held until they are paid out; reserved positions are what open sell orders
     * hold.
     */
    @CommandHandler
    public AccountHoldings handle(DescribeHoldingsCommand command) {
        long reservedCash = payments.heldWithdrawals();
        Map<Symbol, Long> reservedLots = new HashMap<>();
        for (OrderReservation reservation : reservations.values()) {
            reservedCash = Math.addExact(reservedCash, reservation.cash());
            if (reservation.quantity() > 0) {
                reservedLots.merge(reservation.symbol(), reservation.quantity(), Math::addExact);
            }
        }
        return new AccountHoldings(accountId, owner, type, Cash.ofCents(availableCash), Cash.ofCents(reservedCash),
                holdings(positions), holdings(reservedLots), reservations.size());
    }

    /**
     * Moves available cash (and, with {@code withPositions}, every available position) to another
     * account, which takes them with {@link TransferInCommand} in the same transaction. A null amount
     * takes all available cash; taking everything (a null amount or the positions) while an order
     * still holds a reservation is refused with COPY_ACCOUNT_MANAGED ("account has open orders"),
     * because what that order leaves behind would stay behind. A repeated transfer id answers the
     * transfer already made and moves nothing.
     */
    @CommandHandler
    public AssetsTransferredOutEvent handle(TransferOutCommand command) {
        requireOwner(command.requestedBy());
        requireTransferable();
        Optional<AssetsTransferredOutEvent> earlier = transfers.madeOut(requireTransferId(command.transferId()));
        if (earlier.isPresent()) {
            return earlier.get();
        }
        if (command.toAccountId() == null || command.toAccountId().equals(accountId)) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "a transfer needs another account to go to");
        }
        boolean everything = command.amount() == null || command.withPositions();
        if (everything && !reservations.isEmpty()) {
            throw new TandemException(ErrorCode.COPY_ACCOUNT_MANAGED, "account " + accountId + " has open orders");
        }
        Cash cash;
        if (command.amount() == null) {
            cash = Cash.ofCents(availableCash);
        } else {
            if (!command.amount().isPositive()) {
                throw new TandemException(ErrorCode.MALFORMED_REQUEST, "a transfer amount must be positive");
            }
            if (availableCash < command.amount().cents()) {
                throw insufficientFunds(command.amount());
            }
            cash = command.amount();
        }
        List<Holding> moved = command.withPositions() ? holdings(positions) : List.of();
        AssetsTransferredOutEvent event = new AssetsTransferredOutEvent(accountId, command.transferId(),
                command.toAccountId(), cash, moved);
        apply(event);
        return event;
    }

    /** Credits a transfer's cash and positions as available; a repeated transfer id changes nothing. */
    @CommandHandler
    public void handle(TransferInCommand command) {
        requireTransferable();
        if (transfers.tookIn(requireTransferId(command.transferId()))) {
            return;
        }
        if (command.fromAccountId() == null || command.cash() == null || command.cash().isNegative()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "a transfer in needs its source and cash that is not negative");
        }
        List<Holding> arriving = command.positions() == null ? List.of() : List.copyOf(command.positions());
        apply(new AssetsTransferredInEvent(accountId, command.transferId(), command.fromAccountId(), command.cash(), arriving));
    }

    @CommandHandler
    public void handle(AdjustCashCommand command) {
        requireNotCopy("cash adjustments");
        if (command.amount() == null || command.amount().isZero()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "an adjustment must not be zero");
        }
        Long previous = adjustments.get(command.adjustmentId());
        if (previous != null) {
            if (previous == command.amount().cents()) {
                return;
            }
            throw new TandemException(ErrorCode.ADJUSTMENT_CONFLICT,
                    "adjustment " + command.adjustmentId() + " was already applied with a different amount");
        }
        if (Math.addExact(availableCash, command.amount().cents()) < 0) {
            throw insufficientFunds(command.amount().negate());
        }
        apply(new CashAdjustedEvent(accountId, command.adjustmentId(), command.amount(), command.reason(), command.requestedBy()));
    }

    @CommandHandler
    public void handle(IssueSupplyCommand command) {
        if (issuedSymbols.contains(command.symbol())) {
            return;
        }
        apply(new SupplyIssuedEvent(accountId, command.symbol(), command.quantity()));
    }

    @CommandHandler
    public void handle(ReserveCashCommand command) {
        requireOwner(command.requestedBy());
        requireCopyEngineOnCopy(command.copyEngine());
        if (command.amount() == null || !command.amount().isPositive()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "a cash reservation must be positive");
        }
        requireReservable(command.orderId(), Side.BUY, command.symbol());
        if (availableCash < command.amount().cents()) {
            throw insufficientFunds(command.amount());
        }
        apply(new CashReservedEvent(accountId, command.orderId(), command.symbol(), command.amount()));
    }

    @CommandHandler
    public void handle(ReservePositionCommand command) {
        requireOwner(command.requestedBy());
        requireCopyEngineOnCopy(command.copyEngine());
        if (command.quantity() == null || !command.quantity().isPositive()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "a position reservation must be positive");
        }
        requireReservable(command.orderId(), Side.SELL, command.symbol());
        long held = position(command.symbol());
        if (held < command.quantity().lots()) {
            throw new TandemException(ErrorCode.INSUFFICIENT_POSITION, "available " + command.symbol() + " is "
                    + held + " lots, the order needs " + command.quantity().lots());
        }
        apply(new PositionReservedEvent(accountId, command.orderId(), command.symbol(), command.quantity()));
    }

    @CommandHandler
    public void handle(SettleBuyCommand command) {
        if (settledBuys.covers(command.tradeId())) {
            return;
        }
        long cost = Math.addExact(command.notional().cents(), command.fee().cents());
        OrderReservation reservation = reservations.get(command.orderId());
        long shortfall = reservation == null ? cost : reservation.cashShortfall(cost);
        if (shortfall > 0) {
            log.error("Buy settlement {} of order {} on account {} exceeds the order's reservation by {} cents; taking it from available cash",
                    command.tradeId(), command.orderId(), accountId, shortfall);
        }
        apply(new BuySettledEvent(accountId, command.tradeId(), command.orderId(), command.symbol(),
                command.quantity(), command.notional(), command.fee(), Cash.ofCents(shortfall)));
        releaseIfSettled(command.orderId());
    }

    @CommandHandler
    public void handle(SettleSellCommand command) {
        if (settledSells.covers(command.tradeId())) {
            return;
        }
        OrderReservation reservation = reservations.get(command.orderId());
        long lots = command.quantity().lots();
        long shortfall = reservation == null ? lots : reservation.quantityShortfall(lots);
        if (shortfall > 0) {
            log.error("Sell settlement {} of order {} on account {} exceeds the order's reservation by {} lots; taking them from the position",
                    command.tradeId(), command.orderId(), accountId, shortfall);
        }
        apply(new SellSettledEvent(accountId, command.tradeId(), command.orderId(), command.symbol(),
                command.quantity(), command.notional(), command.fee(), Quantity.ofLots(shortfall)));
        releaseIfSettled(command.orderId());
    }

    /**
     * Collects the platform credit of a run of trades of one book, skipping the trades already
     * collected for that symbol: a run sent again, or one whose boundaries overlap an earlier one,
     * credits each trade once.
     */
    @CommandHandler
    public void handle(CollectFeesCommand command) {
        TradeId first = command.firstTradeId();
        long collectedUpTo = collectedFees.upTo(first.symbol());
        long skip = Math.max(0, collectedUpTo - first.sequence() + 1);
        if (skip >= command.credits().size()) {
            return;
        }
        long amount = 0;
        for (Cash credit : command.credits().subList((int) skip, command.credits().size())) {
            if (credit == null || credit.isNegative()) {
                throw new IllegalArgumentException("a platform credit must not be negative");
            }
            amount = Math.addExact(amount, credit.cents());
        }
        apply(new FeesCollectedEvent(accountId, TradeId.of(first.symbol(), first.sequence() + skip),
                command.lastTradeId(), Cash.ofCents(amount)));
    }

    /** Releases the order's leftover reservation now, or marks it to be released after the last settlement. */
    @CommandHandler
    public void handle(CloseReservationCommand command) {
        OrderReservation reservation = reservations.get(command.orderId());
        if (reservation == null || reservation.closed()) {
            return;
        }
        if (reservation.settled() >= command.filledQuantity().lots()) {
            release(command.orderId(), reservation);
        } else {
            apply(new ReservationClosingEvent(accountId, command.orderId(), command.filledQuantity()));
        }
    }

    /** Records a deposit the owner asked for; no cash moves until the provider confirms it. */
    @CommandHandler
    public void handle(AcceptDepositCommand command) {
        requireOwner(command.requestedBy());
        requireNotCopy("deposits");
        if (payments.isNew(command.paymentId(), PaymentDirection.DEPOSIT, command.amount())) {
            apply(new DepositAcceptedEvent(accountId, command.paymentId(), command.requestedBy(), command.amount()));
        }
    }

    @CommandHandler
    public void handle(CreditDepositCommand command) {
        payments.toClose(command.paymentId(), PaymentDirection.DEPOSIT, LegState.CREDITED)
                .ifPresent(amount -> apply(new DepositCreditedEvent(accountId, command.paymentId(), amount)));
    }

    /** Holds the amount in reserved cash before anything is paid out, so it cannot be spent twice. */
    @CommandHandler
    public void handle(ReserveWithdrawalCommand command) {
        requireOwner(command.requestedBy());
        requireNotCopy("withdrawals");
        if (payments.isNew(command.paymentId(), PaymentDirection.WITHDRAWAL, command.amount())) {
            if (availableCash < command.amount().cents()) {
                throw insufficientFunds(command.amount());
            }
            apply(new WithdrawalReservedEvent(accountId, command.paymentId(), command.amount()));
        }
    }

    @CommandHandler
    public void handle(DebitWithdrawalCommand command) {
        payments.toClose(command.paymentId(), PaymentDirection.WITHDRAWAL, LegState.DEBITED)
                .ifPresent(amount -> apply(new WithdrawalDebitedEvent(accountId, command.paymentId(), amount)));
    }

    @CommandHandler
    public void handle(ReleaseWithdrawalCommand command) {
        payments.toClose(command.paymentId(), PaymentDirection.WITHDRAWAL, LegState.RELEASED)
                .ifPresent(amount -> apply(new WithdrawalReleasedEvent(accountId, command.paymentId(), amount)));
    }

    private void releaseIfSettled(OrderId orderId) {
        OrderReservation reservation = reservations.get(orderId);
        if (reservation != null && reservation.allFillsSettled()) {
            release(orderId, reservation);
        }
    }

    private void release(OrderId orderId, OrderReservation reservation) {
        apply(new ReservationReleasedEvent(accountId, orderId, reservation.symbol(),
                Cash.ofCents(reservation.cash()), Quantity.ofLots(reservation.quantity())));
    }

    /** Someone else's account is refused exactly as an unknown one is, so that account ids cannot be probed. */
    private void requireOwner(UserId requestedBy) {
        if (!owner.equals(requestedBy)) {
            throw TandemException.notFound(ErrorCode.ACCOUNT_NOT_FOUND, accountId);
        }
    }

    private void requireNotCopy(String what) {
        if (type == AccountType.COPY) {
            throw new TandemException(ErrorCode.COPY_ACCOUNT_MANAGED, "copy account " + accountId + " takes no " + what);
        }
    }

    private void requireCopyEngineOnCopy(boolean copyEngine) {
        if (type == AccountType.COPY && !copyEngine) {
            throw new TandemException(ErrorCode.COPY_ACCOUNT_MANAGED, "copy account " + accountId + " takes orders from its copy only");
        }
    }

    private void requireTransferable() {
        if (type == AccountType.FEE) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "the fee account takes part in no transfer");
        }
    }

    private static String requireTransferId(String transferId) {
        if (transferId == null || transferId.isBlank()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "a transfer needs an id");
        }
        return transferId;
    }

    /** Non-zero quantities sorted by symbol, so that answers and events do not depend on map order. */
    private static List<Holding> holdings(Map<Symbol, Long> lotsBySymbol) {
        return lotsBySymbol.entrySet().stream()
                .filter(entry -> entry.getValue() != 0)
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(Symbol::value)))
                .map(entry -> new Holding(entry.getKey(), Quantity.ofLots(entry.getValue())))
                .toList();
    }

    private void requireReservable(OrderId orderId, Side side, Symbol symbol) {
        OrderReservation existing = reservations.get(orderId);
        if (existing == null) {
            return;
        }
        if (existing.side() != side || !existing.symbol().equals(symbol)) {
            throw new IllegalArgumentException("order " + orderId + " already reserves for a "
                    + existing.side() + " of " + existing.symbol());
        }
        if (existing.closed()) {
            throw new TandemException(ErrorCode.ORDER_NOT_OPEN, "order " + orderId + " is closed");
        }
    }

    private TandemException insufficientFunds(Cash needed) {
        return new TandemException(ErrorCode.INSUFFICIENT_FUNDS, "available cash is "
                + Cash.ofCents(availableCash) + ", the request needs " + needed);
    }

    private long position(Symbol symbol) {
        return positions.getOrDefault(symbol, 0L);
    }

    private void addPosition(Symbol symbol, long lots) {
        positions.merge(symbol, lots, Math::addExact);
    }

    @EventSourcingHandler
    void on(AccountOpenedEvent event) {
        accountId = event.accountId();
        owner = event.owner();
        type = event.type();
    }

    @EventSourcingHandler
    void on(AssetsTransferredOutEvent event) {
        availableCash = Math.subtractExact(availableCash, event.cash().cents());
        for (Holding holding : event.positions()) {
            addPosition(holding.symbol(), -holding.quantity().lots());
        }
        transfers.recordOut(event);
    }

    @EventSourcingHandler
    void on(AssetsTransferredInEvent event) {
        availableCash = Math.addExact(availableCash, event.cash().cents());
        for (Holding holding : event.positions()) {
            addPosition(holding.symbol(), holding.quantity().lots());
        }
        transfers.recordIn(event.transferId());
    }

    @EventSourcingHandler
    void on(CashAdjustedEvent event) {
        availableCash = Math.addExact(availableCash, event.amount().cents());
        adjustments.put(event.adjustmentId(), event.amount().cents());
    }

    @EventSourcingHandler
    void on(SupplyIssuedEvent event) {
        addPosition(event.symbol(), event.quantity().lots());
        issuedSymbols.add(event.symbol());
    }

    @EventSourcingHandler
    void on(CashReservedEvent event) {
        availableCash = Math.subtractExact(availableCash, event.amount().cents());
        reservations.merge(event.orderId(), OrderReservation.ofCash(event.symbol(), event.amount().cents()),
                (existing, added) -> existing.plusCash(added.cash()));
    }

    @EventSourcingHandler
    void on(PositionReservedEvent event) {
        addPosition(event.symbol(), -event.quantity().lots());
        reservations.merge(event.orderId(), OrderReservation.ofQuantity(event.symbol(), event.quantity().lots()),
                (existing, added) -> existing.plusQuantity(added.quantity()));
    }

    /**
     * The shortfall is recomputed from the reservation rather than read from the event, so that
     * revision 1 events (which do not carry it) replay as they were applied; for newer events the two
     * are equal, since the command handler computed the event's from the same state.
     */
    @EventSourcingHandler
    void on(BuySettledEvent event) {
        long cost = event.costCents();
        OrderReservation reservation = reservations.get(event.orderId());
        long shortfall = reservation == null ? cost : reservation.cashShortfall(cost);
        if (reservation != null) {
            reservations.put(event.orderId(), reservation.settleCash(cost, event.quantity().lots()));
        }
        availableCash = Math.subtractExact(availableCash, shortfall);
        addPosition(event.symbol(), event.quantity().lots());
        settledBuys.advance(event.tradeId());
    }

    @EventSourcingHandler
    void on(SellSettledEvent event) {
        long lots = event.quantity().lots();
        OrderReservation reservation = reservations.get(event.orderId());
        long shortfall = reservation == null ? lots : reservation.quantityShortfall(lots);
        if (reservation != null) {
            reservations.put(event.orderId(), reservation.settleQuantity(lots));
        }
        addPosition(event.symbol(), -shortfall);
        availableCash = Math.addExact(availableCash, event.notional().minus(event.fee()).cents());
        settledSells.advance(event.tradeId());
    }

    @EventSourcingHandler
    void on(FeesCollectedEvent event) {
        availableCash = Math.addExact(availableCash, event.amount().cents());
        collectedFees.advance(event.lastTradeId());
    }

    @EventSourcingHandler
    void on(ReservationClosingEvent event) {
        reservations.computeIfPresent(event.orderId(), (id, reservation) -> reservation.closing(event.filledQuantity().lots()));
    }

    @EventSourcingHandler
    void on(ReservationReleasedEvent event) {
        availableCash = Math.addExact(availableCash, event.cash().cents());
        addPosition(event.symbol(), event.quantity().lots());
        reservations.remove(event.orderId());
    }

    @EventSourcingHandler
    void on(DepositAcceptedEvent event) {
        payments.opened(event.paymentId(), PaymentDirection.DEPOSIT, event.amount());
    }

    @EventSourcingHandler
    void on(DepositCreditedEvent event) {
        availableCash = Math.addExact(availableCash, event.amount().cents());
        payments.closed(event.paymentId(), LegState.CREDITED);
    }

    @EventSourcingHandler
    void on(WithdrawalReservedEvent event) {
        availableCash = Math.subtractExact(availableCash, event.amount().cents());
        payments.opened(event.paymentId(), PaymentDirection.WITHDRAWAL, event.amount());
    }

    @EventSourcingHandler
    void on(WithdrawalDebitedEvent event) {
        payments.closed(event.paymentId(), LegState.DEBITED);
    }

    @EventSourcingHandler
    void on(WithdrawalReleasedEvent event) {
        availableCash = Math.addExact(availableCash, event.amount().cents());
        payments.closed(event.paymentId(), LegState.RELEASED);
    }
}
