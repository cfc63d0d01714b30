package io.tandem.projection.performance;

import com.mongodb.client.MongoDatabase;
import io.tandem.contracts.account.AccountOpenedEvent;
import io.tandem.contracts.account.AssetsTransferredInEvent;
import io.tandem.contracts.account.AssetsTransferredOutEvent;
import io.tandem.contracts.account.BuySettledEvent;
import io.tandem.contracts.account.CashReservedEvent;
import io.tandem.contracts.account.DepositCreditedEvent;
import io.tandem.contracts.account.Holding;
import io.tandem.contracts.account.SellSettledEvent;
import io.tandem.contracts.account.WithdrawalDebitedEvent;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.CopyStartedEvent;
import io.tandem.contracts.copy.SizingMode;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import io.tandem.contracts.profile.TraderProfileSetEvent;
import io.tandem.projection.support.InstrumentFormats;
import org.axonframework.eventhandling.EventMessage;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.tandem.projection.support.ProjectionBatches.eventAt;
import static io.tandem.projection.support.TestEvents.*;

/**
 * Builds performance scenarios: account events numbered per account, trades numbered per book, on
 * ACME (tick 0.01, lot 0.0001), each at an explicit time. Amounts are decimals ("100.00").
 */
final class PerformanceWorld {

    static final LocalDate D1 = LocalDate.parse("2026-03-01");

    private final List<EventMessage<Object>> events = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private long tradeSequence;

    static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    static void listAcme(MongoDatabase database) {
        new InstrumentFormats(database).store(acmeListed("1000000"));
    }

    List<EventMessage<Object>> events() {
        return events;
    }

    private PerformanceWorld account(String accountId, Object payload, Instant at) {
        long sequence = sequences.merge(accountId, 1L, Long::sum) - 1;
        events.add(eventAt("Account", accountId, sequence, payload, at));
        return this;
    }

    PerformanceWorld open(String accountId, String owner, AccountType type, Instant at) {
        return account(accountId, new AccountOpenedEvent(AccountId.of(accountId), UserId.of(owner), type), at);
    }

    PerformanceWorld deposit(String accountId, String amount, Instant at) {
        return account(accountId, new DepositCreditedEvent(AccountId.of(accountId), null, Cash.parse(amount)), at);
    }

    PerformanceWorld withdraw(String accountId, String amount, Instant at) {
        return account(accountId, new WithdrawalDebitedEvent(AccountId.of(accountId), null, Cash.parse(amount)), at);
    }

    PerformanceWorld reserve(String accountId, String amount, Instant at) {
        return account(accountId, new CashReservedEvent(AccountId.of(accountId), OrderId.of("o-" + events.size()), ACME,
                Cash.parse(amount)), at);
    }

    PerformanceWorld buy(String accountId, String quantity, String notional, String fee, Instant at) {
        return account(accountId, new BuySettledEvent(AccountId.of(accountId), TradeId.of("t-" + events.size()),
                OrderId.of("o-" + events.size()), ACME, quantity(quantity), Cash.parse(notional), Cash.parse(fee)), at);
    }

    PerformanceWorld sell(String accountId, String quantity, String notional, String fee, Instant at) {
        return account(accountId, new SellSettledEvent(AccountId.of(accountId), TradeId.of("t-" + events.size()),
                OrderId.of("o-" + events.size()), ACME, quantity(quantity), Cash.parse(notional), Cash.parse(fee)), at);
    }

    PerformanceWorld transferIn(String accountId, String from, String cash, String acme, Instant at) {
        return account(accountId, new AssetsTransferredInEvent(AccountId.of(accountId), "tr-" + events.size(),
                AccountId.of(from), Cash.parse(cash), acme == null ? List.of() : List.of(new Holding(ACME, quantity(acme)))), at);
    }

    PerformanceWorld transferOut(String accountId, String to, String cash, String acme, Instant at) {
        return account(accountId, new AssetsTransferredOutEvent(AccountId.of(accountId), "tr-" + events.size(),
                AccountId.of(to), Cash.parse(cash), acme == null ? List.of() : List.of(new Holding(ACME, quantity(acme)))), at);
    }

    /** A trade of 1 ACME at {@code price} between two accounts outside the scenario. */
    PerformanceWorld trade(String price, Instant at) {
        TradeExecutedEvent trade = new TradeExecutedEvent(ACME, TradeId.of("x-" + tradeSequence), price(price),
                quantity("1"), Side.BUY, OrderId.of("m"), OrderId.of("t"), AccountId.of("mm-1"), OrderId.of("b"),
                AccountId.of("mm-2"), OrderId.of("s"), Cash.ZERO, Cash.ZERO, Cash.ZERO, Cash.ZERO, false, false, at);
        events.add(eventAt("OrderBook", ACME.value(), tradeSequence++, trade, at));
        return this;
    }

    PerformanceWorld profile(String userId, String handle, String publicAccountId, Instant at) {
        long sequence = sequences.merge("profile-" + userId, 1L, Long::sum) - 1;
        events.add(eventAt("TraderProfile", userId, sequence, new TraderProfileSetEvent(UserId.of(userId), handle, null,
                handle.toUpperCase(), "", false, publicAccountId == null ? null : AccountId.of(publicAccountId), at), at));
        return this;
    }

    PerformanceWorld copy(String copyId, String copier, String leader, String copyAccountId, Instant at, Object... later) {
        events.add(eventAt("Copy", copyId, 0, new CopyStartedEvent(CopyId.of(copyId), UserId.of(copier), copyId,
                AccountId.of("from-" + copier), AccountId.of(copyAccountId), UserId.of(leader), leader, null,
                Cash.parse("100.00"), new BigDecimal("50"), Cash.parse("50.00"), SizingMode.PROPORTIONAL, null, false, at), at));
        for (int i = 0; i < later.length; i++) {
            events.add(eventAt("Copy", copyId, i + 1, later[i], at));
        }
        return this;
    }

    static Clock clockAt(LocalDate day, int hour) {
        return Clock.fixed(at(day, hour), ZoneId.of("UTC"));
    }
}
