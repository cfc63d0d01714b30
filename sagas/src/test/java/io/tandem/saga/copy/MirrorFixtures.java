package io.tandem.saga.copy;

import io.tandem.contracts.account.AccountOpenedEvent;
import io.tandem.contracts.account.AssetsTransferredInEvent;
import io.tandem.contracts.account.AssetsTransferredOutEvent;
import io.tandem.contracts.account.DepositCreditedEvent;
import io.tandem.contracts.account.SupplyIssuedEvent;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import io.tandem.contracts.payment.PaymentId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Events for the copy-mirror tests. ACME has a tick of 0.01 and a lot of 0.0001 share, so one share is
 * 10,000 lots and a price of 1000 ticks is 10.00; a trade of {@code shares} whole shares at {@code ticks}
 * has a notional of shares x ticks cents.
 */
final class MirrorFixtures {

    static final Symbol ACME = Symbol.of("ACME");
    static final Symbol BOLT = Symbol.of("BOLT");
    static final long SHARE = 10_000;
    static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private MirrorFixtures() {
    }

    static InstrumentSpec spec(Symbol symbol) {
        return new InstrumentSpec(symbol, symbol.value() + " Inc", new BigDecimal("0.01"), new BigDecimal("0.0001"),
                new BigDecimal("0.001"), new BigDecimal("0.002"), Quantity.ofLots(1_000_000_000_000L),
                Cash.ofCents(100_000_000_00L), new BigDecimal("0.05"));
    }

    static InstrumentListedEvent listed(Symbol symbol, AccountId issuer) {
        return new InstrumentListedEvent(symbol, spec(symbol), issuer, Quantity.ofLots(1_000_000 * SHARE), T0);
    }

    static AccountOpenedEvent opened(AccountId account, AccountType type) {
        return new AccountOpenedEvent(account, UserId.of("owner-of-" + account.value()), type);
    }

    static SupplyIssuedEvent supply(AccountId account, Symbol symbol, long shares) {
        return new SupplyIssuedEvent(account, symbol, Quantity.ofLots(shares * SHARE));
    }

    static DepositCreditedEvent deposit(AccountId account, long cents) {
        return new DepositCreditedEvent(account, PaymentId.of("pay-" + SEQUENCE.incrementAndGet()), Cash.ofCents(cents));
    }

    static AssetsTransferredOutEvent out(AccountId from, AccountId to, long cents) {
        return new AssetsTransferredOutEvent(from, "xfer-" + to.value(), to, Cash.ofCents(cents), List.of());
    }

    static AssetsTransferredInEvent in(AccountId to, AccountId from, long cents) {
        return new AssetsTransferredInEvent(to, "xfer-" + to.value(), from, Cash.ofCents(cents), List.of());
    }

    /** {@code shares} whole shares at {@code ticks}: notional shares x ticks cents, each side paying {@code feeCents}. */
    static TradeExecutedEvent trade(long sequence, Symbol symbol, AccountId buyer, AccountId seller, long shares, long ticks,
                                    long feeCents) {
        Cash notional = Cash.ofCents(Math.multiplyExact(shares, ticks));
        return new TradeExecutedEvent(symbol, TradeId.of(symbol, sequence), Price.ofTicks(ticks), Quantity.ofLots(shares * SHARE),
                Side.BUY, OrderId.of("sell-" + sequence), OrderId.of("buy-" + sequence), buyer, OrderId.of("buy-" + sequence),
                seller, OrderId.of("sell-" + sequence), notional, Cash.ofCents(feeCents), notional, Cash.ofCents(feeCents),
                true, true, T0.plusSeconds(sequence));
    }
}
