package io.tandem.saga.copy;

import io.tandem.contracts.account.Holding;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import io.tandem.saga.copy.CopyMirrorState.AccountRow;
import io.tandem.saga.copy.CopyMirrorState.InstrumentRow;
import io.tandem.saga.copy.CopyMirrorState.PositionRow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every account's total cash and positions and every instrument's last price, folded in event order,
 * so that the copy-mirror process can value any account "just before" any trade without asking the
 * account or the book.
 * <p>
 * Cash and positions follow the trades themselves (the cash legs of {@link TradeExecutedEvent}), not
 * their settlement: at a trade the buyer's total cash (available plus reserved) falls by notional +
 * fee and its position grows, the seller's position falls and its cash grows by notional - fee, which
 * is exactly what settlement later books, so the settlement events are not folded (they would count
 * twice). Reservations move cash between available and reserved only, so they do not change the total
 * either. The platform fee account is not followed: it never trades and nobody copies it.
 * <p>
 * Equity is cash plus the market value of the positions: the exact sum over all positions of lots x
 * last price ticks x tick size x lot size, in cents, rounded down to a cent once (the valuation never
 * credits a fraction of a cent). A position in an instrument that never traded, or whose listing was
 * not seen, has no market value yet and counts nothing.
 * <p>
 * Not thread-safe: the process uses it from one thread at a time. It remembers which rows it changed
 * for {@link #drainChanges}.
 */
final class Holdings {

    private static final Comparator<Symbol> BY_SYMBOL = Comparator.comparing(Symbol::value);

    private final Map<AccountId, Account> accounts = new HashMap<>();
    private final Map<Symbol, InstrumentRow> instruments = new HashMap<>();
    /** The COPY accounts with a non-zero position, per symbol: the copies a trade in the symbol revalues. */
    private final Map<Symbol, Set<AccountId>> copyHolders = new HashMap<>();

    private final Set<AccountId> changedAccounts = new LinkedHashSet<>();
    private final Set<PositionKey> changedPositions = new LinkedHashSet<>();
    private final Set<Symbol> changedInstruments = new LinkedHashSet<>();

    Holdings() {
    }

    Holdings(List<AccountRow> accountRows, List<PositionRow> positionRows, List<InstrumentRow> instrumentRows) {
        for (AccountRow row : accountRows) {
            Account account = new Account(row.type());
            account.cash = row.cashCents();
            accounts.put(row.accountId(), account);
        }
        for (PositionRow row : positionRows) {
            Account account = accounts.computeIfAbsent(row.accountId(), id -> new Account(null));
            account.positions.put(row.symbol(), row.lots());
            indexHolder(row.accountId(), account, row.symbol(), row.lots());
        }
        for (InstrumentRow row : instrumentRows) {
            instruments.put(row.symbol(), row);
        }
    }

    void opened(AccountId accountId, AccountType type) {
        account(accountId).type = type;
        changedAccounts.add(accountId);
        Account account = accounts.get(accountId);
        account.positions.forEach((symbol, lots) -> indexHolder(accountId, account, symbol, lots));
    }

    void listed(InstrumentSpec spec) {
        InstrumentRow known = instruments.get(spec.symbol());
        instruments.put(spec.symbol(), new InstrumentRow(spec.symbol(), spec.tickSize(), spec.lotSize(),
                known == null ? null : known.lastPrice()));
        changedInstruments.add(spec.symbol());
    }

    /** Signed change of an account's total cash (deposit, withdrawal, adjustment, transfer). */
    void addCash(AccountId accountId, long cents) {
        if (cents == 0) {
            return;
        }
        Account account = account(accountId);
        account.cash = Math.addExact(account.cash, cents);
        changedAccounts.add(accountId);
    }

    /** Signed change of an account's position (supply issued, transfer). */
    void addPosition(AccountId accountId, Symbol symbol, long lots) {
        if (lots == 0) {
            return;
        }
        Account account = account(accountId);
        long now = Math.addExact(account.positions.getOrDefault(symbol, 0L), lots);
        if (now == 0) {
            account.positions.remove(symbol);
        } else {
            account.positions.put(symbol, now);
        }
        indexHolder(accountId, account, symbol, now);
        changedPositions.add(new PositionKey(accountId, symbol));
    }

    void transferredOut(AccountId accountId, Cash cash, List<Holding> positions) {
        addCash(accountId, Math.negateExact(cash.cents()));
        for (Holding holding : positions == null ? List.<Holding>of() : positions) {
            addPosition(accountId, holding.symbol(), Math.negateExact(holding.quantity().lots()));
        }
    }

    void transferredIn(AccountId accountId, Cash cash, List<Holding> positions) {
        addCash(accountId, cash.cents());
        for (Holding holding : positions == null ? List.<Holding>of() : positions) {
            addPosition(accountId, holding.symbol(), holding.quantity().lots());
        }
    }

    /** Both legs of a trade, and its price as the symbol's last price. */
    void traded(TradeExecutedEvent trade) {
        long lots = trade.quantity().lots();
        addCash(trade.buyerAccountId(), Math.negateExact(Math.addExact(trade.buyerNotional().cents(), trade.buyerFee().cents())));
        addPosition(trade.buyerAccountId(), trade.symbol(), lots);
        addCash(trade.sellerAccountId(), Math.subtractExact(trade.sellerNotional().cents(), trade.sellerFee().cents()));
        addPosition(trade.sellerAccountId(), trade.symbol(), Math.negateExact(lots));
        InstrumentRow known = instruments.get(trade.symbol());
        instruments.put(trade.symbol(), known == null
                ? new InstrumentRow(trade.symbol(), null, null, trade.price())
                : known.withLastPrice(trade.price()));
        changedInstruments.add(trade.symbol());
    }

    /** The account's type, empty until its opening was seen. */
    Optional<AccountType> type(AccountId accountId) {
        Account account = accounts.get(accountId);
        return Optional.ofNullable(account == null ? null : account.type);
    }

    long cashCents(AccountId accountId) {
        Account account = accounts.get(accountId);
        return account == null ? 0 : account.cash;
    }

    long lots(AccountId accountId, Symbol symbol) {
        Account account = accounts.get(accountId);
        return account == null ? 0 : account.positions.getOrDefault(symbol, 0L);
    }

    /** The account's non-zero positions, by symbol. */
    SortedMap<Symbol, Long> positions(AccountId accountId) {
        Account account = accounts.get(accountId);
        SortedMap<Symbol, Long> positions = new TreeMap<>(BY_SYMBOL);
        if (account != null) {
            positions.putAll(account.positions);
        }
        return positions;
    }

    Optional<Price> lastPrice(Symbol symbol) {
        InstrumentRow instrument = instruments.get(symbol);
        return Optional.ofNullable(instrument == null ? null : instrument.lastPrice());
    }

    /** Cash plus the positions at their last prices, rounded down to a cent (see the class comment). */
    Cash equity(AccountId accountId) {
        Account account = accounts.get(accountId);
        if (account == null) {
            return Cash.ZERO;
        }
        BigDecimal value = BigDecimal.ZERO;
        for (Map.Entry<Symbol, Long> position : account.positions.entrySet()) {
            InstrumentRow instrument = instruments.get(position.getKey());
            if (instrument == null || instrument.lastPrice() == null || instrument.tickSize() == null) {
                continue;
            }
            long units = Math.multiplyExact(position.getValue(), instrument.lastPrice().ticks());
            value = value.add(BigDecimal.valueOf(units).multiply(instrument.tickSize()).multiply(instrument.lotSize()));
        }
        long positionsCents = value.movePointRight(Cash.SCALE).setScale(0, RoundingMode.FLOOR).longValueExact();
        return Cash.ofCents(Math.addExact(account.cash, positionsCents));
    }

    /** The COPY accounts that hold {@code symbol}. */
    Set<AccountId> copyAccountsHolding(Symbol symbol) {
        return Collections.unmodifiableSet(copyHolders.getOrDefault(symbol, Set.of()));
    }

    /** The rows changed since the last drain, as they are now; forgets them. */
    Changes drainChanges() {
        List<AccountRow> accountRows = new ArrayList<>();
        for (AccountId id : changedAccounts) {
            Account account = accounts.get(id);
            accountRows.add(new AccountRow(id, account.type, account.cash));
        }
        List<PositionRow> positionRows = new ArrayList<>();
        for (PositionKey key : changedPositions) {
            positionRows.add(new PositionRow(key.accountId(), key.symbol(), lots(key.accountId(), key.symbol())));
        }
        List<InstrumentRow> instrumentRows = new ArrayList<>();
        for (Symbol symbol : changedInstruments) {
            instrumentRows.add(instruments.get(symbol));
        }
        changedAccounts.clear();
        changedPositions.clear();
        changedInstruments.clear();
        return new Changes(accountRows, positionRows, instrumentRows);
    }

    record Changes(List<AccountRow> accounts, List<PositionRow> positions, List<InstrumentRow> instruments) {
    }

    private Account account(AccountId accountId) {
        Account account = accounts.get(accountId);
        if (account == null) {
            account = new Account(null);
            accounts.put(accountId, account);
            changedAccounts.add(accountId);
        }
        return account;
    }

    private void indexHolder(AccountId accountId, Account account, Symbol symbol, long lots) {
        if (account.type != AccountType.COPY) {
            return;
        }
        if (lots != 0) {
            copyHolders.computeIfAbsent(symbol, s -> new TreeSet<>(Comparator.comparing(AccountId::value))).add(accountId);
        } else {
            Set<AccountId> holders = copyHolders.get(symbol);
            if (holders != null) {
                holders.remove(accountId);
                if (holders.isEmpty()) {
                    copyHolders.remove(symbol);
                }
            }
        }
    }

    private record PositionKey(AccountId accountId, Symbol symbol) {
    }

    private static final class Account {
        private AccountType type;
        private long cash;
        private final Map<Symbol, Long> positions = new HashMap<>();

        private Account(AccountType type) {
            this.type = type;
        }
    }
}
