package io.tandem.projection.performance;

import io.tandem.contracts.account.AccountOpenedEvent;
import io.tandem.contracts.account.AssetsTransferredInEvent;
import io.tandem.contracts.account.AssetsTransferredOutEvent;
import io.tandem.contracts.account.BuySettledEvent;
import io.tandem.contracts.account.CashAdjustedEvent;
import io.tandem.contracts.account.DepositCreditedEvent;
import io.tandem.contracts.account.Holding;
import io.tandem.contracts.account.SellSettledEvent;
import io.tandem.contracts.account.WithdrawalDebitedEvent;
import io.tandem.contracts.copy.CopyClosedEvent;
import io.tandem.contracts.copy.CopyPausedEvent;
import io.tandem.contracts.copy.CopyResumedEvent;
import io.tandem.contracts.copy.CopyStartedEvent;
import io.tandem.contracts.copy.CopyStoppingEvent;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import io.tandem.contracts.profile.TraderProfileSetEvent;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The published formulas (GraphQL {@code Portfolio}, {@code PortfolioPosition}, {@code EquityDay},
 * {@code TraderStats}) computed the plainest way, to check the performance projection against: every
 * figure is recomputed from the whole event history with straight loops over BigDecimal, day by day,
 * with nothing incremental or stored. Amounts are kept in cents (BigDecimal) and formatted at the end.
 */
final class ReferencePerformance {

    /** An event as it was recorded: its payload and the instant of its message. */
    record Recorded(Instant at, Object payload) {
    }

    /** The figures of one position, as PortfolioPosition shows them. */
    record PositionFigures(String symbol, String quantity, String averagePrice, String lastPrice, String marketValue,
                           String realizedPnl, String unrealizedPnl) {
    }

    record PortfolioFigures(String accountId, String owner, String cash, String equity, String netDeposits,
                            String realizedPnl, String unrealizedPnl, List<PositionFigures> positions) {
    }

    record DayFigures(String day, String equity, String netDeposits) {
    }

    record StatsFigures(String userId, String handle, String displayName, String returnPercent, String maxDrawdownPercent,
                        String volatilityPercent, Integer riskScore, long copiers, String assetsUnderCopy,
                        String winRatePercent, long trades) {
    }

    private static final int G_SCALE = 12;
    private static final MathContext WIDE = new MathContext(50, RoundingMode.HALF_EVEN);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final List<Recorded> events;
    private final Map<String, InstrumentSpec> specs;
    private final LocalDate today;

    ReferencePerformance(List<Recorded> events, Map<String, InstrumentSpec> specs, LocalDate today) {
        this.events = events;
        this.specs = specs;
        this.today = today;
    }

    static LocalDate dayOf(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    // ---- one account's ledger -----------------------------------------------------------------------

    /** One symbol of an account: lots held, cost basis in cents, what its sells realized in cents. */
    static final class Lot {
        long lots;
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal realized = BigDecimal.ZERO;
    }

    /** An account's state after some of its events. */
    static final class Ledger {
        String owner;
        LocalDate firstDay;
        BigDecimal cash = BigDecimal.ZERO;
        BigDecimal netDeposits = BigDecimal.ZERO;
        final Map<String, Lot> symbols = new TreeMap<>();
        final List<Sell> sells = new ArrayList<>();
        final List<LocalDate> buys = new ArrayList<>();

        Lot lot(String symbol) {
            return symbols.computeIfAbsent(symbol, s -> new Lot());
        }
    }

    record Sell(LocalDate day, BigDecimal realized) {
    }

    /**
     * Every account's ledger after the events up to {@code end} (inclusive: a day's events are those
     * whose UTC date is at most {@code end}), with the last prices at that point.
     */
    private Map<String, Ledger> ledgersAt(LocalDate end) {
        Map<String, Ledger> ledgers = new TreeMap<>();
        Map<String, Long> lastTicks = new TreeMap<>();
        Map<String, List<Flow>> flows = new TreeMap<>();
        flowsOn.put(end, flows);
        for (Recorded recorded : events) {
            if (dayOf(recorded.at()).isAfter(end)) {
                continue;
            }
            Object p = recorded.payload();
            if (dayOf(recorded.at()).equals(end)) {
                recordFlow(p, ledgers, lastTicks, flows);
            }
            if (p instanceof TradeExecutedEvent e) {
                lastTicks.put(e.symbol().value(), e.price().ticks());
            } else if (p instanceof AccountOpenedEvent e) {
                Ledger ledger = ledgers.computeIfAbsent(e.accountId().value(), id -> new Ledger());
                ledger.owner = e.owner().value();
                ledger.firstDay = dayOf(recorded.at());
            } else if (p instanceof DepositCreditedEvent e) {
                Ledger ledger = ledgers.get(e.accountId().value());
                ledger.cash = ledger.cash.add(cents(e.amount().cents()));
                ledger.netDeposits = ledger.netDeposits.add(cents(e.amount().cents()));
            } else if (p instanceof WithdrawalDebitedEvent e) {
                Ledger ledger = ledgers.get(e.accountId().value());
                ledger.cash = ledger.cash.subtract(cents(e.amount().cents()));
                ledger.netDeposits = ledger.netDeposits.subtract(cents(e.amount().cents()));
            } else if (p instanceof CashAdjustedEvent e) {
                Ledger ledger = ledgers.get(e.accountId().value());
                ledger.cash = ledger.cash.add(cents(e.amount().cents()));
                ledger.netDeposits = ledger.netDeposits.add(cents(e.amount().cents()));
            } else if (p instanceof BuySettledEvent e) {
                Ledger ledger = ledgers.get(e.accountId().value());
                BigDecimal cost = cents(e.notional().cents() + e.fee().cents());
                ledger.cash = ledger.cash.subtract(cost);
                Lot lot = ledger.lot(e.symbol().value());
                lot.lots += e.quantity().lots();
                lot.cost = lot.cost.add(cost);
                ledger.buys.add(dayOf(recorded.at()));
            } else if (p instanceof SellSettledEvent e) {
                Ledger ledger = ledgers.get(e.accountId().value());
                BigDecimal proceeds = cents(e.notional().cents() - e.fee().cents());
                ledger.cash = ledger.cash.add(proceeds);
                Lot lot = ledger.lot(e.symbol().value());
                BigDecimal share = costShare(lot, e.quantity().lots());
                lot.lots -= e.quantity().lots();
                lot.cost = lot.cost.subtract(share);
                BigDecimal realized = proceeds.subtract(share);
                lot.realized = lot.realized.add(realized);
                ledger.sells.add(new Sell(dayOf(recorded.at()), realized));
            } else if (p instanceof AssetsTransferredOutEvent e) {
                Ledger ledger = ledgers.get(e.accountId().value());
                ledger.cash = ledger.cash.subtract(cents(e.cash().cents()));
                ledger.netDeposits = ledger.netDeposits.subtract(cents(e.cash().cents()));
                for (Holding holding : e.positions()) {
                    String symbol = holding.symbol().value();
                    Lot lot = ledger.lot(symbol);
                    BigDecimal share = costShare(lot, holding.quantity().lots());
                    BigDecimal value = marketValue(symbol, holding.quantity().lots(), lastTicks.get(symbol));
                    lot.lots -= holding.quantity().lots();
                    lot.cost = lot.cost.subtract(share);
                    // leaves at its market value, like a sale at that price: value - share is realized (not a sell for the win rate)
                    lot.realized = lot.realized.add(value.subtract(share));
                    ledger.netDeposits = ledger.netDeposits.subtract(value);
                }
            } else if (p instanceof AssetsTransferredInEvent e) {
                Ledger ledger = ledgers.get(e.accountId().value());
                ledger.cash = ledger.cash.add(cents(e.cash().cents()));
                ledger.netDeposits = ledger.netDeposits.add(cents(e.cash().cents()));
                for (Holding holding : e.positions()) {
                    String symbol = holding.symbol().value();
                    Lot lot = ledger.lot(symbol);
                    BigDecimal value = marketValue(symbol, holding.quantity().lots(), lastTicks.get(symbol));
                    lot.lots += holding.quantity().lots();
                    lot.cost = lot.cost.add(value);
                    ledger.netDeposits = ledger.netDeposits.add(value);
                }
            }
        }
        lastTicksAt.put(end, lastTicks);
        return ledgers;
    }

    private final Map<LocalDate, Map<String, Long>> lastTicksAt = new TreeMap<>();

    /** An external flow of {@code amount} cents when its account was worth {@code value} cents just before it. */
    record Flow(BigDecimal value, BigDecimal amount) {
    }

    /** Each day's external flows, by account, in the order they happened. */
    private final Map<LocalDate, Map<String, List<Flow>>> flowsOn = new TreeMap<>();

    /** If {@code p} is an external flow, notes it with what its account is worth just before it (at the last prices so far). */
    private void recordFlow(Object p, Map<String, Ledger> ledgers, Map<String, Long> lastTicks, Map<String, List<Flow>> flows) {
        String account;
        BigDecimal amount;
        if (p instanceof DepositCreditedEvent e) {
            account = e.accountId().value();
            amount = cents(e.amount().cents());
        } else if (p instanceof WithdrawalDebitedEvent e) {
            account = e.accountId().value();
            amount = cents(-e.amount().cents());
        } else if (p instanceof CashAdjustedEvent e) {
            account = e.accountId().value();
            amount = cents(e.amount().cents());
        } else if (p instanceof AssetsTransferredOutEvent e) {
            account = e.accountId().value();
            amount = cents(e.cash().cents());
            for (Holding holding : e.positions()) {
                amount = amount.add(marketValue(holding.symbol().value(), holding.quantity().lots(), lastTicks.get(holding.symbol().value())));
            }
            amount = amount.negate();
        } else if (p instanceof AssetsTransferredInEvent e) {
            account = e.accountId().value();
            amount = cents(e.cash().cents());
            for (Holding holding : e.positions()) {
                amount = amount.add(marketValue(holding.symbol().value(), holding.quantity().lots(), lastTicks.get(holding.symbol().value())));
            }
        } else {
            return;
        }
        flows.computeIfAbsent(account, id -> new ArrayList<>()).add(new Flow(equity(ledgers.get(account), lastTicks), amount));
    }

    /** cost x sold / held, rounded half-even to a cent; all of it when the position is emptied. */
    private static BigDecimal costShare(Lot lot, long sold) {
        if (sold > lot.lots) {
            throw new IllegalStateException("sold " + sold + " of " + lot.lots);
        }
        if (sold == lot.lots) {
            return lot.cost;
        }
        return lot.cost.multiply(BigDecimal.valueOf(sold)).divide(BigDecimal.valueOf(lot.lots), 0, RoundingMode.HALF_EVEN);
    }

    /** The exact value in cents of {@code lots} at {@code ticks} (zero without a price). */
    private BigDecimal exactValue(String symbol, long lots, Long ticks) {
        if (ticks == null) {
            return BigDecimal.ZERO;
        }
        InstrumentSpec spec = specs.get(symbol);
        return spec.tickSize().multiply(BigDecimal.valueOf(ticks)).multiply(spec.lotSize()).multiply(BigDecimal.valueOf(lots))
                .movePointRight(2);
    }

    /** quantity x price rounded down to a cent. */
    private BigDecimal marketValue(String symbol, long lots, Long ticks) {
        return exactValue(symbol, lots, ticks).setScale(0, RoundingMode.FLOOR);
    }

    /** cash + the exact sum of the positions at the prices, rounded down to a cent once; in cents. */
    private BigDecimal equity(Ledger ledger, Map<String, Long> ticks) {
        BigDecimal positions = BigDecimal.ZERO;
        for (Map.Entry<String, Lot> entry : ledger.symbols.entrySet()) {
            positions = positions.add(exactValue(entry.getKey(), entry.getValue().lots, ticks.get(entry.getKey())));
        }
        return ledger.cash.add(positions).setScale(0, RoundingMode.FLOOR);
    }

    private static BigDecimal cents(long cents) {
        return BigDecimal.valueOf(cents);
    }

    static String money(BigDecimal cents) {
        return cents.movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    // ---- the published figures ---------------------------------------------------------------------

    /** Every account's portfolio as of today, by account id. */
    Map<String, PortfolioFigures> portfolios() {
        Map<String, Ledger> ledgers = ledgersAt(today);
        Map<String, Long> ticks = lastTicksAt.get(today);
        Map<String, PortfolioFigures> result = new TreeMap<>();
        for (Map.Entry<String, Ledger> entry : ledgers.entrySet()) {
            Ledger ledger = entry.getValue();
            List<PositionFigures> positions = new ArrayList<>();
            BigDecimal realized = BigDecimal.ZERO;
            BigDecimal unrealized = BigDecimal.ZERO;
            for (Map.Entry<String, Lot> symbolEntry : ledger.symbols.entrySet()) {
                String symbol = symbolEntry.getKey();
                Lot lot = symbolEntry.getValue();
                realized = realized.add(lot.realized);
                if (lot.lots == 0) {
                    continue;
                }
                InstrumentSpec spec = specs.get(symbol);
                Long last = ticks.get(symbol);
                BigDecimal value = marketValue(symbol, lot.lots, last);
                unrealized = unrealized.add(value.subtract(lot.cost));
                BigDecimal quantity = spec.lotSize().multiply(BigDecimal.valueOf(lot.lots));
                // cost basis / quantity, rounded half-even to the tick (ticks here are powers of ten)
                int tickScale = spec.tickSize().stripTrailingZeros().scale();
                String average = lot.cost.movePointLeft(2).divide(quantity, tickScale, RoundingMode.HALF_EVEN).toPlainString();
                positions.add(new PositionFigures(symbol, spec.format(io.tandem.contracts.common.Quantity.ofLots(lot.lots)),
                        average, last == null ? null : spec.format(io.tandem.contracts.common.Price.ofTicks(last)),
                        money(value), money(lot.realized), money(value.subtract(lot.cost))));
            }
            result.put(entry.getKey(), new PortfolioFigures(entry.getKey(), ledger.owner, money(ledger.cash),
                    money(equity(ledger, ticks)), money(ledger.netDeposits), money(realized), money(unrealized), positions));
        }
        return result;
    }

    /** Each account's equity and cumulative net deposits at every day's close, from its first day to today. */
    Map<String, List<DayFigures>> equityHistories() {
        Map<String, List<DayFigures>> result = new TreeMap<>();
        for (Map.Entry<String, DailySeries> entry : dailySeries().entrySet()) {
            List<DayFigures> days = new ArrayList<>();
            DailySeries series = entry.getValue();
            for (int i = 0; i < series.days.size(); i++) {
                days.add(new DayFigures(series.days.get(i).toString(), money(series.equity.get(i)), money(series.netDeposits.get(i))));
            }
            result.put(entry.getKey(), days);
        }
        return result;
    }

    /** An account's days from its first to today, with E(d) and cumulative net deposits at each day's end, in cents. */
    static final class DailySeries {
        final List<LocalDate> days = new ArrayList<>();
        final List<BigDecimal> equity = new ArrayList<>();
        final List<BigDecimal> netDeposits = new ArrayList<>();
        Ledger finalLedger;
    }

    private Map<String, DailySeries> series;

    private Map<String, DailySeries> dailySeries() {
        if (series != null) {
            return series;
        }
        series = new TreeMap<>();
        LocalDate first = events.stream().map(r -> dayOf(r.at())).min(Comparator.naturalOrder()).orElse(today);
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            Map<String, Ledger> ledgers = ledgersAt(day);
            Map<String, Long> closes = lastTicksAt.get(day);
            for (Map.Entry<String, Ledger> entry : ledgers.entrySet()) {
                DailySeries s = series.computeIfAbsent(entry.getKey(), id -> new DailySeries());
                s.days.add(day);
                s.equity.add(equity(entry.getValue(), closes));
                s.netDeposits.add(entry.getValue().netDeposits);
                s.finalLedger = entry.getValue();
            }
        }
        return series;
    }

    /** The lowest day of a period of {@code days} days ending today (0: no bound). */
    private LocalDate periodStart(int days) {
        return days == 0 ? LocalDate.MIN : today.minusDays(days - 1L);
    }

    /**
     * A ranked trader's figures over a period of {@code periodDays} days (0: ALL). {@code copies} are
     * the live copies of this leader (their COPY account ids).
     */
    StatsFigures stats(String userId, String handle, String displayName, String accountId, int periodDays, List<String> copyAccounts) {
        DailySeries s = dailySeries().get(accountId);
        LocalDate start = periodStart(periodDays);
        BigDecimal index = BigDecimal.ONE;
        BigDecimal peak = BigDecimal.ONE;
        BigDecimal maxDrawdown = BigDecimal.ZERO;
        List<BigDecimal> returns = new ArrayList<>();
        for (int i = 0; i < s.days.size(); i++) {
            if (s.days.get(i).isBefore(start)) {
                continue;
            }
            // time-weighted: each flow ends a sub-period at the account's value just before it, the next starts after it
            BigDecimal subStart = i == 0 ? BigDecimal.ZERO : s.equity.get(i - 1);
            List<BigDecimal> factors = new ArrayList<>();
            for (Flow flow : flowsOn.get(s.days.get(i)).getOrDefault(accountId, List.of())) {
                factors.add(factor(flow.value(), subStart));
                subStart = flow.value().add(flow.amount());
            }
            factors.add(factor(s.equity.get(i), subStart));
            BigDecimal g = factors.get(0);
            if (factors.size() > 1) {
                BigDecimal inner = BigDecimal.ONE;
                for (int k = 1; k < factors.size() - 1; k++) {
                    inner = inner.multiply(factors.get(k)).setScale(G_SCALE, RoundingMode.HALF_EVEN);
                }
                g = g.multiply(inner).setScale(G_SCALE, RoundingMode.HALF_EVEN)
                        .multiply(factors.get(factors.size() - 1)).setScale(G_SCALE, RoundingMode.HALF_EVEN);
            }
            index = index.multiply(g).setScale(G_SCALE, RoundingMode.HALF_EVEN);
            returns.add(g.subtract(BigDecimal.ONE));
            if (index.compareTo(peak) > 0) {
                peak = index;
            }
            BigDecimal drawdown = peak.subtract(index).divide(peak, 30, RoundingMode.HALF_EVEN);
            if (drawdown.compareTo(maxDrawdown) > 0) {
                maxDrawdown = drawdown;
            }
        }
        String returnPercent = percent(index.subtract(BigDecimal.ONE));
        String drawdownPercent = percent(maxDrawdown);
        String volatility = null;
        Integer risk = null;
        if (returns.size() >= 2) {
            BigDecimal sum = BigDecimal.ZERO;
            for (BigDecimal r : returns) {
                sum = sum.add(r);
            }
            BigDecimal mean = sum.divide(BigDecimal.valueOf(returns.size()), WIDE);
            BigDecimal squares = BigDecimal.ZERO;
            for (BigDecimal r : returns) {
                squares = squares.add(r.subtract(mean).pow(2));
            }
            BigDecimal variance = squares.divide(BigDecimal.valueOf(returns.size() - 1L), WIDE);
            BigDecimal annual = variance.multiply(BigDecimal.valueOf(365)).sqrt(WIDE);
            BigDecimal rounded = annual.multiply(HUNDRED).setScale(2, RoundingMode.HALF_EVEN);
            volatility = rounded.toPlainString();
            risk = riskScore(rounded);
        }
        Ledger ledger = s.finalLedger;
        long trades = 0;
        for (LocalDate day : ledger.buys) {
            if (!day.isBefore(start)) {
                trades++;
            }
        }
        long sells = 0;
        long wins = 0;
        for (Sell sell : ledger.sells) {
            if (!sell.day().isBefore(start)) {
                trades++;
                sells++;
                if (sell.realized().signum() > 0) {
                    wins++;
                }
            }
        }
        String winRate = sells == 0 ? null : BigDecimal.valueOf(wins).multiply(HUNDRED)
                .divide(BigDecimal.valueOf(sells), 2, RoundingMode.HALF_EVEN).toPlainString();
        BigDecimal assets = BigDecimal.ZERO;
        for (String copyAccount : copyAccounts) {
            DailySeries copy = dailySeries().get(copyAccount);
            assets = assets.add(copy.equity.get(copy.equity.size() - 1));
        }
        return new StatsFigures(userId, handle, displayName, returnPercent, drawdownPercent, volatility, risk,
                copyAccounts.size(), money(assets), winRate, trades);
    }

    /** end / start rounded half-even to 12 decimals; 1 when the start is not positive. */
    private static BigDecimal factor(BigDecimal end, BigDecimal start) {
        return start.signum() <= 0 ? BigDecimal.ONE.setScale(G_SCALE) : end.divide(start, G_SCALE, RoundingMode.HALF_EVEN);
    }

    private static String percent(BigDecimal fraction) {
        return fraction.multiply(HUNDRED).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    static int riskScore(BigDecimal volatilityPercent) {
        int[] bounds = {1, 5, 10, 15, 20, 25, 35, 50, 75};
        for (int i = 0; i < bounds.length; i++) {
            if (volatilityPercent.compareTo(BigDecimal.valueOf(bounds[i])) <= 0) {
                return i + 1;
            }
        }
        return 10;
    }

    // ---- who is ranked and who copies whom -----------------------------------------------------------

    record Trader(String userId, String handle, String displayName, String accountId) {
    }

    /** The ranked traders (a profile with a public account), by user id, as their last profile event has them. */
    Map<String, Trader> rankedTraders() {
        Map<String, Trader> traders = new TreeMap<>();
        for (Recorded recorded : events) {
            if (recorded.payload() instanceof TraderProfileSetEvent e) {
                if (e.publicAccountId() == null) {
                    traders.remove(e.userId().value());
                } else {
                    traders.put(e.userId().value(), new Trader(e.userId().value(), e.handle(), e.displayName(),
                            e.publicAccountId().value()));
                }
            }
        }
        return traders;
    }

    /** The COPY accounts of each leader's live (ACTIVE or PAUSED) copies, by leader user id. */
    Map<String, List<String>> liveCopies() {
        Map<String, String> leaderOf = new LinkedHashMap<>();
        Map<String, String> accountOf = new LinkedHashMap<>();
        Map<String, Boolean> live = new LinkedHashMap<>();
        for (Recorded recorded : events) {
            Object p = recorded.payload();
            if (p instanceof CopyStartedEvent e) {
                leaderOf.put(e.copyId().value(), e.leader().value());
                accountOf.put(e.copyId().value(), e.copyAccountId().value());
                live.put(e.copyId().value(), true);
            } else if (p instanceof CopyPausedEvent e) {
                live.put(e.copyId().value(), true);
            } else if (p instanceof CopyResumedEvent e) {
                live.put(e.copyId().value(), true);
            } else if (p instanceof CopyStoppingEvent e) {
                live.put(e.copyId().value(), false);
            } else if (p instanceof CopyClosedEvent e) {
                live.put(e.copyId().value(), false);
            }
        }
        Map<String, List<String>> result = new TreeMap<>();
        for (Map.Entry<String, Boolean> entry : live.entrySet()) {
            if (entry.getValue()) {
                result.computeIfAbsent(leaderOf.get(entry.getKey()), l -> new ArrayList<>()).add(accountOf.get(entry.getKey()));
            }
        }
        return result;
    }

    /** Ranked traders' stats for a period, ordered for sortBy RETURN: highest return first, ties by handle. */
    List<StatsFigures> leaderboardByReturn(int periodDays) {
        Map<String, List<String>> copies = liveCopies();
        List<StatsFigures> all = new ArrayList<>();
        for (Trader trader : rankedTraders().values()) {
            all.add(stats(trader.userId(), trader.handle(), trader.displayName(), trader.accountId(), periodDays,
                    copies.getOrDefault(trader.userId(), List.of())));
        }
        all.sort(Comparator.comparing((StatsFigures f) -> new BigDecimal(f.returnPercent())).reversed()
                .thenComparing(StatsFigures::handle));
        return all;
    }
}
