package io.tandem.infra.audit.ledger;

import io.tandem.contracts.account.*;
import io.tandem.contracts.common.*;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Speed of the ledger fold (bench/audit-ledger.sh): a synthetic, consistent history of trades
 * between 1,000 accounts in 20 instruments (reservations, executions, both settlement legs, fee runs
 * of 50 trades, releases), serialized as the event store holds it (Jackson JSON bytes). Timed: the
 * deserialization and the fold, as {@link LedgerVerification} does them once the rows are fetched.
 * Prints {@code BENCH_LEDGER events=.. seconds=.. events_per_s=.. fold_only_events_per_s=.. ok=..}.
 */
public final class LedgerBench {

    private static final int ACCOUNTS = 1_000;
    private static final int SYMBOLS = 20;

    private LedgerBench() {
    }

    public static void main(String[] args) {
        int trades = args.length > 0 ? Integer.parseInt(args[0].replace("--trades=", "")) : 40_000;
        List<Object> events = history(trades);
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        List<SerializedObject<byte[]>> stored = new ArrayList<>(events.size());
        for (Object event : events) {
            stored.add(serializer.serialize(event, byte[].class));
        }
        for (int warmup = 0; warmup < 2; warmup++) {
            fold(events);
            deserializeAndFold(serializer, stored);
        }
        long foldStart = System.nanoTime();
        fold(events);
        double foldSeconds = (System.nanoTime() - foldStart) / 1e9;
        long start = System.nanoTime();
        LedgerReport report = deserializeAndFold(serializer, stored);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCH_LEDGER events=%d seconds=%.3f events_per_s=%d fold_only_events_per_s=%d ok=%s%n",
                events.size(), seconds, Math.round(events.size() / seconds), Math.round(events.size() / foldSeconds),
                report.ok());
        if (!report.ok()) {
            System.out.println(report.human());
        }
    }

    private static LedgerReport fold(List<Object> events) {
        LedgerFold fold = new LedgerFold();
        long index = 0;
        for (Object event : events) {
            fold.fold(index++, event);
        }
        return fold.report(index - 1);
    }

    private static LedgerReport deserializeAndFold(JacksonSerializer serializer, List<SerializedObject<byte[]>> stored) {
        LedgerFold fold = new LedgerFold();
        long index = 0;
        for (SerializedObject<byte[]> event : stored) {
            fold.fold(index++, serializer.deserialize(event));
        }
        return fold.report(index - 1);
    }

    /** Every account funded and holding every instrument; then trades between pairs of accounts, settled in full. */
    static List<Object> history(int trades) {
        List<Object> events = new ArrayList<>();
        AccountId fees = AccountId.of("platform-fees");
        events.add(new AccountOpenedEvent(fees, UserId.of("platform"), AccountType.FEE));
        for (int a = 0; a < ACCOUNTS; a++) {
            AccountId account = AccountId.of("acct-" + a);
            events.add(new AccountOpenedEvent(account, UserId.of("user-" + a), AccountType.TRADING));
            events.add(new CashAdjustedEvent(account, AdjustmentId.of("fund-" + a), Cash.ofCents(100_000_000), "fund",
                    UserId.of("admin")));
            for (int s = 0; s < SYMBOLS; s++) {
                events.add(new SupplyIssuedEvent(account, Symbol.of("S" + s), Quantity.ofLots(1_000_000)));
            }
        }
        long[] sequence = new long[SYMBOLS];
        long[] runFrom = new long[SYMBOLS];
        long[] runCredit = new long[SYMBOLS];
        for (int t = 0; t < trades; t++) {
            int s = t % SYMBOLS;
            Symbol symbol = Symbol.of("S" + s);
            AccountId buyer = AccountId.of("acct-" + (t * 7 % ACCOUNTS));
            AccountId seller = AccountId.of("acct-" + ((t * 7 + 1) % ACCOUNTS));
            OrderId bid = OrderId.of("b" + t);
            OrderId ask = OrderId.of("a" + t);
            TradeId tradeId = TradeId.of(symbol, ++sequence[s]);
            if (runFrom[s] == 0) {
                runFrom[s] = sequence[s];
            }
            long notional = 1_000 + t % 97;
            events.add(new CashReservedEvent(buyer, bid, symbol, Cash.ofCents(notional + 10)));
            events.add(new PositionReservedEvent(seller, ask, symbol, Quantity.ofLots(10)));
            events.add(new TradeExecutedEvent(symbol, tradeId, Price.ofTicks(100), Quantity.ofLots(10), Side.BUY, ask, bid,
                    buyer, bid, seller, ask, Cash.ofCents(notional), Cash.ofCents(2), Cash.ofCents(notional), Cash.ofCents(2),
                    true, true, Instant.EPOCH));
            events.add(new BuySettledEvent(buyer, tradeId, bid, symbol, Quantity.ofLots(10), Cash.ofCents(notional), Cash.ofCents(2)));
            events.add(new SellSettledEvent(seller, tradeId, ask, symbol, Quantity.ofLots(10), Cash.ofCents(notional), Cash.ofCents(2)));
            events.add(new ReservationReleasedEvent(buyer, bid, symbol, Cash.ofCents(8), Quantity.ZERO));
            runCredit[s] += 4;
            if (sequence[s] - runFrom[s] == 49 || t >= trades - SYMBOLS) {
                events.add(new FeesCollectedEvent(fees, TradeId.of(symbol, runFrom[s]), tradeId, Cash.ofCents(runCredit[s])));
                runFrom[s] = 0;
                runCredit[s] = 0;
            }
        }
        return events;
    }
}
