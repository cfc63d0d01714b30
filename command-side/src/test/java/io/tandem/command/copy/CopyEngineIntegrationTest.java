package io.tandem.command.copy;

import io.tandem.command.copy.CopyEntry.CopyState;
import io.tandem.command.orderentry.OrderEntry.Caller;
import io.tandem.contracts.account.AccountHoldings;
import io.tandem.contracts.common.*;
import io.tandem.contracts.copy.CopyClosedEvent;
import io.tandem.command.orderentry.OrderEntry.PlaceOrder;
import io.tandem.contracts.copy.CopyEngine.MirrorOutcome;
import io.tandem.contracts.copy.CopyEngine.MirrorRequest;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.copy.CopyEngine.StopProgress;
import io.tandem.contracts.copy.CopyStatus;
import io.tandem.contracts.copy.CopyStopReason;
import io.tandem.contracts.copy.CopyStoppingEvent;
import io.tandem.contracts.copy.LeaderTradeMirroredEvent;
import io.tandem.contracts.copy.LeaderTradeSkippedEvent;
import io.tandem.contracts.copy.MirrorCut;
import io.tandem.contracts.copy.MirrorDecision.Kind;
import io.tandem.contracts.copy.MirrorSkipReason;
import io.tandem.contracts.orderbook.OrderResult;
import io.tandem.contracts.orderbook.OrderStatus;
import io.tandem.contracts.orderbook.OrderType;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import io.tandem.contracts.orderbook.TimeInForce;
import io.tandem.contracts.profile.CopySlotReleasedEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The copy engine against real accounts, books and copies: a mirrored leader buy fills against the
 * market maker's resting sell, a replay or a paused copy places nothing, a short COPY account buys
 * what its cash reserves, and a stop sells, waits for settlement, then returns everything.
 */
@CopySpringTest
class CopyEngineIntegrationTest extends CopyWorld {

    @Autowired
    private CopyEngineService engineService;

    @Test
    void aLeaderBuyIsMirroredAsAMarketOrderThatFillsAgainstTheBook() {
        CopyState state = startCopy("1000.00");

        MirrorOutcome outcome = engine.mirror(leaderBuy(state.copyId(), leaderTrade, 100, "10000.00", "1000.00"));

        assertThat(outcome.kind()).isEqualTo(Kind.PLACE);
        assertThat(outcome.quantity()).isEqualTo(Quantity.ofLots(10));
        settle();
        AccountHoldings copyAccount = holdings(state.copyAccountId());
        assertThat(position(state.copyAccountId())).isEqualTo(Quantity.ofLots(10));
        assertThat(copyAccount.openReservations()).isZero();
        assertThat(copyAccount.availableCash()).isEqualTo(Cash.parse("899.80"));
        assertThat(eventsOf(state.copyId().value())).filteredOn(LeaderTradeMirroredEvent.class::isInstance).singleElement()
                .isInstanceOfSatisfying(LeaderTradeMirroredEvent.class, mirrored -> {
                    assertThat(mirrored.explanation().leaderTradeId()).isEqualTo(leaderTrade);
                    assertThat(mirrored.explanation().finalQuantity()).isEqualTo(Quantity.ofLots(10));
                    assertThat(mirrored.copyAccountId()).isEqualTo(state.copyAccountId());
                });
    }

    @Test
    void theSameLeaderTradeAgainIsIgnored() {
        CopyState state = startCopy("1000.00");
        engine.mirror(leaderBuy(state.copyId(), leaderTrade, 100, "10000.00", "1000.00"));

        MirrorOutcome again = engine.mirror(leaderBuy(state.copyId(), leaderTrade, 100, "10000.00", "1000.00"));

        assertThat(again.kind()).isEqualTo(Kind.IGNORED);
        settle();
        assertThat(position(state.copyAccountId())).isEqualTo(Quantity.ofLots(10));
    }

    @Test
    void aPausedCopyMirrorsNothing() {
        CopyState state = startCopy("1000.00");
        copyEntry.pause(new Caller(copier, false), state.copyId(), NOW);

        assertThat(engine.mirror(leaderBuy(state.copyId(), leaderTrade, 100, "10000.00", "1000.00")).kind())
                .isEqualTo(Kind.IGNORED);
        assertThat(holdings(state.copyAccountId()).openReservations()).isZero();
        assertThat(holdings(state.copyAccountId()).availableCash()).isEqualTo(Cash.parse("1000.00"));
    }

    @Test
    void aBuyTheCopyCannotAffordIsCutToWhatItsCashReservesAtTheProtectionPrice() {
        CopyState state = startCopy("1000.00");

        MirrorOutcome outcome = engine.mirror(leaderBuy(state.copyId(), leaderTrade, 100, "10000.00", "100000.00"));

        // 11.00 protection x 90 shares = 990.00 + fee 1.98 fits in 1000.00; 91 shares would not.
        assertThat(outcome.kind()).isEqualTo(Kind.PLACE);
        assertThat(outcome.quantity()).isEqualTo(Quantity.ofLots(90));
        assertThat(eventsOf(state.copyId().value())).filteredOn(LeaderTradeMirroredEvent.class::isInstance).singleElement()
                .isInstanceOfSatisfying(LeaderTradeMirroredEvent.class,
                        mirrored -> assertThat(mirrored.explanation().cutBy()).isEqualTo(MirrorCut.CASH));
        settle();
        assertThat(position(state.copyAccountId())).isEqualTo(Quantity.ofLots(90));
    }

    @Test
    void aMirrorAboveThePerOrderLimitsIsCutToThemInsteadOfRefused() {
        CopyState state = startCopy("1000.00");
        Symbol small = Symbol.of("CS" + n);
        listing.list(new InstrumentSpec(small, "Small orders " + n, new BigDecimal("0.01"), BigDecimal.ONE, new BigDecimal("0.001"),
                new BigDecimal("0.002"), Quantity.ofLots(1_000_000), Cash.parse("50.00"), new BigDecimal("0.10"),
                Cash.ofCents(100)), makerAccount, Quantity.ofLots(1_000), NOW);
        orderEntry.place(new PlaceOrder(new Caller(maker, false), makerAccount, "small-ask", small, Side.SELL, OrderType.LIMIT,
                "10.00", "5", TimeInForce.GTC, NOW));
        orderEntry.place(new PlaceOrder(new Caller(maker, false), makerAccount, "small-ask-2", small, Side.SELL, OrderType.LIMIT,
                "10.00", "4", TimeInForce.GTC, NOW));
        OrderResult bought = orderEntry.place(new PlaceOrder(new Caller(leader, false), leaderAccount, "small-buy", small, Side.BUY,
                OrderType.LIMIT, "10.00", "5", TimeInForce.GTC, NOW));
        TradeId trade = bought.trades().get(0).tradeId();

        // a tenth of 100 is 10 shares, 110.00 at the 11.00 protection price: above the 50.00 per-order maximum,
        // so 4 shares (44.00) are ordered instead of the order being refused
        MirrorOutcome outcome = engine.mirror(new MirrorRequest(state.copyId(), trade, small, Side.BUY, Quantity.ofLots(100),
                Price.ofTicks(1_000), Cash.parse("10000.00"), Cash.parse("1000.00"), Quantity.ZERO, NOW));

        assertThat(outcome.kind()).isEqualTo(Kind.PLACE);
        assertThat(outcome.quantity()).isEqualTo(Quantity.ofLots(4));
        assertThat(eventsOf(state.copyId().value())).filteredOn(LeaderTradeMirroredEvent.class::isInstance).singleElement()
                .isInstanceOfSatisfying(LeaderTradeMirroredEvent.class,
                        mirrored -> assertThat(mirrored.explanation().cutBy()).isEqualTo(MirrorCut.ORDER_LIMIT));
    }

    @Test
    void closingAPositionWorthLessThanTheMinimumNotionalIsAClearRefusal() {
        CopyState state = startCopy("1000.00");
        Symbol dear = Symbol.of("CM" + n);
        listing.list(new InstrumentSpec(dear, "High minimum " + n, new BigDecimal("0.01"), BigDecimal.ONE, BigDecimal.ZERO,
                BigDecimal.ZERO, Quantity.ofLots(1_000_000), Cash.parse("100000.00"), new BigDecimal("0.10"),
                Cash.parse("50.00")), makerAccount, Quantity.ofLots(1_000), NOW);
        orderEntry.place(new PlaceOrder(new Caller(maker, false), makerAccount, "dear-ask", dear, Side.SELL, OrderType.LIMIT,
                "10.00", "70", TimeInForce.GTC, NOW));
        OrderResult bought = orderEntry.place(new PlaceOrder(new Caller(leader, false), leaderAccount, "dear-buy", dear, Side.BUY,
                OrderType.LIMIT, "10.00", "60", TimeInForce.GTC, NOW));
        // a tenth of 60 is 6 shares, 66.00 at the 11.00 protection price: above the 50.00 minimum
        MirrorOutcome outcome = engine.mirror(new MirrorRequest(state.copyId(), bought.trades().get(0).tradeId(), dear, Side.BUY,
                Quantity.ofLots(60), Price.ofTicks(1_000), Cash.parse("10000.00"), Cash.parse("1000.00"), Quantity.ZERO, NOW));
        assertThat(outcome.quantity()).isEqualTo(Quantity.ofLots(6));
        settle(dear);
        // the price halves: 6 shares at the 4.50 sell protection price are 27.00, below the minimum
        orderEntry.place(new PlaceOrder(new Caller(maker, false), makerAccount, "dear-bid", dear, Side.BUY, OrderType.LIMIT,
                "5.00", "20", TimeInForce.GTC, NOW));
        orderEntry.place(new PlaceOrder(new Caller(leader, false), leaderAccount, "dear-sell", dear, Side.SELL, OrderType.LIMIT,
                "5.00", "10", TimeInForce.GTC, NOW));
        settle(dear);

        assertThat(refusal(catchThrowable(() -> copyEntry.closePosition(new Caller(copier, false), state.copyId(), dear, NOW)))
                .code()).isEqualTo(ErrorCode.ORDER_NOTIONAL_TOO_SMALL);
    }

    @Test
    void aMirrorInASymbolWithoutALastPriceIsRecordedAsRefusedForWantOfAReferencePrice() {
        CopyState state = startCopy("1000.00");
        Symbol untraded = Symbol.of("CU" + n);
        listing.list(new InstrumentSpec(untraded, "Untraded " + n, new BigDecimal("0.01"), BigDecimal.ONE, BigDecimal.ZERO,
                BigDecimal.ZERO, Quantity.ofLots(1_000), Cash.parse("100000.00"), new BigDecimal("0.10")), makerAccount,
                Quantity.ofLots(1_000), NOW);

        MirrorOutcome outcome = engine.mirror(new MirrorRequest(state.copyId(), TradeId.of(untraded, 1), untraded, Side.BUY,
                Quantity.ofLots(100), Price.ofTicks(1_000), Cash.parse("10000.00"), Cash.parse("1000.00"), Quantity.ZERO, NOW));

        assertThat(outcome.kind()).isEqualTo(Kind.SKIPPED);
        assertThat(outcome.skipReason()).isEqualTo(MirrorSkipReason.ORDER_REFUSED);
        assertThat(eventsOf(state.copyId().value())).filteredOn(LeaderTradeSkippedEvent.class::isInstance).singleElement()
                .isInstanceOfSatisfying(LeaderTradeSkippedEvent.class,
                        skipped -> assertThat(skipped.detail()).isEqualTo(ErrorCode.NO_REFERENCE_PRICE.name()));
    }

    @Test
    void theEngineRefusesToRunInsideTheCallersUnitOfWork() {
        CopyState state = startCopy("1000.00");
        var unitOfWork = org.axonframework.messaging.unitofwork.DefaultUnitOfWork.startAndGet(null);
        try {
            assertThat(catchThrowable(() -> engine.mirror(leaderBuy(state.copyId(), leaderTrade, 100, "10000.00", "1000.00"))))
                    .isInstanceOf(IllegalStateException.class);
        } finally {
            unitOfWork.rollback();
        }
        assertThat(engine.mirror(leaderBuy(state.copyId(), leaderTrade, 100, "10000.00", "1000.00")).kind()).isEqualTo(Kind.PLACE);
    }

    @Test
    void aSellOfAPositionTheCopyDoesNotHoldIsSkipped() {
        CopyState state = startCopy("1000.00");

        MirrorOutcome outcome = engine.mirror(new MirrorRequest(state.copyId(), leaderTrade, symbol, Side.SELL,
                Quantity.ofLots(100), spec.priceOf("10.00"), Cash.parse("10000.00"), Cash.parse("1000.00"),
                Quantity.ofLots(100), NOW));

        assertThat(outcome.kind()).isEqualTo(Kind.SKIPPED);
        assertThat(outcome.skipReason()).isEqualTo(MirrorSkipReason.NO_POSITION);
        assertThat(holdings(state.copyAccountId()).availableCash()).isEqualTo(Cash.parse("1000.00"));
    }

    @Test
    void removingMoreThanTheAvailableCashOfTheCopyIsRefused() {
        CopyState state = startCopy("1000.00");
        engine.mirror(leaderBuy(state.copyId(), leaderTrade, 100, "10000.00", "1000.00"));
        settle();

        assertThat(refusal(catchThrowable(() -> copyEntry.removeFunds(new Caller(copier, false), state.copyId(), "900.00", NOW)))
                .code()).isEqualTo(ErrorCode.INSUFFICIENT_FUNDS);
        assertThat(copy(state.copyId()).netInvested()).isEqualTo(Cash.parse("1000.00"));
        assertThat(holdings(copierAccount).availableCash()).isEqualTo(Cash.parse("9000.00"));
    }

    @Test
    void closingAPositionSellsAllOfItAtMarket() {
        CopyState state = startCopy("1000.00");
        engine.mirror(leaderBuy(state.copyId(), leaderTrade, 100, "10000.00", "1000.00"));
        settle();
        place(maker, makerAccount, "bid-1", Side.BUY, OrderType.LIMIT, "9.90", "100", TimeInForce.GTC);

        OrderResult sold = copyEntry.closePosition(new Caller(copier, false), state.copyId(), symbol, NOW);

        assertThat(sold.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(sold.filledQuantity()).isEqualTo(Quantity.ofLots(10));
        settle();
        assertThat(position(state.copyAccountId())).isEqualTo(Quantity.ZERO);
        assertThat(refusal(catchThrowable(() -> copyEntry.closePosition(new Caller(copier, false), state.copyId(), symbol, NOW)))
                .code()).isEqualTo(ErrorCode.NO_COPIED_POSITION);
    }

    @Test
    void aStoppedCopySellsWaitsForSettlementThenReturnsEverythingAndCloses() {
        CopyState state = startCopy("1000.00");
        engine.mirror(leaderBuy(state.copyId(), leaderTrade, 100, "10000.00", "1000.00"));
        settle();
        place(maker, makerAccount, "bid-1", Side.BUY, OrderType.LIMIT, "9.90", "100", TimeInForce.GTC);

        assertThat(copyEntry.stop(new Caller(copier, false), state.copyId(), NOW).status()).isEqualTo(CopyStatus.STOPPING);
        assertThat(engine.continueStop(state.copyId(), null, NOW)).isEqualTo(StopProgress.SELLING);
        assertThat(engine.continueStop(state.copyId(), null, NOW)).isEqualTo(StopProgress.WAITING);
        settle();
        assertThat(engine.continueStop(state.copyId(), null, NOW)).isEqualTo(StopProgress.CLOSED);

        assertThat(copy(state.copyId()).status()).isEqualTo(CopyStatus.CLOSED);
        AccountHoldings copyAccount = holdings(state.copyAccountId());
        assertThat(copyAccount.availableCash()).isEqualTo(Cash.ZERO);
        assertThat(copyAccount.positions()).isEmpty();
        // 1000.00 - 100.00 - 0.20 taker fee for the buy at 10.00, + 99.00 - 0.20 taker fee for the sell at 9.90
        Cash returned = Cash.parse("899.80").plus(proceedsOfTheCopysSell(state));
        assertThat(returned).isEqualTo(Cash.parse("998.60"));
        assertThat(holdings(copierAccount).availableCash()).isEqualTo(Cash.parse("9000.00").plus(returned));
        assertThat(eventsOf(state.copyId().value())).filteredOn(CopyClosedEvent.class::isInstance).singleElement()
                .isInstanceOfSatisfying(CopyClosedEvent.class, closed -> {
                    assertThat(closed.reason()).isEqualTo(CopyStopReason.BY_COPIER);
                    assertThat(closed.returnedCash()).isEqualTo(returned);
                    assertThat(closed.returnedPositions()).isEmpty();
                });
        assertThat(eventsOf(leader.value())).anySatisfy(event -> assertThat(event).isInstanceOf(CopySlotReleasedEvent.class));
        assertThat(engine.continueStop(state.copyId(), null, NOW)).isEqualTo(StopProgress.CLOSED);
    }

    @Test
    void aStopWithNothingToSellClosesAtOnceAndAStopLossStopsOnce() {
        CopyState state = startCopy("1000.00");

        engine.stopLoss(state.copyId(), leaderTrade, Cash.parse("790.00"), NOW);
        engine.stopLoss(state.copyId(), leaderTrade, Cash.parse("780.00"), NOW);

        assertThat(eventsOf(state.copyId().value())).filteredOn(CopyStoppingEvent.class::isInstance).singleElement()
                .isInstanceOfSatisfying(CopyStoppingEvent.class, stopping -> {
                    assertThat(stopping.reason()).isEqualTo(CopyStopReason.STOP_LOSS);
                    assertThat(stopping.equity()).isEqualTo(Cash.parse("790.00"));
                });
        assertThat(engine.continueStop(state.copyId(), null, NOW)).isEqualTo(StopProgress.CLOSED);
        assertThat(holdings(copierAccount).availableCash()).isEqualTo(Cash.parse("10000.00"));
    }

    @Test
    void aSellThatFindsNoMarketWaitsForATradeInItsSymbol() {
        CopyState state = startCopy("1000.00");
        engine.mirror(leaderBuy(state.copyId(), leaderTrade, 100, "10000.00", "1000.00"));
        settle();
        copyEntry.stop(new Caller(copier, false), state.copyId(), NOW);

        assertThat(engine.continueStop(state.copyId(), null, NOW)).isEqualTo(StopProgress.SELLING);
        settle();
        assertThat(position(state.copyAccountId())).isEqualTo(Quantity.ofLots(10));
        assertThat(engineService.finishStopIfDone(state.copyId(), NOW)).isEqualTo(StopProgress.SELLING);
        assertThat(holdings(state.copyAccountId()).openReservations()).isZero();

        place(maker, makerAccount, "bid-1", Side.BUY, OrderType.LIMIT, "9.90", "100", TimeInForce.GTC);
        assertThat(engine.continueStop(state.copyId(), symbol, NOW)).isEqualTo(StopProgress.SELLING);
        assertThat(engineService.finishStopIfDone(state.copyId(), NOW)).isEqualTo(StopProgress.WAITING);
        settle();
        assertThat(engineService.finishStopIfDone(state.copyId(), NOW)).isEqualTo(StopProgress.CLOSED);
        assertThat(holdings(copierAccount).availableCash()).isEqualTo(Cash.parse("9000.00").plus(Cash.parse("899.80"))
                .plus(proceedsOfTheCopysSell(state)));
    }

    /** What the COPY account's sells brought in, net of fees, as the book's trades say. */
    private Cash proceedsOfTheCopysSell(CopyState state) {
        return eventsOf(symbol.value()).stream().filter(TradeExecutedEvent.class::isInstance).map(TradeExecutedEvent.class::cast)
                .filter(trade -> trade.sellerAccountId().equals(state.copyAccountId()))
                .map(trade -> trade.sellerNotional().minus(trade.sellerFee())).reduce(Cash.ZERO, Cash::plus);
    }
}
