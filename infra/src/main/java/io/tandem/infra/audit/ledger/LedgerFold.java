package io.tandem.infra.audit.ledger;

import io.tandem.contracts.account.*;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import io.tandem.contracts.payment.PaymentConfirmedEvent;
import io.tandem.contracts.payment.PaymentDirection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Folds the event log, in global order, into every account's balances and checks them against
 * what caused them. Each account is folded by the account aggregate's own rules ({@link AccountBook});
 * each settlement leg is compared with its trade ({@link Settlements}); the halves of a transfer with
 * each other; a deposit credited or a withdrawal debited with its confirmed payment. Money and lots
 * are long minor units with exact ({@code Math.*Exact}) arithmetic.
 * <p>
 * Memory is bounded by accounts x instruments plus the work open at that point of the log (orders,
 * trades not fully settled, withdrawals held, payments confirmed and not booked), never by the
 * number of events. A plain class without Spring or Axon types, so it is tested with events alone.
 */
final class LedgerFold {

    /** How many differences the report lists in full (all are counted). */
    static final int LISTED_DIFFERENCES = 200;

    /** The event types the fold reads; everything else is skipped without being deserialized. */
    static final Set<Class<?>> READS = Set.of(AccountOpenedEvent.class, AssetsTransferredInEvent.class,
            AssetsTransferredOutEvent.class, BuySettledEvent.class, CashAdjustedEvent.class, CashReservedEvent.class,
            DepositCreditedEvent.class, FeesCollectedEvent.class, PositionReservedEvent.class,
            ReservationClosingEvent.class, ReservationReleasedEvent.class, SellSettledEvent.class,
            SupplyIssuedEvent.class, WithdrawalDebitedEvent.class, WithdrawalReleasedEvent.class,
            WithdrawalReservedEvent.class, TradeExecutedEvent.class, InstrumentListedEvent.class,
            PaymentConfirmedEvent.class);

    private record ConfirmedPayment(String accountId, PaymentDirection direction, long amount, long index) {
    }

    private final Map<String, AccountBook> accounts = new HashMap<>();
    private final Map<String, Long> issued = new TreeMap<>();
    private final Map<String, InstrumentListedEvent> listed = new HashMap<>();
    private final Map<String, ConfirmedPayment> confirmed = new HashMap<>();
    private final Settlements settlements = new Settlements(this);
    private final List<LedgerReport.Difference> differences = new ArrayList<>();
    private long differencesTotal;
    private long adjustments;
    private long deposits;
    private long withdrawals;
    private long events;

    /** Applies one event; types outside {@link #READS} are counted and ignored. */
    void fold(long globalIndex, Object event) {
        events++;
        if (event instanceof AccountOpenedEvent e) {
            book(e.accountId().value(), globalIndex).type = e.type();
        } else if (event instanceof CashAdjustedEvent e) {
            AccountBook book = book(e.accountId().value(), globalIndex);
            book.available = Math.addExact(book.available, e.amount().cents());
            adjustments = Math.addExact(adjustments, e.amount().cents());
            checkCash(book, globalIndex);
        } else if (event instanceof SupplyIssuedEvent e) {
            AccountBook book = book(e.accountId().value(), globalIndex);
            book.addAvailableLots(e.symbol().value(), e.quantity().lots());
            issued.merge(e.symbol().value(), e.quantity().lots(), Math::addExact);
        } else if (event instanceof CashReservedEvent e) {
            AccountBook book = book(e.accountId().value(), globalIndex);
            book.available = Math.subtractExact(book.available, e.amount().cents());
            book.reserved = Math.addExact(book.reserved, e.amount().cents());
            AccountBook.OrderHold hold = book.orders.computeIfAbsent(e.orderId().value(), id -> new AccountBook.OrderHold(e.symbol().value()));
            hold.cash = Math.addExact(hold.cash, e.amount().cents());
            checkCash(book, globalIndex);
        } else if (event instanceof PositionReservedEvent e) {
            AccountBook book = book(e.accountId().value(), globalIndex);
            String symbol = e.symbol().value();
            book.addAvailableLots(symbol, -e.quantity().lots());
            book.addReservedLots(symbol, e.quantity().lots());
            AccountBook.OrderHold hold = book.orders.computeIfAbsent(e.orderId().value(), id -> new AccountBook.OrderHold(symbol));
            hold.lots = Math.addExact(hold.lots, e.quantity().lots());
            checkLots(book, symbol, globalIndex);
        } else if (event instanceof BuySettledEvent e) {
            buySettled(e, globalIndex);
        } else if (event instanceof SellSettledEvent e) {
            sellSettled(e, globalIndex);
        } else if (event instanceof FeesCollectedEvent e) {
            AccountBook book = book(e.accountId().value(), globalIndex);
            book.available = Math.addExact(book.available, e.amount().cents());
            settlements.feesCollected(book, e, globalIndex);
        } else if (event instanceof ReservationClosingEvent e) {
            AccountBook.OrderHold hold = book(e.accountId().value(), globalIndex).orders.get(e.orderId().value());
            if (hold != null) {
                hold.closingFilled = e.filledQuantity().lots();
            }
        } else if (event instanceof ReservationReleasedEvent e) {
            released(e, globalIndex);
        } else if (event instanceof DepositCreditedEvent e) {
            AccountBook book = book(e.accountId().value(), globalIndex);
            book.available = Math.addExact(book.available, e.amount().cents());
            deposits = Math.addExact(deposits, e.amount().cents());
            booked(book, e.paymentId().value(), PaymentDirection.DEPOSIT, e.amount(), globalIndex);
        } else if (event instanceof WithdrawalReservedEvent e) {
            AccountBook book = book(e.accountId().value(), globalIndex);
            book.available = Math.subtractExact(book.available, e.amount().cents());
            book.reserved = Math.addExact(book.reserved, e.amount().cents());
            book.heldWithdrawals.put(e.paymentId().value(), e.amount().cents());
            checkCash(book, globalIndex);
        } else if (event instanceof WithdrawalDebitedEvent e) {
            AccountBook book = book(e.accountId().value(), globalIndex);
            unhold(book, e.paymentId().value(), e.amount(), globalIndex);
            withdrawals = Math.addExact(withdrawals, e.amount().cents());
            booked(book, e.paymentId().value(), PaymentDirection.WITHDRAWAL, e.amount(), globalIndex);
        } else if (event instanceof WithdrawalReleasedEvent e) {
            AccountBook book = book(e.accountId().value(), globalIndex);
            unhold(book, e.paymentId().value(), e.amount(), globalIndex);
            book.available = Math.addExact(book.available, e.amount().cents());
        } else if (event instanceof AssetsTransferredOutEvent e) {
            AccountBook book = book(e.accountId().value(), globalIndex);
            book.available = Math.subtractExact(book.available, e.cash().cents());
            for (Holding holding : e.positions()) {
                book.addAvailableLots(holding.symbol().value(), -holding.quantity().lots());
                checkLots(book, holding.symbol().value(), globalIndex);
            }
            checkCash(book, globalIndex);
            settlements.transferredOut(e, globalIndex);
        } else if (event instanceof AssetsTransferredInEvent e) {
            AccountBook book = book(e.accountId().value(), globalIndex);
            book.available = Math.addExact(book.available, e.cash().cents());
            for (Holding holding : e.positions()) {
                book.addAvailableLots(holding.symbol().value(), holding.quantity().lots());
            }
            settlements.transferredIn(book, e, globalIndex);
        } else if (event instanceof TradeExecutedEvent e) {
            settlements.executed(e, globalIndex);
        } else if (event instanceof InstrumentListedEvent e) {
            listed.put(e.symbol().value(), e);
        } else if (event instanceof PaymentConfirmedEvent e) {
            confirmed.put(e.paymentId().value(),
                    new ConfirmedPayment(e.accountId().value(), e.direction(), e.amount().cents(), globalIndex));
        }
    }

    /** Counts an event the fold does not read (skipped before deserialization). */
    void skip() {
        events++;
    }

    private void buySettled(BuySettledEvent e, long globalIndex) {
        AccountBook book = book(e.accountId().value(), globalIndex);
        long cost = e.costCents();
        AccountBook.OrderHold hold = book.orders.get(e.orderId().value());
        long fromHold = hold == null ? 0 : Math.min(hold.cash, cost);
        long shortfall = cost - fromHold;
        if (hold != null) {
            hold.cash -= fromHold;
            hold.settled = Math.addExact(hold.settled, e.quantity().lots());
        }
        book.reserved = Math.subtractExact(book.reserved, fromHold);
        book.available = Math.subtractExact(book.available, shortfall);
        book.addAvailableLots(e.symbol().value(), e.quantity().lots());
        if (e.shortfall() != null && e.shortfall().cents() != shortfall) {
            differ("SHORTFALL_MISMATCH", book.accountId, e.symbol().value(), e.tradeId().value(), "cents",
                    shortfall, e.shortfall().cents(), globalIndex, -1, "the recorded shortfall is not what the reservation left");
        }
        checkCash(book, globalIndex);
        settlements.buySettled(book, e, globalIndex);
    }

    private void sellSettled(SellSettledEvent e, long globalIndex) {
        AccountBook book = book(e.accountId().value(), globalIndex);
        String symbol = e.symbol().value();
        long lots = e.quantity().lots();
        AccountBook.OrderHold hold = book.orders.get(e.orderId().value());
        long fromHold = hold == null ? 0 : Math.min(hold.lots, lots);
        long shortfall = lots - fromHold;
        if (hold != null) {
            hold.lots -= fromHold;
            hold.settled = Math.addExact(hold.settled, lots);
        }
        book.addReservedLots(symbol, -fromHold);
        book.addAvailableLots(symbol, -shortfall);
        book.available = Math.addExact(book.available, Math.subtractExact(e.notional().cents(), e.fee().cents()));
        if (e.shortfall() != null && e.shortfall().lots() != shortfall) {
            differ("SHORTFALL_MISMATCH", book.accountId, symbol, e.tradeId().value(), "lots",
                    shortfall, e.shortfall().lots(), globalIndex, -1, "the recorded shortfall is not what the reservation left");
        }
        checkLots(book, symbol, globalIndex);
        settlements.sellSettled(book, e, globalIndex);
    }

    /** As the aggregate: the event's amounts become available, the order's hold (whatever is left of it) ends. */
    private void released(ReservationReleasedEvent e, long globalIndex) {
        AccountBook book = book(e.accountId().value(), globalIndex);
        String symbol = e.symbol().value();
        AccountBook.OrderHold hold = book.orders.remove(e.orderId().value());
        long heldCash = hold == null ? 0 : hold.cash;
        long heldLots = hold == null ? 0 : hold.lots;
        book.reserved = Math.subtractExact(book.reserved, heldCash);
        book.available = Math.addExact(book.available, e.cash().cents());
        book.addReservedLots(symbol, -heldLots);
        book.addAvailableLots(symbol, e.quantity().lots());
        if (heldCash != e.cash().cents()) {
            book.differsInCash(e.cash().cents() - heldCash);
            differ("RELEASE_MISMATCH", book.accountId, symbol, e.orderId().value(), "cents", heldCash, e.cash().cents(),
                    globalIndex, -1, "released cash is not what the order held");
        }
        if (heldLots != e.quantity().lots()) {
            book.differsInLots(symbol, e.quantity().lots() - heldLots);
            differ("RELEASE_MISMATCH", book.accountId, symbol, e.orderId().value(), "lots", heldLots, e.quantity().lots(),
                    globalIndex, -1, "released lots are not what the order held");
        }
    }

    /** As the aggregate: the held amount leaves reserved cash; an event for another amount is a difference. */
    private void unhold(AccountBook book, String paymentId, Cash amount, long globalIndex) {
        Long held = book.heldWithdrawals.remove(paymentId);
        long heldCents = held == null ? 0 : held;
        book.reserved = Math.subtractExact(book.reserved, heldCents);
        if (heldCents != amount.cents()) {
            differ("WITHDRAWAL_MISMATCH", book.accountId, null, paymentId, "cents", heldCents, amount.cents(), globalIndex, -1,
                    held == null ? "no withdrawal of this payment is held" : "the amount is not what the withdrawal held");
        }
    }

    /** A credited deposit or a debited withdrawal must be a payment confirmed earlier, for the same account and amount. */
    private void booked(AccountBook book, String paymentId, PaymentDirection direction, Cash amount, long globalIndex) {
        ConfirmedPayment payment = confirmed.remove(paymentId);
        if (payment == null) {
            differ("PAYMENT_NOT_CONFIRMED", book.accountId, null, paymentId, "cents", 0, amount.cents(), globalIndex, -1,
                    direction + " booked without a confirmed payment");
            return;
        }
        if (!payment.accountId.equals(book.accountId) || payment.direction != direction || payment.amount != amount.cents()) {
            differ("PAYMENT_MISMATCH", book.accountId, null, paymentId, "cents", payment.amount, amount.cents(), globalIndex,
                    payment.index, "the payment confirmed a " + payment.direction + " of account " + payment.accountId);
        }
    }

    private void checkCash(AccountBook book, long globalIndex) {
        if (book.available < 0 && !book.negativeCashReported) {
            book.negativeCashReported = true;
            differ("NEGATIVE_CASH", book.accountId, null, null, "cents", 0, book.available, globalIndex, -1,
                    "available cash went below zero");
        }
    }

    void checkLots(AccountBook book, String symbol, long globalIndex) {
        long[] position = book.position(symbol);
        if (position[0] < 0 || position[1] < 0) {
            differ("NEGATIVE_POSITION", book.accountId, symbol, null, "lots", 0, Math.min(position[0], position[1]),
                    globalIndex, -1, position[0] < 0 ? "available lots went below zero" : "reserved lots went below zero");
        }
    }

    AccountBook book(String accountId, long globalIndex) {
        AccountBook book = accounts.computeIfAbsent(accountId, AccountBook::new);
        book.touched(globalIndex);
        return book;
    }

    void differ(String kind, String accountId, String symbol, String reference, String unit, long expected, long found,
                long globalIndex, long causeIndex, String detail) {
        differencesTotal++;
        if (differences.size() < LISTED_DIFFERENCES) {
            differences.add(new LedgerReport.Difference(kind, accountId, symbol, reference, unit, expected, found,
                    globalIndex, causeIndex, detail));
        }
    }

    /** The report over everything folded so far; {@code headIndex} is where the run stopped. */
    LedgerReport report(long headIndex) {
        long cashTotal = 0;
        long feesTotal = 0;
        Map<String, Long> held = new TreeMap<>();
        List<LedgerReport.Account> differing = new ArrayList<>();
        for (AccountBook book : accounts.values()) {
            cashTotal = Math.addExact(cashTotal, book.cash());
            if (book.type == AccountType.FEE) {
                feesTotal = Math.addExact(feesTotal, book.cash());
            }
            book.positions.forEach((symbol, lots) -> held.merge(symbol, Math.addExact(lots[0], lots[1]), Math::addExact));
            if (book.hasDifference()) {
                differing.add(account(book));
            }
        }
        differing.sort((a, b) -> a.accountId().compareTo(b.accountId()));
        long cashInFlight = settlements.cashInFlight();
        long cashExpected = Math.subtractExact(Math.subtractExact(Math.addExact(adjustments, deposits), withdrawals), cashInFlight);
        if (cashTotal != cashExpected) {
            differ("CASH_NOT_CONSERVED", null, null, null, "cents", cashExpected, cashTotal, headIndex, -1,
                    "all cash differs from adjustments + deposits - withdrawals - in flight");
        }
        Set<String> symbols = new TreeSet<>(issued.keySet());
        held.forEach((symbol, lots) -> {
            if (lots != 0) {
                symbols.add(symbol);
            }
        });
        symbols.addAll(listed.keySet());
        List<LedgerReport.Instrument> instruments = new ArrayList<>();
        for (String symbol : symbols) {
            long supply = issued.getOrDefault(symbol, 0L);
            InstrumentListedEvent listing = listed.get(symbol);
            if (listing != null && listing.supply().lots() != supply) {
                differ("SUPPLY_NOT_AS_LISTED", listing.issuerAccountId().value(), symbol, null, "lots",
                        listing.supply().lots(), supply, headIndex, -1, "the issued supply differs from the listing's");
            }
            long positions = held.getOrDefault(symbol, 0L);
            long inFlight = settlements.lotsInFlight(symbol);
            boolean balanced = positions == Math.subtractExact(supply, inFlight);
            if (!balanced) {
                differ("POSITIONS_NOT_CONSERVED", null, symbol, null, "lots", Math.subtractExact(supply, inFlight), positions,
                        headIndex, -1, "all positions differ from the issued supply less what is in flight");
            }
            instruments.add(new LedgerReport.Instrument(symbol, format(symbol, supply), format(symbol, positions), supply,
                    positions, inFlight, balanced));
        }
        return new LedgerReport(differencesTotal == 0, events, headIndex, decimal(cashTotal), decimal(adjustments),
                decimal(deposits), decimal(withdrawals), decimal(feesTotal), decimal(cashInFlight), decimal(cashExpected),
                settlements.tradesInFlight(), settlements.transfersInFlight(), confirmed.size(), instruments, differing,
                List.copyOf(differences), differencesTotal);
    }

    private static LedgerReport.Account account(AccountBook book) {
        List<LedgerReport.Lots> lots = new ArrayList<>();
        book.lotsDifference.forEach((symbol, difference) -> {
            long[] position = book.position(symbol);
            long found = Math.addExact(position[0], position[1]);
            lots.add(new LedgerReport.Lots(symbol, found, Math.subtractExact(found, difference)));
        });
        return new LedgerReport.Account(book.accountId, decimal(book.cash()),
                decimal(Math.subtractExact(book.cash(), book.cashDifference)), lots, book.firstIndex, book.lastIndex);
    }

    private String format(String symbol, long lots) {
        InstrumentListedEvent listing = listed.get(symbol);
        if (listing == null || lots < 0) {
            return lots + " lots";
        }
        InstrumentSpec spec = listing.spec();
        return spec.format(Quantity.ofLots(lots));
    }

    private static String decimal(long cents) {
        return Cash.ofCents(cents).toDecimalString();
    }
}
