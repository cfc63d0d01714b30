package io.tandem.infra.audit.ledger;

import io.tandem.contracts.account.AssetsTransferredInEvent;
import io.tandem.contracts.account.AssetsTransferredOutEvent;
import io.tandem.contracts.account.BuySettledEvent;
import io.tandem.contracts.account.FeesCollectedEvent;
import io.tandem.contracts.account.Holding;
import io.tandem.contracts.account.SellSettledEvent;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.orderbook.TradeExecutedEvent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Matches what accounts booked against what caused it: each trade's three legs (the buyer's
 * settlement, the seller's, the fee account's share of a fee run) against the legs the
 * {@link TradeExecutedEvent} carries, and the two halves of each transfer against each other.
 * <p>
 * A trade or transfer is held only while it is open (some part booked, some not) and dropped once
 * complete, so memory follows the work in flight. A trade that credits the platform nothing needs no
 * fee run (settlement sends none for a run of such trades), so its fee leg is complete at execution.
 * Fee runs of a book are checked against two per-symbol watermarks instead of per-trade history: the
 * highest trade executed (a run reaching above it collects a trade that never happened) and the
 * highest trade collected (the fee account skips what it has collected, so a run starting at or below
 * it collects again, unless that trade is still open with its fee unpaid: an older log's fee
 * collected out of trade order). What an open one has booked so far is in flight:
 * {@link #cashInFlight()} and {@link #lotsInFlight(String)} are the cash and lots that have left one
 * account and not arrived at the other yet (negative when the arrival was booked first).
 */
final class Settlements {

    /** A fee run longer than this cannot be real (a book never has that many unsettled trades). */
    private static final long LONGEST_FEE_RUN = 10_000_000;

    private static final class OpenTrade {
        final TradeExecutedEvent trade;
        final long index;
        boolean buy;
        boolean sell;
        boolean fee;

        OpenTrade(TradeExecutedEvent trade, long index) {
            this.trade = trade;
            this.index = index;
            this.fee = trade.platformCredit().isZero();
        }

        boolean complete() {
            return buy && sell && fee;
        }
    }

    /** Per symbol: the highest trade sequence executed and the highest covered by a fee run. */
    private static final class Book {
        long executedUpTo;
        long collectedUpTo;
    }

    private static final class OpenTransfer {
        AssetsTransferredOutEvent out;
        AssetsTransferredInEvent in;
    }

    private final LedgerFold fold;
    private final Map<String, OpenTrade> trades = new HashMap<>();
    private final Map<String, OpenTransfer> transfers = new HashMap<>();
    private final Map<String, Book> books = new HashMap<>();

    Settlements(LedgerFold fold) {
        this.fold = fold;
    }

    void executed(TradeExecutedEvent trade, long globalIndex) {
        OpenTrade earlier = trades.putIfAbsent(trade.tradeId().value(), new OpenTrade(trade, globalIndex));
        if (earlier != null) {
            fold.differ("TRADE_EXECUTED_TWICE", null, trade.symbol().value(), trade.tradeId().value(), "lots",
                    earlier.trade.quantity().lots(), trade.quantity().lots(), globalIndex, earlier.index, null);
        }
        Book book = book(trade.symbol().value());
        book.executedUpTo = Math.max(book.executedUpTo, trade.tradeId().sequence());
    }

    void buySettled(AccountBook book, BuySettledEvent leg, long globalIndex) {
        String symbol = leg.symbol().value();
        OpenTrade open = openLeg(book, leg.tradeId(), symbol, -leg.costCents(), leg.quantity().lots(), globalIndex,
                trade -> trade.buy);
        if (open == null) {
            return;
        }
        open.buy = true;
        TradeExecutedEvent trade = open.trade;
        long expected = Math.addExact(trade.buyerNotional().cents(), trade.buyerFee().cents());
        compareLeg(book, open, symbol, !trade.buyerAccountId().equals(leg.accountId()) || !trade.buyOrderId().equals(leg.orderId()),
                expected, leg.costCents(), -1, trade.quantity().lots(), leg.quantity().lots(), 1, globalIndex);
        closeIfComplete(open);
    }

    void sellSettled(AccountBook book, SellSettledEvent leg, long globalIndex) {
        String symbol = leg.symbol().value();
        long proceeds = Math.subtractExact(leg.notional().cents(), leg.fee().cents());
        OpenTrade open = openLeg(book, leg.tradeId(), symbol, proceeds, -leg.quantity().lots(), globalIndex,
                trade -> trade.sell);
        if (open == null) {
            return;
        }
        open.sell = true;
        TradeExecutedEvent trade = open.trade;
        long expected = Math.subtractExact(trade.sellerNotional().cents(), trade.sellerFee().cents());
        compareLeg(book, open, symbol, !trade.sellerAccountId().equals(leg.accountId()) || !trade.sellOrderId().equals(leg.orderId()),
                expected, proceeds, 1, trade.quantity().lots(), leg.quantity().lots(), -1, globalIndex);
        closeIfComplete(open);
    }

    /**
     * The run's amount must be the platform credits of exactly its trades, none collected before. A
     * trade of the run that is no longer open and lies between the two watermarks was closed without a
     * fee run, so it credited nothing; one above the executed watermark never happened; one at or
     * below the collected watermark is collected again, unless it is still open with its fee unpaid:
     * the saga-based settlement before fee runs collected each trade's fee on its own (revision 1, a
     * run of one trade) and not always in trade order, so logs it wrote can collect a trade after a
     * later one. Such a trade is collected here for the first time; one whose fee was paid (or that
     * closed, which it cannot do with its fee unpaid unless it credited nothing) is collected again.
     */
    void feesCollected(AccountBook book, FeesCollectedEvent run, long globalIndex) {
        TradeId first = run.firstTradeId();
        String symbol = first.symbol().value();
        long from = first.sequence();
        long to = run.lastTradeId().sequence();
        String reference = first.value() + ".." + run.lastTradeId().value();
        if (to < from || to - from >= LONGEST_FEE_RUN) {
            book.differsInCash(run.amount().cents());
            fold.differ("FEES_MISMATCH", book.accountId, symbol, reference, "cents", 0, run.amount().cents(), globalIndex, -1,
                    "not a run of trades");
            return;
        }
        Book symbolBook = book(symbol);
        long expected = 0;
        long again = 0;
        long unexecuted = 0;
        long causeIndex = -1;
        for (long sequence = from; sequence <= to; sequence++) {
            boolean belowWatermark = sequence <= symbolBook.collectedUpTo;
            if (!belowWatermark && sequence > symbolBook.executedUpTo) {
                unexecuted++;
                continue;
            }
            OpenTrade open = trades.get(TradeId.of(first.symbol(), sequence).value());
            if (belowWatermark && (open == null || open.fee)) {
                again++;
                continue;
            }
            if (open == null) {
                continue;
            }
            if (!open.fee) {
                open.fee = true;
                causeIndex = Math.max(causeIndex, open.index);
                expected = Math.addExact(expected, open.trade.platformCredit().cents());
                closeIfComplete(open);
            }
        }
        symbolBook.collectedUpTo = Math.max(symbolBook.collectedUpTo, Math.min(to, symbolBook.executedUpTo));
        if (expected != run.amount().cents() || again > 0 || unexecuted > 0) {
            book.differsInCash(run.amount().cents() - expected);
            fold.differ("FEES_MISMATCH", book.accountId, symbol, reference, "cents", expected, run.amount().cents(),
                    globalIndex, causeIndex, feesDetail(again, unexecuted));
        }
    }

    private static String feesDetail(long again, long unexecuted) {
        if (again == 0 && unexecuted == 0) {
            return "the run's amount is not its trades' platform credit";
        }
        StringBuilder detail = new StringBuilder();
        if (again > 0) {
            detail.append(again).append(" of the run's trades were collected before");
        }
        if (unexecuted > 0) {
            detail.append(again > 0 ? "; " : "").append(unexecuted).append(" of the run's trades were never executed");
        }
        return detail.toString();
    }

    void transferredOut(AssetsTransferredOutEvent out, long globalIndex) {
        OpenTransfer open = transfers.computeIfAbsent(out.transferId(), id -> new OpenTransfer());
        if (open.out != null) {
            fold.differ("TRANSFER_TWICE", out.accountId().value(), null, out.transferId(), "cents", 0, out.cash().cents(),
                    globalIndex, -1, "a second transfer out under the same id");
            return;
        }
        open.out = out;
        if (open.in != null) {
            compare(fold.book(open.in.accountId().value(), globalIndex), open, globalIndex);
        }
    }

    void transferredIn(AccountBook book, AssetsTransferredInEvent in, long globalIndex) {
        OpenTransfer open = transfers.computeIfAbsent(in.transferId(), id -> new OpenTransfer());
        if (open.in != null) {
            fold.differ("TRANSFER_TWICE", in.accountId().value(), null, in.transferId(), "cents", 0, in.cash().cents(),
                    globalIndex, -1, "a second transfer in under the same id");
            return;
        }
        open.in = in;
        if (open.out != null) {
            compare(book, open, globalIndex);
        }
    }

    /** What left and has not arrived, in cents, over all open trades and transfers. */
    long cashInFlight() {
        long inFlight = 0;
        for (OpenTrade open : trades.values()) {
            TradeExecutedEvent trade = open.trade;
            if (open.buy) {
                inFlight = Math.addExact(inFlight, Math.addExact(trade.buyerNotional().cents(), trade.buyerFee().cents()));
            }
            if (open.sell) {
                inFlight = Math.subtractExact(inFlight, Math.subtractExact(trade.sellerNotional().cents(), trade.sellerFee().cents()));
            }
            if (open.fee) {
                inFlight = Math.subtractExact(inFlight, trade.platformCredit().cents());
            }
        }
        for (OpenTransfer open : transfers.values()) {
            if (open.out != null && open.in == null) {
                inFlight = Math.addExact(inFlight, open.out.cash().cents());
            } else if (open.in != null && open.out == null) {
                inFlight = Math.subtractExact(inFlight, open.in.cash().cents());
            }
        }
        return inFlight;
    }

    /** What left and has not arrived, in lots of {@code symbol}, over all open trades and transfers. */
    long lotsInFlight(String symbol) {
        long inFlight = 0;
        for (OpenTrade open : trades.values()) {
            if (open.trade.symbol().value().equals(symbol) && open.buy != open.sell) {
                long lots = open.trade.quantity().lots();
                inFlight = open.sell ? Math.addExact(inFlight, lots) : Math.subtractExact(inFlight, lots);
            }
        }
        for (OpenTransfer open : transfers.values()) {
            if (open.out != null && open.in == null) {
                inFlight = Math.addExact(inFlight, lots(open.out.positions()).getOrDefault(symbol, 0L));
            } else if (open.in != null && open.out == null) {
                inFlight = Math.subtractExact(inFlight, lots(open.in.positions()).getOrDefault(symbol, 0L));
            }
        }
        return inFlight;
    }

    int tradesInFlight() {
        return trades.size();
    }

    int transfersInFlight() {
        return transfers.size();
    }

    private interface Booked {
        boolean already(OpenTrade trade);
    }

    /**
     * The open trade a settlement leg belongs to, or null (after recording the difference: the whole
     * leg is unexplained) when the log has no such trade or already has this leg.
     */
    private OpenTrade openLeg(AccountBook book, TradeId tradeId, String symbol, long cashEffect, long lotsEffect,
                              long globalIndex, Booked booked) {
        OpenTrade open = trades.get(tradeId.value());
        if (open != null && !booked.already(open)) {
            return open;
        }
        book.differsInCash(cashEffect);
        book.differsInLots(symbol, lotsEffect);
        fold.differ(open == null ? "SETTLEMENT_WITHOUT_TRADE" : "SETTLED_TWICE", book.accountId, symbol, tradeId.value(),
                "cents", 0, cashEffect, globalIndex, open == null ? -1 : open.index,
                open == null ? "no open trade of this id precedes the settlement" : "this leg of the trade was booked already");
        return null;
    }

    /**
     * Compares a leg's cash and lots with the trade's; {@code cashSign} and {@code lotsSign} say which
     * way the leg moves the account (a buy pays cash and gains lots, a sell the other way).
     */
    private void compareLeg(AccountBook book, OpenTrade open, String symbol, boolean wrongAccount, long expectedCash,
                            long foundCash, int cashSign, long expectedLots, long foundLots, int lotsSign, long globalIndex) {
        String tradeId = open.trade.tradeId().value();
        if (wrongAccount) {
            fold.differ("SETTLEMENT_WRONG_ACCOUNT", book.accountId, symbol, tradeId, "cents", expectedCash, foundCash,
                    globalIndex, open.index, "the trade names another account or order for this leg");
        }
        if (expectedCash != foundCash) {
            book.differsInCash(Math.multiplyExact(cashSign, foundCash - expectedCash));
            fold.differ("SETTLEMENT_MISMATCH", book.accountId, symbol, tradeId, "cents", expectedCash, foundCash,
                    globalIndex, open.index, cashSign < 0 ? "buyer's notional + fee" : "seller's notional - fee");
        }
        if (expectedLots != foundLots) {
            book.differsInLots(symbol, Math.multiplyExact(lotsSign, foundLots - expectedLots));
            fold.differ("SETTLEMENT_MISMATCH", book.accountId, symbol, tradeId, "lots", expectedLots, foundLots,
                    globalIndex, open.index, "settled quantity");
        }
    }

    private Book book(String symbol) {
        return books.computeIfAbsent(symbol, ignored -> new Book());
    }

    private void closeIfComplete(OpenTrade open) {
        if (open.complete()) {
            trades.remove(open.trade.tradeId().value());
        }
    }

    /** Both halves are in: they must agree; the arriving account carries any difference. */
    private void compare(AccountBook in, OpenTransfer open, long globalIndex) {
        transfers.remove(open.out.transferId());
        String id = open.out.transferId();
        if (open.out.cash().cents() != open.in.cash().cents()) {
            in.differsInCash(open.in.cash().cents() - open.out.cash().cents());
            fold.differ("TRANSFER_MISMATCH", in.accountId, null, id, "cents", open.out.cash().cents(), open.in.cash().cents(),
                    globalIndex, -1, "cash in differs from cash out");
        }
        Map<String, Long> left = lots(open.out.positions());
        Map<String, Long> arrived = lots(open.in.positions());
        if (!left.equals(arrived)) {
            Map<String, Long> symbols = new TreeMap<>(left);
            arrived.keySet().forEach(symbol -> symbols.putIfAbsent(symbol, 0L));
            for (String symbol : symbols.keySet()) {
                long out = left.getOrDefault(symbol, 0L);
                long into = arrived.getOrDefault(symbol, 0L);
                if (out != into) {
                    in.differsInLots(symbol, into - out);
                    fold.differ("TRANSFER_MISMATCH", in.accountId, symbol, id, "lots", out, into, globalIndex, -1,
                            "lots in differ from lots out");
                }
            }
        }
        if (!open.out.toAccountId().equals(open.in.accountId()) || !open.in.fromAccountId().equals(open.out.accountId())) {
            fold.differ("TRANSFER_MISMATCH", in.accountId, null, id, "cents", open.out.cash().cents(), open.in.cash().cents(),
                    globalIndex, -1, "the halves name other accounts");
        }
    }

    private static Map<String, Long> lots(List<Holding> positions) {
        Map<String, Long> lots = new HashMap<>();
        if (positions != null) {
            for (Holding holding : positions) {
                if (holding.quantity().lots() != 0) {
                    lots.merge(holding.symbol().value(), holding.quantity().lots(), Math::addExact);
                }
            }
        }
        return lots;
    }
}
