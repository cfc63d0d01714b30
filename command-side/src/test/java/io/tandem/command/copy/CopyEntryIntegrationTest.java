package io.tandem.command.copy;

import io.tandem.command.copy.CopyEntry.CopyState;
import io.tandem.command.copy.CopyEntry.StartCopy;
import io.tandem.command.orderentry.OrderEntry.Caller;
import io.tandem.contracts.account.AccountHoldings;
import io.tandem.contracts.account.AssetsTransferredInEvent;
import io.tandem.contracts.account.AssetsTransferredOutEvent;
import io.tandem.contracts.common.*;
import io.tandem.contracts.copy.CopyIds;
import io.tandem.contracts.copy.CopyStartedEvent;
import io.tandem.contracts.copy.CopyStatus;
import io.tandem.contracts.copy.CopyStopReason;
import io.tandem.contracts.copy.CopyStoppingEvent;
import io.tandem.contracts.copy.SizingMode;
import io.tandem.contracts.profile.CopySlotClaimedEvent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Copy entry against the real aggregates on H2: starts, refusals that leave nothing behind, and managing a copy. */
@CopySpringTest
class CopyEntryIntegrationTest extends CopyWorld {

    @org.springframework.beans.factory.annotation.Autowired
    CopyProperties settings;

    @Test
    void aStartMovesTheAmountIntoANewCopyAccountAndRecordsTheCopy() {
        CopyState state = startCopy("1000.00");

        assertThat(state.status()).isEqualTo(CopyStatus.ACTIVE);
        assertThat(state.netInvested()).isEqualTo(Cash.parse("1000.00"));
        assertThat(state.copyAccountId()).isEqualTo(CopyIds.copyAccount(state.copyId()));
        assertThat(state.copyId()).isEqualTo(CopyIds.copy(copier, "copy-" + n));
        assertThat(holdings(copierAccount).availableCash()).isEqualTo(Cash.parse("9000.00"));
        AccountHoldings copyAccount = holdings(state.copyAccountId());
        assertThat(copyAccount.type()).isEqualTo(AccountType.COPY);
        assertThat(copyAccount.owner()).isEqualTo(copier);
        assertThat(copyAccount.availableCash()).isEqualTo(Cash.parse("1000.00"));

        String transferId = CopyIds.transfer(state.copyId(), 1);
        assertThat(eventsOf(copierAccount.value())).contains(new AssetsTransferredOutEvent(copierAccount, transferId,
                state.copyAccountId(), Cash.parse("1000.00"), java.util.List.of()));
        assertThat(eventsOf(state.copyAccountId().value())).contains(new AssetsTransferredInEvent(state.copyAccountId(),
                transferId, copierAccount, Cash.parse("1000.00"), java.util.List.of()));
        assertThat(eventsOf(state.copyId().value())).singleElement().isInstanceOfSatisfying(CopyStartedEvent.class, started -> {
            assertThat(started.leader()).isEqualTo(leader);
            assertThat(started.leaderAccountId()).isEqualTo(leaderAccount);
            assertThat(started.fromAccountId()).isEqualTo(copierAccount);
            assertThat(started.stopLossEquity()).isEqualTo(Cash.parse("800.00"));
        });
        assertThat(eventsOf(leader.value())).anySatisfy(event -> assertThat(event).isInstanceOf(CopySlotClaimedEvent.class));
    }

    @Test
    void aRetriedStartAnswersTheCopyAndMovesNothingMore() {
        CopyState first = startCopy("1000.00");
        CopyState again = startCopy("1000.00");

        assertThat(again).isEqualTo(first);
        assertThat(holdings(copierAccount).availableCash()).isEqualTo(Cash.parse("9000.00"));
        assertThat(holdings(first.copyAccountId()).availableCash()).isEqualTo(Cash.parse("1000.00"));
    }

    @Test
    void aDifferentStartUnderTheSameIdIsAConflict() {
        startCopy("1000.00");

        assertThat(refusal(catchThrowable(() -> startCopy("1500.00"))).code()).isEqualTo(ErrorCode.COPY_CONFLICT);
        assertThat(holdings(copierAccount).availableCash()).isEqualTo(Cash.parse("9000.00"));
    }

    @Test
    void malformedStartsAreRefusedBeforeAnythingHappens() {
        refusedLeavingNothing(start -> with(start, "", start.amount(), start.stopLossPercent(), start.sizing(), null),
                ErrorCode.MALFORMED_REQUEST);
        refusedLeavingNothing(start -> with(start, "x".repeat(65), start.amount(), start.stopLossPercent(), start.sizing(), null),
                ErrorCode.MALFORMED_REQUEST);
        refusedLeavingNothing(start -> with(start, "bad\u0007id", start.amount(), start.stopLossPercent(), start.sizing(), null),
                ErrorCode.MALFORMED_REQUEST);
        refusedLeavingNothing(start -> with(start, start.clientCopyId(), "99.99", start.stopLossPercent(), start.sizing(), null),
                ErrorCode.AMOUNT_BELOW_MINIMUM);
        refusedLeavingNothing(start -> with(start, start.clientCopyId(), "2000000.01", start.stopLossPercent(), start.sizing(), null),
                ErrorCode.AMOUNT_ABOVE_MAXIMUM);
        refusedLeavingNothing(start -> with(start, start.clientCopyId(), "10.001", start.stopLossPercent(), start.sizing(), null),
                ErrorCode.MALFORMED_REQUEST);
        for (String stopLoss : new String[]{"4.99", "95.01", "10.125", "ten", null}) {
            refusedLeavingNothing(start -> with(start, start.clientCopyId(), start.amount(), stopLoss, start.sizing(), null),
                    ErrorCode.INVALID_STOP_LOSS);
        }
        refusedLeavingNothing(start -> with(start, start.clientCopyId(), start.amount(), start.stopLossPercent(), null, null),
                ErrorCode.MALFORMED_REQUEST);
        refusedLeavingNothing(start -> with(start, start.clientCopyId(), start.amount(), start.stopLossPercent(),
                SizingMode.FIXED_AMOUNT, null), ErrorCode.MALFORMED_REQUEST);
        refusedLeavingNothing(start -> with(start, start.clientCopyId(), start.amount(), start.stopLossPercent(),
                SizingMode.FIXED_AMOUNT, "0.00"), ErrorCode.MALFORMED_REQUEST);
        refusedLeavingNothing(start -> with(start, start.clientCopyId(), start.amount(), start.stopLossPercent(),
                SizingMode.PROPORTIONAL, "50.00"), ErrorCode.MALFORMED_REQUEST);
    }

    @Test
    void theStopLossMayBeFiveToNinetyFivePercentWithTwoDecimals() {
        CopyState state = copyEntry.start(with(start("sl-" + n, "1000.00"), "sl-" + n, "1000.00", "7.25", SizingMode.FIXED_AMOUNT,
                "100.00"));

        assertThat(eventsOf(state.copyId().value())).singleElement().isInstanceOfSatisfying(CopyStartedEvent.class, started -> {
            assertThat(started.stopLossPercent()).isEqualByComparingTo(new BigDecimal("7.25"));
            assertThat(started.stopLossEquity()).isEqualTo(Cash.parse("927.50"));
            assertThat(started.amountPerTrade()).isEqualTo(Cash.parse("100.00"));
        });
    }

    @Test
    void anUnknownLeaderYourselfAndABlockedLeaderAreRefused() {
        refusedLeavingNothing(start -> leader(start, "nobody" + n), ErrorCode.TRADER_NOT_FOUND);
        refusedLeavingNothing(start -> leader(start, "copier" + n), ErrorCode.CANNOT_COPY_SELF);

        block(leader, "copier" + n);
        refusedLeavingNothing(UnaryOperator.identity(), ErrorCode.BLOCKED);
        follows.set(leader, "copier" + n, io.tandem.contracts.follow.Relation.BLOCK, false, NOW);
        block(copier, leaderHandle);
        refusedLeavingNothing(UnaryOperator.identity(), ErrorCode.BLOCKED);
    }

    @Test
    void someoneElsesAccountIsRefusedAsAnUnknownOneAndShortFundsAsSuch() {
        refusedLeavingNothing(start -> from(start, makerAccount), ErrorCode.ACCOUNT_NOT_FOUND);
        refusedLeavingNothing(start -> from(start, AccountId.of("no-such-account-" + n)), ErrorCode.ACCOUNT_NOT_FOUND);
        refusedLeavingNothing(start -> with(start, start.clientCopyId(), "10000.01", start.stopLossPercent(), start.sizing(), null),
                ErrorCode.INSUFFICIENT_FUNDS);
    }

    @Test
    void aLeaderWithoutAPublicAccountOrNotAcceptingCopiersIsNotCopyable() {
        copySettings(leader, leaderHandle, leaderAccount, false, null);
        refusedLeavingNothing(UnaryOperator.identity(), ErrorCode.LEADER_NOT_COPYABLE);

        copySettings(leader, leaderHandle, null, true, null);
        refusedLeavingNothing(UnaryOperator.identity(), ErrorCode.LEADER_NOT_COPYABLE);
    }

    @Test
    void aLeaderWithAllSlotsTakenRefusesTheNextCopier() {
        copySettings(leader, leaderHandle, leaderAccount, true, 1);
        UserId other = UserId.of("other-" + n);
        AccountId otherAccount = account("other-acct-" + n, other, "5000.00");
        copyEntry.start(new StartCopy(new Caller(other, false), "first", otherAccount, leaderHandle, "1000.00", "20",
                SizingMode.PROPORTIONAL, null, false, NOW));

        refusedLeavingNothing(UnaryOperator.identity(), ErrorCode.COPY_SLOTS_FULL);
    }

    @Test
    void aCopierHasAtMostTheConfiguredNumberOfLiveCopies() {
        for (int i = 1; i <= 3; i++) {
            copyEntry.start(start("many-" + i, "100.00"));
        }

        refusedLeavingNothing(UnaryOperator.identity(), ErrorCode.TOO_MANY_COPIES, Cash.parse("9700.00"));
    }

    @Test
    void theCopierPausesAndResumesAndNobodyElseSeesTheCopy() {
        CopyState state = startCopy("1000.00");
        Caller owner = new Caller(copier, false);

        assertThat(copyEntry.pause(owner, state.copyId(), NOW).status()).isEqualTo(CopyStatus.PAUSED);
        assertThat(copyEntry.pause(owner, state.copyId(), NOW).status()).isEqualTo(CopyStatus.PAUSED);
        assertThat(copyEntry.resume(owner, state.copyId(), NOW).status()).isEqualTo(CopyStatus.ACTIVE);
        assertThat(refusal(catchThrowable(() -> copyEntry.pause(new Caller(maker, false), state.copyId(), NOW))).code())
                .isEqualTo(ErrorCode.COPY_NOT_FOUND);
        assertThat(copyEntry.pause(new Caller(UserId.of("admin"), true), state.copyId(), NOW).status()).isEqualTo(CopyStatus.PAUSED);
    }

    @Test
    void anAdminStopsSomeoneElsesCopyAsAdminAndAStrangerCannotStopIt() {
        CopyState state = startCopy("1000.00");

        assertThat(refusal(catchThrowable(() -> copyEntry.stop(new Caller(maker, false), state.copyId(), NOW))).code())
                .isEqualTo(ErrorCode.COPY_NOT_FOUND);
        assertThat(copyEntry.stop(new Caller(UserId.of("admin"), true), state.copyId(), NOW).status()).isEqualTo(CopyStatus.STOPPING);
        assertThat(eventsOf(state.copyId().value())).filteredOn(CopyStoppingEvent.class::isInstance).singleElement()
                .isInstanceOfSatisfying(CopyStoppingEvent.class, stopping -> assertThat(stopping.reason()).isEqualTo(CopyStopReason.BY_ADMIN));
        assertThat(copyEntry.stop(new Caller(copier, false), state.copyId(), NOW).status()).isEqualTo(CopyStatus.STOPPING);
        assertThat(refusal(catchThrowable(() -> copyEntry.addFunds(new Caller(copier, false), state.copyId(), "10.00", NOW))).code())
                .isEqualTo(ErrorCode.COPY_NOT_ACTIVE);
        assertThat(holdings(copierAccount).availableCash()).isEqualTo(Cash.parse("9000.00"));
    }

    @Test
    void fundsMoveInAndOutWithTheCopysRecord() {
        CopyState state = startCopy("1000.00");
        Caller owner = new Caller(copier, false);

        assertThat(copyEntry.addFunds(owner, state.copyId(), "500.00", NOW).netInvested()).isEqualTo(Cash.parse("1500.00"));
        assertThat(holdings(copierAccount).availableCash()).isEqualTo(Cash.parse("8500.00"));
        assertThat(holdings(state.copyAccountId()).availableCash()).isEqualTo(Cash.parse("1500.00"));

        assertThat(copyEntry.removeFunds(owner, state.copyId(), "200.00", NOW).netInvested()).isEqualTo(Cash.parse("1300.00"));
        assertThat(holdings(copierAccount).availableCash()).isEqualTo(Cash.parse("8700.00"));
        assertThat(holdings(state.copyAccountId()).availableCash()).isEqualTo(Cash.parse("1300.00"));

        assertThat(refusal(catchThrowable(() -> copyEntry.addFunds(owner, state.copyId(), "9000.00", NOW))).code())
                .isEqualTo(ErrorCode.INSUFFICIENT_FUNDS);
        assertThat(copy(state.copyId()).netInvested()).isEqualTo(Cash.parse("1300.00"));
        assertThat(refusal(catchThrowable(() -> copyEntry.addFunds(new Caller(maker, false), state.copyId(), "10.00", NOW))).code())
                .isEqualTo(ErrorCode.COPY_NOT_FOUND);
    }

    @Test
    void aRetriedStartAnswersTheCopyAfterTheLeaderRenamedOrABlockWasPlaced() {
        CopyState first = startCopy("1000.00");
        copySettings(leader, "renamed" + n, leaderAccount, true, null);

        assertThat(startCopy("1000.00")).isEqualTo(first);
        block(leader, "copier" + n);
        assertThat(startCopy("1000.00")).isEqualTo(first);
        assertThat(holdings(copierAccount).availableCash()).isEqualTo(Cash.parse("9000.00"));
        // a handle that now names another trader is another start under the same id
        assertThat(refusal(catchThrowable(() -> copyEntry.start(leader(start("copy-" + n, "1000.00"), "copier" + n)))).code())
                .isEqualTo(ErrorCode.COPY_CONFLICT);
    }

    @Test
    void concurrentIdenticalStartsMakeOneCopyAndAllAnswerIt() throws Exception {
        int threads = 4;
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.List<CopyState> answers = new java.util.ArrayList<>();
        try {
            java.util.List<java.util.concurrent.Future<CopyState>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return copyEntry.start(start("copy-" + n, "1000.00"));
                }));
            }
            go.countDown();
            for (var call : calls) {
                answers.add(call.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(answers).hasSize(threads).allSatisfy(answer -> assertThat(answer).isEqualTo(answers.get(0)));
        assertThat(eventsOf(answers.get(0).copyId().value())).filteredOn(CopyStartedEvent.class::isInstance).hasSize(1);
        assertThat(holdings(copierAccount).availableCash()).isEqualTo(Cash.parse("9000.00"));
        assertThat(holdings(answers.get(0).copyAccountId()).availableCash()).isEqualTo(Cash.parse("1000.00"));
    }

    @Test
    void aLeaderWhosePublicAccountIsACopyAccountIsNotCopyable() {
        CopyState own = startCopy("1000.00");
        // a COPY account as the leader's public account, set behind profile entry's back (as a profile from before the rule)
        copySettings(leader, leaderHandle, own.copyAccountId(), true, null);

        refusedLeavingNothing(UnaryOperator.identity(), ErrorCode.LEADER_NOT_COPYABLE, Cash.parse("9000.00"));
        // profile entry refuses it: the copier owns that COPY account, and still cannot make it public
        assertThat(refusal(catchThrowable(() -> profile(copier, "copier" + n, own.copyAccountId()))).code())
                .isEqualTo(ErrorCode.COPY_ACCOUNT_MANAGED);
    }

    @Test
    void aRetriedFundsRequestMovesNothingAgainAndAnotherAmountUnderItsIdConflicts() {
        CopyState state = startCopy("1000.00");
        Caller owner = new Caller(copier, false);

        assertThat(copyEntry.addFunds(owner, state.copyId(), "500.00", "add-1", NOW).netInvested()).isEqualTo(Cash.parse("1500.00"));
        assertThat(copyEntry.addFunds(owner, state.copyId(), "500.00", "add-1", NOW).netInvested()).isEqualTo(Cash.parse("1500.00"));
        assertThat(holdings(copierAccount).availableCash()).isEqualTo(Cash.parse("8500.00"));
        assertThat(copyEntry.removeFunds(owner, state.copyId(), "200.00", "rm-1", NOW).netInvested()).isEqualTo(Cash.parse("1300.00"));
        assertThat(copyEntry.removeFunds(owner, state.copyId(), "200.00", "rm-1", NOW).netInvested()).isEqualTo(Cash.parse("1300.00"));
        assertThat(holdings(copierAccount).availableCash()).isEqualTo(Cash.parse("8700.00"));
        assertThat(holdings(state.copyAccountId()).availableCash()).isEqualTo(Cash.parse("1300.00"));

        assertThat(refusal(catchThrowable(() -> copyEntry.removeFunds(owner, state.copyId(), "300.00", "rm-1", NOW))).code())
                .isEqualTo(ErrorCode.COPY_CONFLICT);
        assertThat(refusal(catchThrowable(() -> copyEntry.addFunds(owner, state.copyId(), "1.00", "bad id", NOW))).code())
                .isEqualTo(ErrorCode.MALFORMED_REQUEST);
        assertThat(eventsOf(copierAccount.value())).filteredOn(AssetsTransferredOutEvent.class::isInstance)
                .extracting(event -> ((AssetsTransferredOutEvent) event).transferId())
                .containsExactly(CopyIds.transfer(state.copyId(), 1), CopyIds.transfer(state.copyId(), "add-1"));
    }

    @Test
    void fundsMayNotGrowAboveTheMaximumAndFreeCashComesOutWhileStopping() {
        CopyState state = startCopy("1000.00");
        Caller owner = new Caller(copier, false);
        Cash above = settings.maxAmountCash().plus(Cash.ofCents(1)).minus(Cash.parse("1000.00"));

        assertThat(refusal(catchThrowable(() -> copyEntry.addFunds(owner, state.copyId(), above.toDecimalString(), NOW))).code())
                .isEqualTo(ErrorCode.AMOUNT_ABOVE_MAXIMUM);
        assertThat(holdings(copierAccount).availableCash()).isEqualTo(Cash.parse("9000.00"));

        copyEntry.stop(owner, state.copyId(), NOW);
        assertThat(copyEntry.removeFunds(owner, state.copyId(), "400.00", NOW).netInvested()).isEqualTo(Cash.parse("600.00"));
        assertThat(holdings(copierAccount).availableCash()).isEqualTo(Cash.parse("9400.00"));
    }

    private void refusedLeavingNothing(UnaryOperator<StartCopy> change, ErrorCode code) {
        refusedLeavingNothing(change, code, Cash.parse("10000.00"));
    }

    /** The start is refused with {@code code}, and there is no copy, no COPY account and no cash moved. */
    private void refusedLeavingNothing(UnaryOperator<StartCopy> change, ErrorCode code, Cash copierCash) {
        StartCopy request = change.apply(start("refused-" + n, "1000.00"));
        assertThat(refusal(catchThrowable(() -> copyEntry.start(request))).code()).isEqualTo(code);
        if (request.clientCopyId() != null && !request.clientCopyId().isBlank() && request.clientCopyId().length() <= 64) {
            var copyId = CopyIds.copy(copier, request.clientCopyId());
            assertThat(eventsOf(copyId.value())).isEmpty();
            assertThat(eventsOf(CopyIds.copyAccount(copyId).value())).isEmpty();
        }
        assertThat(holdings(copierAccount).availableCash()).isEqualTo(copierCash);
    }

    private static StartCopy with(StartCopy start, String clientCopyId, String amount, String stopLoss, SizingMode sizing,
                                  String perTrade) {
        return new StartCopy(start.caller(), clientCopyId, start.fromAccountId(), start.leaderHandle(), amount, stopLoss, sizing,
                perTrade, start.copyOpenPositions(), start.now());
    }

    private static StartCopy leader(StartCopy start, String handle) {
        return new StartCopy(start.caller(), start.clientCopyId(), start.fromAccountId(), handle, start.amount(),
                start.stopLossPercent(), start.sizing(), start.amountPerTrade(), start.copyOpenPositions(), start.now());
    }

    private static StartCopy from(StartCopy start, AccountId account) {
        return new StartCopy(start.caller(), start.clientCopyId(), account, start.leaderHandle(), start.amount(),
                start.stopLossPercent(), start.sizing(), start.amountPerTrade(), start.copyOpenPositions(), start.now());
    }
}
