package io.tandem.projection.copy;

import com.mongodb.client.MongoDatabase;
import io.tandem.contracts.account.AccountOpenedEvent;
import io.tandem.contracts.account.AssetsTransferredInEvent;
import io.tandem.contracts.account.AssetsTransferredOutEvent;
import io.tandem.contracts.account.BuySettledEvent;
import io.tandem.contracts.account.CashAdjustedEvent;
import io.tandem.contracts.account.FeesCollectedEvent;
import io.tandem.contracts.account.Holding;
import io.tandem.contracts.account.SellSettledEvent;
import io.tandem.contracts.account.SupplyIssuedEvent;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.AdjustmentId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.copy.CopyClosedEvent;
import io.tandem.contracts.copy.CopyFundsChangedEvent;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.CopyIds;
import io.tandem.contracts.copy.CopyPausedEvent;
import io.tandem.contracts.copy.CopyResumedEvent;
import io.tandem.contracts.copy.CopySellRequestedEvent;
import io.tandem.contracts.copy.CopyStartedEvent;
import io.tandem.contracts.copy.CopyStopReason;
import io.tandem.contracts.copy.CopyStoppingEvent;
import io.tandem.contracts.copy.LeaderTradeMirroredEvent;
import io.tandem.contracts.copy.LeaderTradeSkippedEvent;
import io.tandem.contracts.copy.MirrorCut;
import io.tandem.contracts.copy.MirrorExplanation;
import io.tandem.contracts.copy.MirrorSkipReason;
import io.tandem.contracts.copy.SizingMode;
import io.tandem.contracts.orderbook.OrderFilledEvent;
import io.tandem.contracts.orderbook.OrderPlacedEvent;
import io.tandem.contracts.orderbook.OrderType;
import io.tandem.contracts.orderbook.TimeInForce;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import io.tandem.contracts.profile.CopySlotClaimedEvent;
import io.tandem.contracts.profile.CopySlotReleasedEvent;
import io.tandem.contracts.profile.TraderProfileSetEvent;
import io.tandem.projection.ledger.LedgerQueryHandler;
import io.tandem.projection.marketdata.InstrumentProjector;
import io.tandem.projection.marketdata.OrderBookProjector;
import io.tandem.projection.portfolio.AccountProjector;
import io.tandem.projection.portfolio.OrderProjector;
import io.tandem.projection.profile.ProfileProjector;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.TestEvents;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.tandem.projection.support.ProjectionBatches.event;
import static io.tandem.projection.support.TestEvents.ACME;
import static io.tandem.projection.support.TestEvents.ISSUER;
import static io.tandem.projection.support.TestEvents.price;
import static io.tandem.projection.support.TestEvents.quantity;

/**
 * The read side a copy touches, on one database: the {@code copies} group's projectors with the
 * portfolio, orders, order-book, instruments and profile projectors whose read models its queries
 * join, run over events numbered per aggregate as their streams would number them (and tracked at
 * consecutive log positions). Events run one at a time, or as one batch per processor would.
 * <p>
 * The world: ACME listed with its supply held by the issuer, who sells to whoever buys; a leader
 * {@code lee} with a profile; copiers with trading accounts funded by an admin adjustment.
 */
final class CopyWorld {

    static final UserId LEE = UserId.of("lee");
    static final AccountId LEE_ACCOUNT = AccountId.of("acc-lee");

    final InstrumentFormats catalog;
    final CopyProjector copies;
    final CopyPositionProjector positions;
    final AccountProjector accounts;
    final ProfileProjector profiles;
    final CopyQueryHandler queries;
    final LedgerQueryHandler ledger;
    private final List<AnnotationEventHandlerAdapter> adapters;

    private final Map<String, Long> sequences = new HashMap<>();
    private final List<EventMessage<Object>> made = new ArrayList<>();
    private final Map<CopyId, Integer> copiers = new HashMap<>();
    private Instant clock = TestEvents.T0;
    private int orders;
    private int trades;

    CopyWorld(MongoDatabase database) {
        catalog = new InstrumentFormats(database);
        copies = new CopyProjector(database);
        positions = new CopyPositionProjector(database);
        accounts = new AccountProjector(database);
        profiles = new ProfileProjector(database);
        queries = new CopyQueryHandler(database, catalog);
        ledger = new LedgerQueryHandler(database, catalog);
        adapters = List.of(new AnnotationEventHandlerAdapter(new InstrumentProjector(catalog)),
                new AnnotationEventHandlerAdapter(copies), new AnnotationEventHandlerAdapter(positions),
                new AnnotationEventHandlerAdapter(accounts), new AnnotationEventHandlerAdapter(new OrderProjector(database)),
                new AnnotationEventHandlerAdapter(new OrderBookProjector(database)), new AnnotationEventHandlerAdapter(profiles));
        add("OrderBook", ACME.value(), TestEvents.acmeListed("100000"));
        add("Account", ISSUER.value(), new AccountOpenedEvent(ISSUER, UserId.of("mm"), AccountType.TRADING));
        add("Account", ISSUER.value(), new SupplyIssuedEvent(ISSUER, ACME, quantity("100000")));
        add("TraderProfile", LEE.value(), new TraderProfileSetEvent(LEE, "Lee", null, "Lee Leader", "", true, LEE_ACCOUNT, tick()));
    }

    // ---- running -------------------------------------------------------------------------------------

    List<EventMessage<Object>> all() {
        return List.copyOf(made);
    }

    void oneByOne(List<EventMessage<Object>> events) {
        for (EventMessage<Object> event : events) {
            for (AnnotationEventHandlerAdapter adapter : adapters) {
                try {
                    adapter.handle(event);
                } catch (Exception e) {
                    throw new AssertionError("handling " + event.getPayload() + " failed", e);
                }
            }
        }
    }

    void inOneBatch(List<EventMessage<Object>> events) {
        BatchingUnitOfWork<EventMessage<Object>> unitOfWork = new BatchingUnitOfWork<>(events);
        ResultMessage<Object> result = unitOfWork.executeWithResult(() -> {
            for (AnnotationEventHandlerAdapter adapter : adapters) {
                adapter.handle(unitOfWork.getMessage());
            }
            return null;
        });
        if (result.isExceptional()) {
            throw new AssertionError("the batch failed", result.exceptionResult());
        }
    }

    /** Runs everything made so far, one by one, and forgets it. */
    void run() {
        oneByOne(made);
        made.clear();
    }

    // ---- making events -------------------------------------------------------------------------------

    Instant now() {
        return clock;
    }

    private Instant tick() {
        clock = clock.plusSeconds(1);
        return clock;
    }

    private void add(String type, String aggregateId, Object payload) {
        long sequence = sequences.merge(aggregateId, 0L, (old, zero) -> old + 1);
        long position = sequences.merge("\u0000log", 0L, (old, zero) -> old + 1);
        made.add(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position),
                (DomainEventMessage<Object>) event(type, aggregateId, sequence, payload)));
    }

    /** A trading account of {@code owner} holding {@code cash}. */
    AccountId tradingAccount(String owner, String cash) {
        AccountId account = AccountId.of("acc-" + owner);
        add("Account", account.value(), new AccountOpenedEvent(account, UserId.of(owner), AccountType.TRADING));
        add("Account", account.value(), new CashAdjustedEvent(account, AdjustmentId.of("adj-" + owner), Cash.parse(cash),
                "funding", UserId.of("admin")));
        return account;
    }

    /** {@code copier} starts copying lee with {@code amount} from their trading account: the start transaction's events. */
    CopyId start(String copier, String clientCopyId, String amount, SizingMode sizing, String amountPerTrade) {
        UserId user = UserId.of(copier);
        CopyId copyId = CopyIds.copy(user, clientCopyId);
        AccountId copyAccount = CopyIds.copyAccount(copyId);
        AccountId from = AccountId.of("acc-" + copier);
        copiers.put(copyId, 1);
        int slots = copiers.size();
        add("TraderProfile", LEE.value(), new CopySlotClaimedEvent(LEE, copyId, user, slots));
        add("Account", copyAccount.value(), new AccountOpenedEvent(copyAccount, user, AccountType.COPY));
        String transfer = CopyIds.transfer(copyId, 1);
        add("Account", from.value(), new AssetsTransferredOutEvent(from, transfer, copyAccount, Cash.parse(amount), List.of()));
        add("Account", copyAccount.value(), new AssetsTransferredInEvent(copyAccount, transfer, from, Cash.parse(amount), List.of()));
        Cash stopLossEquity = Cash.ofCents(Cash.parse(amount).cents() * 80 / 100);
        add("Copy", copyId.value(), new CopyStartedEvent(copyId, user, clientCopyId, from, copyAccount, LEE, "Lee", LEE_ACCOUNT,
                Cash.parse(amount), new BigDecimal("20"), stopLossEquity, sizing,
                amountPerTrade == null ? null : Cash.parse(amountPerTrade), false, tick()));
        return copyId;
    }

    void pause(CopyId copyId) {
        add("Copy", copyId.value(), new CopyPausedEvent(copyId, tick()));
    }

    void resume(CopyId copyId) {
        add("Copy", copyId.value(), new CopyResumedEvent(copyId, tick()));
    }

    /** Funds added (positive) or removed (negative) through a transfer, with the copy's new invested amount and stop-loss. */
    void changeFunds(CopyId copyId, String copier, long transferNumber, String amount, String netInvested, String stopLossEquity) {
        AccountId from = AccountId.of("acc-" + copier);
        AccountId copyAccount = CopyIds.copyAccount(copyId);
        Cash cash = Cash.parse(amount);
        String transfer = CopyIds.transfer(copyId, transferNumber);
        if (cash.isPositive()) {
            add("Account", from.value(), new AssetsTransferredOutEvent(from, transfer, copyAccount, cash, List.of()));
            add("Account", copyAccount.value(), new AssetsTransferredInEvent(copyAccount, transfer, from, cash, List.of()));
        } else {
            add("Account", copyAccount.value(), new AssetsTransferredOutEvent(copyAccount, transfer, from, cash.negate(), List.of()));
            add("Account", from.value(), new AssetsTransferredInEvent(from, transfer, copyAccount, cash.negate(), List.of()));
        }
        add("Copy", copyId.value(), new CopyFundsChangedEvent(copyId, transfer, cash, Cash.parse(netInvested),
                Cash.parse(stopLossEquity), tick()));
    }

    /**
     * A mirror of leader trade {@code leaderTrade} ({@code null}: the open position at start) into the copy:
     * the decision, the market order it places and, for a buy, its fill against the issuer at {@code price}
     * with its settlement (fees zero; a buyer's notional is rounded up, the seller's down, as the book does).
     */
    OrderId mirror(CopyId copyId, String leaderTrade, Side side, String qty, String price, MirrorExplanation explanation) {
        OrderId order = OrderId.of("o-" + (++orders));
        AccountId copyAccount = CopyIds.copyAccount(copyId);
        add("Copy", copyId.value(), new LeaderTradeMirroredEvent(copyId, copyAccount, order,
                leaderTrade == null ? CopyIds.openPositionOrder(ACME) : "m-" + leaderTrade, ACME, side, explanation, tick()));
        fill(copyAccount, order, side, qty, price);
        return order;
    }

    /** A market order of the COPY account, filled in full against the issuer at {@code price}, and settled. */
    void fill(AccountId account, OrderId order, Side side, String qty, String priceDecimal) {
        Instant at = tick();
        Quantity lots = quantity(qty);
        Price tradePrice = price(priceDecimal);
        add("OrderBook", ACME.value(), new OrderPlacedEvent(ACME, order, account, side, OrderType.MARKET, null, lots,
                TimeInForce.IOC, at, null));
        BigDecimal exact = TestEvents.ACME_SPEC.notionalCents(tradePrice, lots);
        Cash buyerNotional = Cash.ofCents(io.tandem.contracts.orderbook.InstrumentSpec.ceilCents(exact));
        Cash sellerNotional = Cash.ofCents(io.tandem.contracts.orderbook.InstrumentSpec.floorCents(exact));
        TradeId trade = TradeId.of("ACME-" + (++trades));
        OrderId issuerOrder = OrderId.of("o-issuer-" + trades);
        boolean buy = side == Side.BUY;
        add("OrderBook", ACME.value(), new TradeExecutedEvent(ACME, trade, tradePrice, lots, side, issuerOrder, order,
                buy ? account : ISSUER, buy ? order : issuerOrder, buy ? ISSUER : account, buy ? issuerOrder : order,
                buyerNotional, Cash.ZERO, sellerNotional, Cash.ZERO, true, true, at));
        add("OrderBook", ACME.value(), new OrderFilledEvent(ACME, order, account, side, lots, at));
        AccountId buyer = buy ? account : ISSUER;
        AccountId seller = buy ? ISSUER : account;
        add("Account", buyer.value(), new BuySettledEvent(buyer, trade, buy ? order : issuerOrder, ACME, lots, buyerNotional,
                Cash.ZERO, buyerNotional));
        add("Account", seller.value(), new SellSettledEvent(seller, trade, buy ? issuerOrder : order, ACME, lots, sellerNotional,
                Cash.ZERO, lots));
        if (!sellerNotional.equals(buyerNotional)) {
            // the sub-cent rounding goes to the platform, as fees do
            add("Account", "platform-fees", new FeesCollectedEvent(AccountId.of("platform-fees"), trade,
                    buyerNotional.minus(sellerNotional)));
        }
    }

    void skip(CopyId copyId, String leaderTrade, Side side, MirrorSkipReason reason, String detail, MirrorExplanation explanation) {
        add("Copy", copyId.value(), new LeaderTradeSkippedEvent(copyId, ACME, side, reason, detail, explanation, tick()));
    }

    /** A market sell the copy requested (closing by hand, or while stopping), filled in full at {@code price}. */
    OrderId sell(CopyId copyId, String qty, String price, boolean stop) {
        OrderId order = OrderId.of("o-" + (++orders));
        AccountId copyAccount = CopyIds.copyAccount(copyId);
        add("Copy", copyId.value(), new CopySellRequestedEvent(copyId, copyAccount, order, CopyIds.closeOrder(ACME, orders),
                ACME, quantity(qty), stop, tick()));
        fill(copyAccount, order, Side.SELL, qty, price);
        return order;
    }

    void stopping(CopyId copyId, CopyStopReason reason) {
        add("Copy", copyId.value(), new CopyStoppingEvent(copyId, reason, null, null, tick()));
    }

    /** The close transaction: all cash back to the copier's account, the slot released, the copy closed. */
    void close(CopyId copyId, String copier, long transferNumber, String returned, CopyStopReason reason) {
        AccountId from = AccountId.of("acc-" + copier);
        AccountId copyAccount = CopyIds.copyAccount(copyId);
        String transfer = CopyIds.transfer(copyId, transferNumber);
        add("Account", copyAccount.value(), new AssetsTransferredOutEvent(copyAccount, transfer, from, Cash.parse(returned), List.of()));
        add("Account", from.value(), new AssetsTransferredInEvent(from, transfer, copyAccount, Cash.parse(returned), List.of()));
        add("Copy", copyId.value(), new CopyClosedEvent(copyId, reason, transfer, Cash.parse(returned), List.of(), tick()));
        copiers.remove(copyId);
        add("TraderProfile", LEE.value(), new CopySlotReleasedEvent(LEE, copyId, copiers.size()));
    }

    /** A profile for {@code user}. */
    void profile(String user, String handle) {
        add("TraderProfile", user, new TraderProfileSetEvent(UserId.of(user), handle, null, handle, "", false, null, tick()));
    }

    static MirrorExplanation explanation(String leaderTrade, String leaderEquity, String copyEquity, String ratio, String raw,
                                         String finalQuantity, MirrorCut cut) {
        return new MirrorExplanation(leaderTrade == null ? null : TradeId.of(leaderTrade), Cash.parse(leaderEquity),
                Cash.parse(copyEquity), new BigDecimal(ratio), new BigDecimal(raw), "0".equals(finalQuantity) ? Quantity.ZERO : quantity(finalQuantity), cut);
    }

    static List<Holding> none() {
        return List.of();
    }
}
