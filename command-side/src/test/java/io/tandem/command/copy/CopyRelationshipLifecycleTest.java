package io.tandem.command.copy;

import io.tandem.contracts.account.Holding;
import io.tandem.contracts.common.*;
import io.tandem.contracts.copy.*;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.tandem.command.copy.CopyFixtures.*;

/** Starting, pausing, funding, stopping and closing a copy. */
class CopyRelationshipLifecycleTest {

    private FixtureConfiguration<CopyRelationship> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CopyRelationship.class);
    }

    @Test
    void aStartCreatesTheCopyWithItsStopLossEquityAndAsksForTransferOne() {
        fixture.givenNoPriorActivity()
                .when(start())
                .expectEvents(started())
                .expectResultMessagePayload(answer(CopyStatus.ACTIVE, 1_000_00, CopyIds.transfer(COPY, 1), true));
    }

    @Test
    void theStopLossEquityIsRoundedDownToACent() {
        // 333.33 x (100 - 12.5) / 100 = 291.66375, rounded down to 291.66: an equity of 291.67 is above the exact threshold.
        fixture.givenNoPriorActivity()
                .when(start(333_33, new BigDecimal("12.5"), SizingMode.FIXED_AMOUNT, Cash.ofCents(10_00)))
                .expectEvents(new CopyStartedEvent(COPY, BOB, "c-1", FROM, COPY_ACCOUNT, ALICE, "alice", LEADER_ACCOUNT,
                        Cash.ofCents(333_33), new BigDecimal("12.5"), Cash.ofCents(291_66), SizingMode.FIXED_AMOUNT,
                        Cash.ofCents(10_00), true, AT));
    }

    @Test
    void theSameStartAgainAnswersTheCopyAndChangesNothing() {
        fixture.given(started())
                .when(start())
                .expectNoEvents()
                .expectResultMessagePayload(answer(CopyStatus.ACTIVE, 1_000_00, null, false));
    }

    @Test
    void aDifferentStartUnderTheSameIdIsAConflict() {
        fixture.given(started())
                .when(start(2_000_00, TEN_PERCENT, SizingMode.PROPORTIONAL, null))
                .expectException(refusedWith(ErrorCode.COPY_CONFLICT));
    }

    @Test
    void aStopLossOutsideFiveToNinetyFiveIsRefused() {
        fixture.givenNoPriorActivity()
                .when(start(1_000_00, new BigDecimal("4.99"), SizingMode.PROPORTIONAL, null))
                .expectException(refusedWith(ErrorCode.INVALID_STOP_LOSS));
    }

    @Test
    void aStopLossAboveNinetyFiveIsRefused() {
        fixture.givenNoPriorActivity()
                .when(start(1_000_00, new BigDecimal("95.01"), SizingMode.PROPORTIONAL, null))
                .expectException(refusedWith(ErrorCode.INVALID_STOP_LOSS));
    }

    @Test
    void aStopLossWithThreeDecimalsIsRefused() {
        fixture.givenNoPriorActivity()
                .when(start(1_000_00, new BigDecimal("10.125"), SizingMode.PROPORTIONAL, null))
                .expectException(refusedWith(ErrorCode.INVALID_STOP_LOSS));
    }

    @Test
    void aZeroAmountIsMalformed() {
        fixture.givenNoPriorActivity()
                .when(start(0, TEN_PERCENT, SizingMode.PROPORTIONAL, null))
                .expectException(refusedWith(ErrorCode.MALFORMED_REQUEST));
    }

    @Test
    void fixedAmountSizingNeedsAnAmountPerTrade() {
        fixture.givenNoPriorActivity()
                .when(start(1_000_00, TEN_PERCENT, SizingMode.FIXED_AMOUNT, null))
                .expectException(refusedWith(ErrorCode.MALFORMED_REQUEST));
    }

    @Test
    void proportionalSizingTakesNoAmountPerTrade() {
        fixture.givenNoPriorActivity()
                .when(start(1_000_00, TEN_PERCENT, SizingMode.PROPORTIONAL, Cash.ofCents(10_00)))
                .expectException(refusedWith(ErrorCode.MALFORMED_REQUEST));
    }

    @Test
    void describingTheCopyChangesNothing() {
        fixture.given(started(), new CopyPausedEvent(COPY, AT))
                .when(new DescribeCopyCommand(COPY))
                .expectNoEvents()
                .expectResultMessagePayload(answer(CopyStatus.PAUSED, 1_000_00, null, false));
    }

    @Test
    void theCopierPausesAnActiveCopy() {
        fixture.given(started())
                .when(new PauseCopyCommand(COPY, BOB, false, AT))
                .expectEvents(new CopyPausedEvent(COPY, AT))
                .expectResultMessagePayload(answer(CopyStatus.PAUSED, 1_000_00, null, false));
    }

    @Test
    void pausingAPausedCopyChangesNothing() {
        fixture.given(started(), new CopyPausedEvent(COPY, AT))
                .when(new PauseCopyCommand(COPY, BOB, false, AT))
                .expectNoEvents();
    }

    @Test
    void anAdminResumesAPausedCopy() {
        fixture.given(started(), new CopyPausedEvent(COPY, AT))
                .when(new ResumeCopyCommand(COPY, ADMIN, true, AT))
                .expectEvents(new CopyResumedEvent(COPY, AT));
    }

    @Test
    void resumingAnActiveCopyChangesNothing() {
        fixture.given(started())
                .when(new ResumeCopyCommand(COPY, BOB, false, AT))
                .expectNoEvents();
    }

    @Test
    void toAnyoneElseTheCopyDoesNotExist() {
        fixture.given(started())
                .when(new PauseCopyCommand(COPY, MALLORY, false, AT))
                .expectException(refusedWith(ErrorCode.COPY_NOT_FOUND));
    }

    @Test
    void aStoppingCopyCannotBePausedOrResumed() {
        fixture.given(started(), stopping())
                .when(new ResumeCopyCommand(COPY, BOB, false, AT))
                .expectException(refusedWith(ErrorCode.COPY_NOT_ACTIVE));
    }

    @Test
    void addedFundsAreTransferTwoAndRaiseTheStopLossEquity() {
        String transfer = CopyIds.transfer(COPY, 2);
        fixture.given(started())
                .when(new ChangeCopyFundsCommand(COPY, BOB, false, Cash.ofCents(500_00), AT))
                .expectEvents(new CopyFundsChangedEvent(COPY, transfer, Cash.ofCents(500_00), Cash.ofCents(1_500_00),
                        Cash.ofCents(1_350_00), AT))
                .expectResultMessagePayload(answer(CopyStatus.ACTIVE, 1_500_00, transfer, false));
    }

    @Test
    void removedFundsOfAPausedCopyAreTheNextTransfer() {
        String second = CopyIds.transfer(COPY, 2);
        String third = CopyIds.transfer(COPY, 3);
        fixture.given(started(), new CopyFundsChangedEvent(COPY, second, Cash.ofCents(500_00), Cash.ofCents(1_500_00),
                        Cash.ofCents(1_350_00), AT), new CopyPausedEvent(COPY, AT))
                .when(new ChangeCopyFundsCommand(COPY, BOB, false, Cash.ofCents(-1_200_00), AT))
                .expectEvents(new CopyFundsChangedEvent(COPY, third, Cash.ofCents(-1_200_00), Cash.ofCents(300_00),
                        Cash.ofCents(270_00), AT));
    }

    @Test
    void removingEverythingInvestedIsMalformed() {
        fixture.given(started())
                .when(new ChangeCopyFundsCommand(COPY, BOB, false, Cash.ofCents(-1_000_00), AT))
                .expectException(refusedWith(ErrorCode.MALFORMED_REQUEST));
    }

    @Test
    void noFundsCanBeAddedToAStoppingCopy() {
        fixture.given(started(), stopping())
                .when(new ChangeCopyFundsCommand(COPY, BOB, false, Cash.ofCents(1_00), AT))
                .expectException(refusedWith(ErrorCode.COPY_NOT_ACTIVE));
    }

    @Test
    void freeCashCanBeTakenOutOfAStoppingCopy() {
        String second = CopyIds.transfer(COPY, 2);
        fixture.given(started(), stopping())
                .when(new ChangeCopyFundsCommand(COPY, BOB, false, Cash.ofCents(-400_00), AT))
                .expectEvents(new CopyFundsChangedEvent(COPY, second, Cash.ofCents(-400_00), Cash.ofCents(600_00),
                        Cash.ofCents(540_00), AT))
                .expectResultMessagePayload(answer(CopyStatus.STOPPING, 600_00, second, false));
    }

    @Test
    void fundsOfAClosedCopyCannotChange() {
        fixture.given(started(), stopping(), new CopyClosedEvent(COPY, CopyStopReason.BY_COPIER,
                        CopyIds.transfer(COPY, Long.MAX_VALUE), Cash.ofCents(1_000_00), java.util.List.of(), AT))
                .when(new ChangeCopyFundsCommand(COPY, BOB, false, Cash.ofCents(-1_00), AT))
                .expectException(refusedWith(ErrorCode.COPY_NOT_ACTIVE));
    }

    @Test
    void aFundsChangeWithAClientRequestIdMovesUnderItsOwnTransferIdAndRemembersIt() {
        String transfer = CopyIds.transfer(COPY, "req-1");
        fixture.given(started())
                .when(new ChangeCopyFundsCommand(COPY, BOB, false, Cash.ofCents(500_00), AT, "req-1"))
                .expectEvents(new CopyFundsChangedEvent(COPY, transfer, Cash.ofCents(500_00), Cash.ofCents(1_500_00),
                        Cash.ofCents(1_350_00), AT, "req-1"))
                .expectResultMessagePayload(answer(CopyStatus.ACTIVE, 1_500_00, transfer, false));
    }

    @Test
    void aRetriedFundsRequestChangesNothingAndAnswersNothingToMove() {
        fixture.given(started(), new CopyFundsChangedEvent(COPY, CopyIds.transfer(COPY, "req-1"), Cash.ofCents(-500_00),
                        Cash.ofCents(500_00), Cash.ofCents(450_00), AT, "req-1"))
                .when(new ChangeCopyFundsCommand(COPY, BOB, false, Cash.ofCents(-500_00), AT, "req-1"))
                .expectNoEvents()
                .expectResultMessagePayload(answer(CopyStatus.ACTIVE, 500_00, null, false));
    }

    @Test
    void anotherAmountUnderAnAppliedRequestIdIsAConflict() {
        fixture.given(started(), new CopyFundsChangedEvent(COPY, CopyIds.transfer(COPY, "req-1"), Cash.ofCents(-500_00),
                        Cash.ofCents(500_00), Cash.ofCents(450_00), AT, "req-1"))
                .when(new ChangeCopyFundsCommand(COPY, BOB, false, Cash.ofCents(-400_00), AT, "req-1"))
                .expectException(refusedWith(ErrorCode.COPY_CONFLICT));
    }

    @Test
    void onlyTheLastHundredRequestIdsAreRemembered() {
        java.util.List<Object> history = new java.util.ArrayList<>();
        history.add(started());
        long invested = 1_000_00;
        for (int i = 0; i <= CopyRelationship.REMEMBERED_REQUESTS; i++) {
            invested += 1_00;
            history.add(new CopyFundsChangedEvent(COPY, CopyIds.transfer(COPY, "r" + i), Cash.ofCents(1_00),
                    Cash.ofCents(invested), Cash.ofCents(invested * 9 / 10), AT, "r" + i));
        }
        // "r0" (the oldest of 101) is forgotten: it would be a new change; "r1" is still answered as a repeat.
        fixture.given(history)
                .when(new ChangeCopyFundsCommand(COPY, BOB, false, Cash.ofCents(1_00), AT, "r1"))
                .expectNoEvents();
        setUp();
        fixture.given(history)
                .when(new ChangeCopyFundsCommand(COPY, BOB, false, Cash.ofCents(1_00), AT, "r0"))
                .expectResultMessagePayload(answer(CopyStatus.ACTIVE, invested + 1_00, CopyIds.transfer(COPY, "r0"), false));
    }

    @Test
    void theStopLossThresholdIsTheExactOneRoundedDown() {
        // 1000.07 x 59.5 / 100 = 595.04165: 595.04 (an equity of 595.05 is above the exact threshold and must not stop).
        org.assertj.core.api.Assertions.assertThat(CopyStopLoss.threshold(1_000_07, new BigDecimal("40.5")))
                .isEqualTo(595_04);
    }

    @Test
    void theCopierStopsTheCopy() {
        fixture.given(started(), new CopyPausedEvent(COPY, AT))
                .when(new StopCopyCommand(COPY, BOB, false, CopyStopReason.BY_COPIER, null, null, AT))
                .expectEvents(stopping())
                .expectResultMessagePayload(answer(CopyStatus.STOPPING, 1_000_00, null, false));
    }

    @Test
    void theStopLossStopsTheCopyWithItsTradeAndEquity() {
        TradeId trade = TradeId.of(ACME, 9);
        fixture.given(started())
                .when(new StopCopyCommand(COPY, null, false, CopyStopReason.STOP_LOSS, trade, Cash.ofCents(899_99), AT))
                .expectEvents(new CopyStoppingEvent(COPY, CopyStopReason.STOP_LOSS, trade, Cash.ofCents(899_99), AT));
    }

    @Test
    void stoppingAStoppingCopyChangesNothing() {
        fixture.given(started(), stopping())
                .when(new StopCopyCommand(COPY, BOB, false, CopyStopReason.BY_COPIER, null, null, AT))
                .expectNoEvents();
    }

    @Test
    void onlyTheCopierOrAnAdminStopsByHand() {
        fixture.given(started())
                .when(new StopCopyCommand(COPY, MALLORY, false, CopyStopReason.BY_COPIER, null, null, AT))
                .expectException(refusedWith(ErrorCode.COPY_NOT_FOUND));
    }

    @Test
    void finishingAStoppingCopyClosesIt() {
        String transfer = CopyIds.transfer(COPY, 2);
        List<Holding> dust = List.of(new Holding(ACME, Quantity.ofLots(3)));
        fixture.given(started(), stopping())
                .when(new FinishCopyCommand(COPY, transfer, Cash.ofCents(950_00), dust, AT))
                .expectEvents(new CopyClosedEvent(COPY, CopyStopReason.BY_COPIER, transfer, Cash.ofCents(950_00), dust, AT))
                .expectResultMessagePayload(answer(CopyStatus.CLOSED, 1_000_00, transfer, false));
    }

    @Test
    void finishingAClosedCopyChangesNothing() {
        String transfer = CopyIds.transfer(COPY, 2);
        fixture.given(started(), stopping(),
                        new CopyClosedEvent(COPY, CopyStopReason.BY_COPIER, transfer, Cash.ofCents(950_00), List.of(), AT))
                .when(new FinishCopyCommand(COPY, transfer, Cash.ofCents(950_00), List.of(), AT))
                .expectNoEvents();
    }

    @Test
    void anActiveCopyCannotBeFinished() {
        fixture.given(started())
                .when(new FinishCopyCommand(COPY, CopyIds.transfer(COPY, 2), Cash.ofCents(950_00), List.of(), AT))
                .expectException(refusedWith(ErrorCode.COPY_NOT_ACTIVE));
    }

    @Test
    void theCopierClosesAPositionUnderTheFirstCloseOrderOfTheSymbol() {
        String clientOrderId = CopyIds.closeOrder(ACME, 1);
        fixture.given(started())
                .when(new RequestCopySellCommand(COPY, BOB, false, ACME, Quantity.ofLots(10), false, AT))
                .expectEvents(new CopySellRequestedEvent(COPY, COPY_ACCOUNT, orderOf(clientOrderId), clientOrderId, ACME,
                        Quantity.ofLots(10), false, AT))
                .expectResultMessagePayload(clientOrderId);
    }

    @Test
    void aStoppingCopySellsUnderTheNextCloseOrder() {
        String clientOrderId = CopyIds.closeOrder(ACME, 2);
        fixture.given(started(), new CopySellRequestedEvent(COPY, COPY_ACCOUNT, orderOf(CopyIds.closeOrder(ACME, 1)),
                        CopyIds.closeOrder(ACME, 1), ACME, Quantity.ofLots(10), false, AT), stopping())
                .when(new RequestCopySellCommand(COPY, BOB, false, ACME, Quantity.ofLots(5), true, AT))
                .expectEvents(new CopySellRequestedEvent(COPY, COPY_ACCOUNT, orderOf(clientOrderId), clientOrderId, ACME,
                        Quantity.ofLots(5), true, AT));
    }

    @Test
    void aStopSellOfACopyThatIsNotStoppingIsRefused() {
        fixture.given(started())
                .when(new RequestCopySellCommand(COPY, BOB, false, ACME, Quantity.ofLots(5), true, AT))
                .expectException(refusedWith(ErrorCode.COPY_NOT_ACTIVE));
    }

    @Test
    void theCopierCannotCloseAPositionOfAStoppingCopy() {
        fixture.given(started(), stopping())
                .when(new RequestCopySellCommand(COPY, BOB, false, ACME, Quantity.ofLots(5), false, AT))
                .expectException(refusedWith(ErrorCode.COPY_NOT_ACTIVE));
    }

    @Test
    void toAnyoneElseClosingAPositionFindsNoCopy() {
        fixture.given(started())
                .when(new RequestCopySellCommand(COPY, MALLORY, false, ACME, Quantity.ofLots(5), false, AT))
                .expectException(refusedWith(ErrorCode.COPY_NOT_FOUND));
    }
}
