package io.tandem.command.copy;

import io.tandem.command.copy.CopyEntry.CopyState;
import io.tandem.command.copy.CopyEntry.StartCopy;
import io.tandem.command.follow.FollowEntry;
import io.tandem.command.orderentry.InstrumentListing;
import io.tandem.command.orderentry.OrderEntry;
import io.tandem.command.orderentry.OrderEntry.Caller;
import io.tandem.command.orderentry.OrderEntry.PlaceOrder;
import io.tandem.command.profile.ProfileEntry;
import io.tandem.contracts.account.AccountHoldings;
import io.tandem.contracts.account.AdjustCashCommand;
import io.tandem.contracts.account.CloseReservationCommand;
import io.tandem.contracts.account.DescribeHoldingsCommand;
import io.tandem.contracts.account.OpenAccountCommand;
import io.tandem.contracts.account.SettleBuyCommand;
import io.tandem.contracts.account.SettleSellCommand;
import io.tandem.contracts.common.*;
import io.tandem.contracts.copy.CopyAnswer;
import io.tandem.contracts.copy.CopyEngine;
import io.tandem.contracts.copy.CopyEngine.MirrorRequest;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.DescribeCopyCommand;
import io.tandem.contracts.copy.SizingMode;
import io.tandem.contracts.follow.Relation;
import io.tandem.contracts.orderbook.*;
import io.tandem.contracts.profile.SetTraderProfileCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small market for each test: its own instrument (whole shares, tick 0.01, collar 10%), a market
 * maker holding its supply and cash, a leader whose public account bought 100 at 10.00 from the maker
 * (so the instrument has a last price), and a copier with 10,000.00 in a trading account. Settlement
 * runs in the sagas module; {@link #settle()} sends its commands for every trade and closed order of
 * the test's book, which they ignore when repeated.
 */
abstract class CopyWorld {

    static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Autowired
    CopyEntry copyEntry;
    @Autowired
    CopyEngine engine;
    @Autowired
    OrderEntry orderEntry;
    @Autowired
    InstrumentListing listing;
    @Autowired
    ProfileEntry profiles;
    @Autowired
    FollowEntry follows;
    @Autowired
    CommandGateway commandGateway;
    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transaction;

    int n;
    Symbol symbol;
    InstrumentSpec spec;
    UserId maker;
    AccountId makerAccount;
    UserId leader;
    AccountId leaderAccount;
    String leaderHandle;
    UserId copier;
    AccountId copierAccount;
    TradeId leaderTrade;

    @BeforeEach
    void openTheMarket() {
        n = SEQUENCE.incrementAndGet();
        symbol = Symbol.of("CP" + n);
        spec = new InstrumentSpec(symbol, "Copied " + n, new BigDecimal("0.01"), BigDecimal.ONE, new BigDecimal("0.001"),
                new BigDecimal("0.002"), Quantity.ofLots(1_000_000), Cash.ofCents(100_000_000_00L), new BigDecimal("0.10"),
                Cash.ofCents(100));
        maker = UserId.of("maker-" + n);
        makerAccount = account("maker-acct-" + n, maker, "1000000.00");
        listing.list(spec, makerAccount, Quantity.ofLots(100_000), NOW);
        leader = UserId.of("leader-" + n);
        leaderAccount = account("leader-acct-" + n, leader, "100000.00");
        leaderHandle = "lead" + n;
        profile(leader, leaderHandle, leaderAccount);
        copier = UserId.of("copier-" + n);
        copierAccount = account("copier-acct-" + n, copier, "10000.00");
        profile(copier, "copier" + n, null);

        place(maker, makerAccount, "ask-1", Side.SELL, OrderType.LIMIT, "10.00", "1000", TimeInForce.GTC);
        OrderResult bought = place(leader, leaderAccount, "buy-1", Side.BUY, OrderType.LIMIT, "10.00", "100", TimeInForce.GTC);
        assertThat(bought.status()).isEqualTo(OrderStatus.FILLED);
        leaderTrade = bought.trades().get(0).tradeId();
        settle();
    }

    AccountId account(String id, UserId owner, String cash) {
        AccountId account = AccountId.of(id);
        commandGateway.sendAndWait(new OpenAccountCommand(account, owner, AccountType.TRADING));
        commandGateway.sendAndWait(new AdjustCashCommand(account, AdjustmentId.of("fund-" + id), Cash.parse(cash), "funding",
                UserId.of("admin")));
        return account;
    }

    void profile(UserId user, String handle, AccountId publicAccount) {
        profiles.setProfile(user, new ProfileEntry.ProfileRequest(handle, "Trader " + handle, "", true, publicAccount), NOW);
    }

    /** Sets the copy settings of a profile directly on the aggregate (profile entry does not take them yet). */
    void copySettings(UserId user, String handle, AccountId publicAccount, Boolean accepts, Integer maxCopiers) {
        commandGateway.sendAndWait(new SetTraderProfileCommand(user, handle, "Trader " + handle, "", true, publicAccount,
                accepts, maxCopiers, NOW));
    }

    void block(UserId blocker, String blockedHandle) {
        follows.set(blocker, blockedHandle, Relation.BLOCK, true, NOW);
    }

    OrderResult place(UserId user, AccountId account, String clientOrderId, Side side, OrderType type, String price,
                      String quantity, TimeInForce timeInForce) {
        return orderEntry.place(new PlaceOrder(new Caller(user, false), account, clientOrderId, symbol, side, type, price,
                quantity, timeInForce, NOW));
    }

    StartCopy start(String clientCopyId, String amount) {
        return new StartCopy(new Caller(copier, false), clientCopyId, copierAccount, leaderHandle, amount, "20", SizingMode.PROPORTIONAL,
                null, false, NOW);
    }

    CopyState startCopy(String amount) {
        return copyEntry.start(start("copy-" + n, amount));
    }

    /** A leader buy of {@code quantity} with the leader's equity ten times the copy's: a proportional copy buys a tenth. */
    MirrorRequest leaderBuy(CopyId copyId, TradeId trade, long quantity, String leaderEquity, String copyEquity) {
        return new MirrorRequest(copyId, trade, symbol, Side.BUY, Quantity.ofLots(quantity), spec.priceOf("10.00"),
                Cash.parse(leaderEquity), Cash.parse(copyEquity), Quantity.ZERO, NOW);
    }

    /** Sends the settlement saga's commands for every trade and every closed order of the test's book. */
    void settle() {
        settle(symbol);
    }

    /** Settles every trade and closes every order reservation of {@code book}, as the settlement sagas would. */
    void settle(Symbol book) {
        for (Object event : eventsOf(book.value())) {
            if (event instanceof TradeExecutedEvent trade) {
                commandGateway.sendAndWait(new SettleBuyCommand(trade.buyerAccountId(), trade.tradeId(), trade.buyOrderId(),
                        trade.symbol(), trade.quantity(), trade.buyerNotional(), trade.buyerFee()));
                commandGateway.sendAndWait(new SettleSellCommand(trade.sellerAccountId(), trade.tradeId(), trade.sellOrderId(),
                        trade.symbol(), trade.quantity(), trade.sellerNotional(), trade.sellerFee()));
            } else if (event instanceof OrderFilledEvent filled) {
                commandGateway.sendAndWait(new CloseReservationCommand(filled.accountId(), filled.orderId(), filled.filledQuantity()));
            } else if (event instanceof OrderCancelledEvent cancelled) {
                commandGateway.sendAndWait(new CloseReservationCommand(cancelled.accountId(), cancelled.orderId(),
                        cancelled.filledQuantity()));
            }
        }
    }

    AccountHoldings holdings(AccountId account) {
        return commandGateway.sendAndWait(new DescribeHoldingsCommand(account));
    }

    CopyAnswer copy(CopyId copyId) {
        return commandGateway.sendAndWait(new DescribeCopyCommand(copyId));
    }

    Quantity position(AccountId account) {
        return CopySteps.available(holdings(account), symbol);
    }

    List<Object> eventsOf(String aggregateId) {
        return transaction.execute(status -> eventStore.readEvents(aggregateId).asStream().<Object>map(EventMessage::getPayload).toList());
    }

    static TandemException refusal(Throwable thrown) {
        assertThat(thrown).isInstanceOf(TandemException.class);
        return (TandemException) thrown;
    }
}
