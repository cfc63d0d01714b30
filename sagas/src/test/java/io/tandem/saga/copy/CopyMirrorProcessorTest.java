package io.tandem.saga.copy;

import io.tandem.contracts.account.ReservationReleasedEvent;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.copy.CopyClosedEvent;
import io.tandem.contracts.copy.CopyEngine.MirrorRequest;
import io.tandem.contracts.copy.CopyEngine.StopProgress;
import io.tandem.contracts.copy.CopyFundsChangedEvent;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.CopyPausedEvent;
import io.tandem.contracts.copy.CopyResumedEvent;
import io.tandem.contracts.copy.CopySellRequestedEvent;
import io.tandem.contracts.copy.CopyStartedEvent;
import io.tandem.contracts.copy.CopyStatus;
import io.tandem.contracts.copy.CopyStopReason;
import io.tandem.contracts.copy.CopyStoppingEvent;
import io.tandem.contracts.copy.SizingMode;
import io.tandem.contracts.follow.RelationshipId;
import io.tandem.contracts.follow.TraderBlockedEvent;
import io.tandem.contracts.profile.TraderProfileSetEvent;
import io.tandem.saga.copy.RecordingEngine.ContinueStop;
import io.tandem.saga.copy.RecordingEngine.FinishStop;
import io.tandem.saga.copy.RecordingEngine.StopFor;
import io.tandem.saga.copy.RecordingEngine.StopLoss;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tandem.saga.copy.MirrorFixtures.ACME;
import static io.tandem.saga.copy.MirrorFixtures.BOLT;
import static io.tandem.saga.copy.MirrorFixtures.SHARE;
import static io.tandem.saga.copy.MirrorFixtures.T0;
import static io.tandem.saga.copy.MirrorFixtures.deposit;
import static io.tandem.saga.copy.MirrorFixtures.in;
import static io.tandem.saga.copy.MirrorFixtures.listed;
import static io.tandem.saga.copy.MirrorFixtures.opened;
import static io.tandem.saga.copy.MirrorFixtures.out;
import static io.tandem.saga.copy.MirrorFixtures.supply;
import static io.tandem.saga.copy.MirrorFixtures.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The copy-mirror process with a recording copy engine and its state in memory, fed events through
 * Axon's annotation adapter, one unit of work per batch (committed, or rolled back as a failed batch).
 * <p>
 * The market: ISSUER holds the supply of ACME and BOLT; LEADER deposited 10,000.00 and bought 100 ACME
 * at 10.00 (fee 1.00); three copiers each funded a copy of LEADER with 1,000.00, the third one paused.
 */
class CopyMirrorProcessorTest {

    private static final AccountId ISSUER = AccountId.of("issuer");
    private static final AccountId LEADER = AccountId.of("leader");
    private static final AccountId OTHER = AccountId.of("other");
    private static final AccountId BOB = AccountId.of("bob");
    private static final UserId LEADER_USER = UserId.of("leader");
    private static final CopyId C1 = CopyId.of("copy-1");
    private static final CopyId C2 = CopyId.of("copy-2");
    private static final CopyId C3 = CopyId.of("copy-3");
    private static final Map<CopyId, AccountId> ACCOUNTS = Map.of(C1, AccountId.of("copyacct-1"), C2,
            AccountId.of("copyacct-2"), C3, AccountId.of("copyacct-3"));

    private final RecordingEngine engine = new RecordingEngine();
    private final InMemoryMirrorState state = new InMemoryMirrorState();
    private CopyMirrorProcessor processor;
    private AnnotationEventHandlerAdapter handlers;

    @BeforeEach
    void market() {
        processor = new CopyMirrorProcessor(engine, state, new CopyMirrorProperties(2));
        handlers = new AnnotationEventHandlerAdapter(processor);
        List<Object> events = new ArrayList<>(List.of(
                opened(ISSUER, AccountType.TRADING), listed(ACME, ISSUER), supply(ISSUER, ACME, 1_000_000),
                listed(BOLT, ISSUER), supply(ISSUER, BOLT, 1_000_000),
                opened(LEADER, AccountType.TRADING), deposit(LEADER, 1_000_000),
                opened(OTHER, AccountType.TRADING), deposit(OTHER, 1_000_000),
                opened(BOB, AccountType.TRADING), deposit(BOB, 1_000_000),
                trade(1, ACME, LEADER, ISSUER, 100, 1_000, 100)));
        for (CopyId copy : List.of(C1, C2, C3)) {
            events.addAll(fund(copy, 100_000));
            events.add(started(copy, Cash.ofCents(90_000), false));
        }
        events.add(new CopyPausedEvent(C3, T0));
        batch(events);
    }

    @AfterEach
    void close() {
        processor.close();
    }

    @Test
    void aLeaderTradeIsMirroredIntoEachActiveCopyWithTheEquitiesAndPositionFromJustBeforeIt() {
        batch(List.of(trade(2, ACME, LEADER, ISSUER, 50, 1_050, 50)));

        // Before the trade: leader cash 10,000.00 - 1,001.00, 100 ACME at 10.00; each copy 1,000.00 in cash.
        assertThat(engine.callsOf(MirrorRequest.class)).containsExactlyInAnyOrder(
                mirror(C1, 2, Side.BUY, 50, 1_050, 999_900, 100_000, 100),
                mirror(C2, 2, Side.BUY, 50, 1_050, 999_900, 100_000, 100));
        assertThat(engine.threads).allMatch(name -> name.startsWith("copy-mirror-engine-"));
        assertThat(engine.inUnitOfWork).containsOnly(false);
    }

    @Test
    void aLeaderSellIsMirroredWithTheLeadersPositionBeforeTheSell() {
        batch(List.of(trade(2, ACME, OTHER, LEADER, 40, 1_100, 0)));

        // ACME last traded at 10.00, so the leader is still valued at 10.00 when it sells at 11.00.
        assertThat(engine.callsOf(MirrorRequest.class)).containsExactlyInAnyOrder(
                mirror(C1, 2, Side.SELL, 40, 1_100, 999_900, 100_000, 100),
                mirror(C2, 2, Side.SELL, 40, 1_100, 999_900, 100_000, 100));
    }

    @Test
    void aTradeThatIsNotTheLeadersMirrorsNothing() {
        batch(List.of(trade(2, ACME, OTHER, ISSUER, 10, 1_000, 0), trade(3, ACME, ISSUER, OTHER, 10, 1_000, 0)));

        assertThat(engine.calls).isEmpty();
    }

    @Test
    void aTradeOfALeaderAccountThatIsNotATradingAccountIsNeverMirrored() {
        // copy-4 copies C2's COPY account, as if it had been made a leader's public account.
        AccountId a2 = ACCOUNTS.get(C2);
        CopyId c4 = CopyId.of("copy-4");
        List<Object> events = new ArrayList<>(List.of(trade(2, ACME, a2, ISSUER, 10, 1_000, 0)));
        events.addAll(fund(c4, 50_000));
        events.add(started(c4, a2, Cash.ofCents(1), true));
        batch(events);
        engine.forget();

        batch(List.of(trade(3, ACME, a2, ISSUER, 5, 1_000, 0), trade(4, ACME, BOB, a2, 5, 1_000, 0)));

        assertThat(engine.callsOf(MirrorRequest.class)).isEmpty();
    }

    @Test
    void aLeaderTradeAgainstOneOfItsOwnCopiesIsNotMirroredButOneAgainstAnotherLeadersCopyIs() {
        CopyId c4 = CopyId.of("copy-4");
        List<Object> events = new ArrayList<>(fund(c4, 50_000));
        events.add(started(c4, OTHER, Cash.ofCents(1), false));
        batch(events);
        engine.forget();

        // C1's mirrored buy fills against the leader's resting sell: not mirrored back into C1 and C2.
        batch(List.of(trade(2, ACME, ACCOUNTS.get(C1), LEADER, 5, 1_000, 0)));
        assertThat(engine.callsOf(MirrorRequest.class)).isEmpty();

        // copy-4 copies OTHER, not the leader: the leader's sell to it is an ordinary leader trade.
        batch(List.of(trade(3, ACME, AccountId.of("acct-copy-4"), LEADER, 5, 1_000, 0)));
        assertThat(engine.callsOf(MirrorRequest.class)).extracting(MirrorRequest::copyId).containsExactlyInAnyOrder(C1, C2);
    }

    @Test
    void aResumedCopyMirrorsAgainAndAClosedOneNoLonger() {
        batch(List.of(new CopyResumedEvent(C3, T0), new CopyStoppingEvent(C2, CopyStopReason.BY_COPIER, null, null, T0),
                new CopyClosedEvent(C2, CopyStopReason.BY_COPIER, "xfer", Cash.ofCents(100_000), List.of(), T0)));
        engine.forget();

        batch(List.of(trade(2, ACME, LEADER, ISSUER, 1, 1_000, 0)));

        assertThat(engine.callsOf(MirrorRequest.class)).extracting(MirrorRequest::copyId).containsExactlyInAnyOrder(C1, C3);
        assertThat(state.copies()).doesNotContainKey(C2);
    }

    @Test
    void theStopLossFiresOnceAtTheTradeThatTakesTheCopyToItsThreshold() {
        AccountId a1 = ACCOUNTS.get(C1);
        // The copy buys 10 ACME at 10.00 for 100.00 + 0.10 fee: 899.90 cash, equity 999.90 at 10.00.
        batch(List.of(new CopyFundsChangedEvent(C1, "xfer-2", Cash.ZERO, Cash.ofCents(100_000), Cash.ofCents(95_000), T0),
                trade(2, ACME, a1, ISSUER, 10, 1_000, 10)));
        engine.forget();

        // Equity 899.90 + 10 x price: 959.90 at 6.00, 950.00 at 5.01 (the threshold), 939.90 at 4.00.
        batch(List.of(trade(3, ACME, BOB, ISSUER, 1, 600, 0)));
        assertThat(engine.calls).isEmpty();

        batch(List.of(trade(4, ACME, BOB, ISSUER, 1, 501, 0), trade(5, ACME, BOB, ISSUER, 1, 400, 0)));
        batch(List.of(trade(6, ACME, BOB, ISSUER, 1, 300, 0)));

        assertThat(engine.calls).containsExactly(new StopLoss(C1, TradeId.of(ACME, 4), Cash.ofCents(95_000), T0.plusSeconds(4)));
        assertThat(state.copies().get(C1).stopSent()).isTrue();
    }

    @Test
    void theLeaderTradeThatTakesACopyToItsStopLossStopsThatCopyInsteadOfMirroringIntoItWhileTheOthersAreMirrored() {
        AccountId a1 = ACCOUNTS.get(C1);
        // C1: 899.90 cash and 10 ACME; its equity is 950.00, its threshold, at 5.01.
        batch(List.of(new CopyFundsChangedEvent(C1, "xfer-2", Cash.ZERO, Cash.ofCents(100_000), Cash.ofCents(95_000), T0),
                trade(2, ACME, a1, ISSUER, 10, 1_000, 10)));
        engine.forget();

        batch(List.of(trade(3, ACME, LEADER, ISSUER, 1, 501, 0)));

        assertThat(engine.callsOf(StopLoss.class)).containsExactly(
                new StopLoss(C1, TradeId.of(ACME, 3), Cash.ofCents(95_000), T0.plusSeconds(3)));
        assertThat(engine.callsOf(MirrorRequest.class)).extracting(MirrorRequest::copyId).containsExactly(C2);
        assertThat(engine.calls.get(0)).isInstanceOf(StopLoss.class);
    }

    @Test
    void aCopyWhoseStopLossWasSentIsNotMirroredAnyMore() {
        AccountId a1 = ACCOUNTS.get(C1);
        batch(List.of(new CopyFundsChangedEvent(C1, "xfer-2", Cash.ZERO, Cash.ofCents(100_000), Cash.ofCents(99_995), T0),
                trade(2, ACME, a1, ISSUER, 10, 1_000, 10)));
        assertThat(engine.callsOf(StopLoss.class)).extracting(StopLoss::copyId).containsExactly(C1);
        engine.forget();

        batch(List.of(trade(3, ACME, LEADER, ISSUER, 1, 1_000, 0)));

        assertThat(engine.callsOf(MirrorRequest.class)).extracting(MirrorRequest::copyId).containsExactly(C2);
    }

    @Test
    void theLeadersOpenPositionsAreMirroredAtStartAtTheirLastPricesOneAfterTheOtherInSymbolOrderOnOneThread() {
        CopyId c4 = CopyId.of("copy-4");
        batch(List.of(trade(1, BOLT, LEADER, ISSUER, 20, 2_000, 0)));
        engine.forget();
        List<Object> events = new ArrayList<>(fund(c4, 50_000));
        events.add(started(c4, Cash.ofCents(25_000), true));
        // The leader's ACME and BOLT at 10.00 and 20.00: 1,000.00 + 400.00 on top of its cash.
        batch(events);

        long leaderEquity = 1_000_000 - 100_100 - 40_000 + 100_000 + 40_000;
        assertThat(engine.callsOf(MirrorRequest.class)).filteredOn(request -> request.copyId().equals(c4)).containsExactly(
                new MirrorRequest(c4, null, ACME, Side.BUY, Quantity.ofLots(100 * SHARE), Price.ofTicks(1_000),
                        Cash.ofCents(leaderEquity), Cash.ofCents(50_000), Quantity.ofLots(100 * SHARE), T0),
                new MirrorRequest(c4, null, BOLT, Side.BUY, Quantity.ofLots(20 * SHARE), Price.ofTicks(2_000),
                        Cash.ofCents(leaderEquity), Cash.ofCents(50_000), Quantity.ofLots(20 * SHARE), T0));
        assertThat(engine.calls).hasSize(2);
        assertThat(engine.threads).hasSize(2).containsOnly(engine.threads.get(0));
    }

    @Test
    void aLeaderWhoMovesThePublicAccountStopsEveryLiveCopyOfTheOldOneWhichIsMirroredNoMore() {
        batch(List.of(profile(LEADER_USER, LEADER, true)));
        assertThat(engine.calls).isEmpty();

        batch(List.of(profile(LEADER_USER, OTHER, true), trade(2, ACME, LEADER, ISSUER, 1, 1_000, 0),
                new CopyResumedEvent(C3, T0), trade(3, ACME, LEADER, ISSUER, 1, 1_000, 0)));

        // C3 is paused, and stopped too.
        assertThat(engine.calls).containsExactlyInAnyOrder(new StopFor(C1, CopyStopReason.LEADER_CHANGED, T0),
                new StopFor(C2, CopyStopReason.LEADER_CHANGED, T0), new StopFor(C3, CopyStopReason.LEADER_CHANGED, T0));
        assertThat(state.leaders()).containsEntry(LEADER_USER, new CopyMirrorState.LeaderRow(LEADER_USER, OTHER));
        assertThat(state.copies().values()).allMatch(CopyMirrorState.CopyRow::stopSent);
        engine.forget();

        // Asked once: a second profile event stops nothing again.
        batch(List.of(profile(LEADER_USER, null, true)));
        assertThat(engine.calls).isEmpty();
    }

    @Test
    void aLeaderWhoPublishesNoAccountAnyMoreStopsItsCopies() {
        batch(List.of(profile(LEADER_USER, null, true)));

        assertThat(engine.callsOf(StopFor.class)).extracting(StopFor::copyId).containsExactlyInAnyOrder(C1, C2, C3);
    }

    @Test
    void aLeaderWhoStopsAcceptingCopiersButKeepsThePublicAccountStopsNothingAndIsStillMirrored() {
        batch(List.of(profile(LEADER_USER, LEADER, false), profile(UserId.of("someone-else"), null, true),
                trade(2, ACME, LEADER, ISSUER, 1, 1_000, 0)));

        assertThat(engine.callsOf(StopFor.class)).isEmpty();
        assertThat(engine.callsOf(MirrorRequest.class)).extracting(MirrorRequest::copyId).containsExactlyInAnyOrder(C1, C2);
    }

    @Test
    void aBlockEitherWayBetweenTheLeaderAndACopierStopsTheCopiesBetweenThemOnly() {
        batch(List.of(blocked(LEADER_USER, copier(C1)), blocked(copier(C2), LEADER_USER),
                blocked(copier(C3), UserId.of("someone-else")), new CopyResumedEvent(C3, T0),
                trade(2, ACME, LEADER, ISSUER, 1, 1_000, 0)));

        assertThat(engine.callsOf(StopFor.class)).containsExactlyInAnyOrder(new StopFor(C1, CopyStopReason.BLOCKED, T0),
                new StopFor(C2, CopyStopReason.BLOCKED, T0));
        assertThat(engine.callsOf(MirrorRequest.class)).extracting(MirrorRequest::copyId).containsExactly(C3);
    }

    @Test
    void aCopyStartedAfterItsLeaderMovedThePublicAccountIsStoppedAtOnceAndCopiesNothing() {
        batch(List.of(profile(LEADER_USER, OTHER, true)));
        engine.forget();
        CopyId c4 = CopyId.of("copy-4");
        List<Object> events = new ArrayList<>(fund(c4, 50_000));
        events.add(started(c4, Cash.ofCents(25_000), true));
        events.add(trade(2, ACME, LEADER, ISSUER, 1, 1_000, 0));
        batch(events);

        assertThat(engine.calls).containsExactly(new StopFor(c4, CopyStopReason.LEADER_CHANGED, T0));
    }

    @Test
    void aNewProcessorRemembersEachLeadersPublicAccountAndEachCopysUsers() {
        batch(List.of(profile(LEADER_USER, LEADER, true)));
        processor.close();
        processor = new CopyMirrorProcessor(engine, state, new CopyMirrorProperties(1));
        handlers = new AnnotationEventHandlerAdapter(processor);
        CopyId c4 = CopyId.of("copy-4");
        List<Object> events = new ArrayList<>(fund(c4, 50_000));
        events.add(started(c4, OTHER, Cash.ofCents(1), false));
        batch(events);
        processor.close();
        processor = new CopyMirrorProcessor(engine, state, new CopyMirrorProperties(1));
        handlers = new AnnotationEventHandlerAdapter(processor);

        batch(List.of(blocked(copier(C2), LEADER_USER)));

        // copy-4 names the leader user but an account its profile does not publish: stopped at its start.
        assertThat(engine.calls).containsExactly(new StopFor(c4, CopyStopReason.LEADER_CHANGED, T0),
                new StopFor(C2, CopyStopReason.BLOCKED, T0));
    }

    @Test
    void aProfileChangeOrABlockInAReplayCallsNothingButTheCopyIsMirroredNoMore() {
        replayBatch(List.of(profile(LEADER_USER, OTHER, true), blocked(LEADER_USER, copier(C1))));
        assertThat(engine.calls).isEmpty();

        batch(List.of(trade(2, ACME, LEADER, ISSUER, 1, 1_000, 0)));

        assertThat(engine.calls).isEmpty();
        assertThat(state.copies().values()).allMatch(CopyMirrorState.CopyRow::stopSent);
    }

    @Test
    void aStopSellsEverythingOnceThenOnlyFinishesOnReleasesAndRetriesASymbolAfterATradeInIt() {
        AccountId a1 = ACCOUNTS.get(C1);
        batch(List.of(trade(2, ACME, a1, ISSUER, 10, 1_000, 0)));
        engine.forget();

        batch(List.of(new CopyStoppingEvent(C1, CopyStopReason.BY_COPIER, null, null, T0)));
        assertThat(engine.calls).containsExactly(new ContinueStop(C1, null, T0));

        // Its IOC sell found no buyer: the release may finish the stop, but must not sell again.
        batch(List.of(release(a1, T0.plusSeconds(60))));
        assertThat(engine.calls).containsExactly(new ContinueStop(C1, null, T0), new FinishStop(C1, T0.plusSeconds(60)));
        engine.forget();

        // A trade in BOLT (not held) does nothing; the copy's own trade does nothing; a trade in ACME retries ACME.
        batch(List.of(trade(1, BOLT, BOB, ISSUER, 1, 2_000, 0), trade(3, ACME, BOB, a1, 1, 990, 0),
                trade(4, ACME, BOB, ISSUER, 1, 980, 0)));
        assertThat(engine.calls).containsExactly(new ContinueStop(C1, ACME, T0.plusSeconds(4)));
    }

    @Test
    void aStopThatFirstHadToWaitSellsEverythingAtTheNextReleaseAndOnlyFinishesAfterItsSellsWentOut() {
        AccountId a1 = ACCOUNTS.get(C1);
        batch(List.of(trade(2, ACME, a1, ISSUER, 10, 1_000, 0)));
        engine.forget();
        engine.stopProgress = StopProgress.WAITING;

        batch(List.of(new CopyStoppingEvent(C1, CopyStopReason.STOP_LOSS, TradeId.of(ACME, 2), Cash.ofCents(1), T0)));
        batch(List.of(release(a1, T0.plusSeconds(1))));
        batch(List.of(new CopySellRequestedEvent(C1, a1, OrderId.of("o"), "close-ACME-1", ACME, Quantity.ofLots(10 * SHARE),
                true, T0.plusSeconds(2)), release(a1, T0.plusSeconds(3))));

        assertThat(engine.calls).containsExactly(new ContinueStop(C1, null, T0), new ContinueStop(C1, null, T0.plusSeconds(1)),
                new FinishStop(C1, T0.plusSeconds(3)));
    }

    @Test
    void aReleaseOfAnAccountThatIsNoStoppingCopyTriggersNothing() {
        batch(List.of(release(ACCOUNTS.get(C1), T0), release(LEADER, T0)));

        assertThat(engine.calls).isEmpty();
    }

    @Test
    void aBatchRetriedAfterARollbackAsksTheSameAgainFromTheCommittedState() {
        AccountId a1 = ACCOUNTS.get(C1);
        List<Object> events = List.of(trade(2, ACME, LEADER, ISSUER, 50, 1_050, 50), trade(3, ACME, a1, ISSUER, 5, 1_050, 0),
                trade(4, ACME, OTHER, LEADER, 10, 1_020, 0));
        int writes = state.writes;

        rolledBackBatch(events);
        List<Object> firstAttempt = List.copyOf(engine.calls);
        engine.forget();
        assertThat(state.writes).isEqualTo(writes);

        batch(events);

        assertThat(firstAttempt).hasSize(4);
        assertThat(engine.calls).containsExactlyInAnyOrderElementsOf(firstAttempt);
        assertThat(state.writes).isEqualTo(writes + 1);
        assertThat(state.accounts().get(a1).cashCents()).isEqualTo(100_000 - 5 * 1_050);
    }

    @Test
    void aFailedMirrorFailsTheBatchAndLeavesTheStateAsCommitted() {
        engine.mirrorFailure = new IllegalStateException("database down");
        Map<AccountId, CopyMirrorState.AccountRow> before = state.accounts();

        assertThatThrownBy(() -> batch(List.of(trade(2, ACME, LEADER, ISSUER, 50, 1_050, 50))))
                .hasMessageContaining("database down");

        assertThat(state.accounts()).isEqualTo(before);
        engine.mirrorFailure = null;
        engine.forget();
        batch(List.of(trade(2, ACME, LEADER, ISSUER, 50, 1_050, 50)));
        assertThat(engine.callsOf(MirrorRequest.class)).hasSize(2)
                .allMatch(request -> request.leaderPositionBefore().equals(Quantity.ofLots(100 * SHARE)));
    }

    @Test
    void aReplayFoldsEverythingButCallsNothingAndAResetStartsFromNothing() {
        handlers.prepareReset();
        assertThat(state.accounts()).isEmpty();

        List<Object> history = new ArrayList<>(List.of(opened(ISSUER, AccountType.TRADING), listed(ACME, ISSUER),
                supply(ISSUER, ACME, 1_000), opened(LEADER, AccountType.TRADING), deposit(LEADER, 1_000_000),
                trade(1, ACME, LEADER, ISSUER, 100, 1_000, 100)));
        history.addAll(fund(C1, 100_000));
        history.add(started(C1, Cash.ofCents(90_000), true));
        history.add(trade(2, ACME, LEADER, ISSUER, 1, 1_000, 0));
        history.add(new CopyStoppingEvent(C1, CopyStopReason.BY_COPIER, null, null, T0));
        history.add(release(ACCOUNTS.get(C1), T0));
        replayBatch(history);

        assertThat(engine.calls).isEmpty();
        assertThat(state.copies().get(C1).status()).isEqualTo(CopyStatus.STOPPING);
        assertThat(state.accounts().get(LEADER).cashCents()).isEqualTo(1_000_000 - 100_100 - 1_000);
    }

    @Test
    void aNewProcessorLoadsTheCommittedStateOnceAndMirrorsAsTheOldOneWould() {
        processor.close();
        int loads = state.loads;
        processor = new CopyMirrorProcessor(engine, state, new CopyMirrorProperties(1));
        handlers = new AnnotationEventHandlerAdapter(processor);

        batch(List.of(trade(2, ACME, LEADER, ISSUER, 50, 1_050, 50)));
        batch(List.of(trade(3, ACME, LEADER, ISSUER, 1, 1_050, 0)));

        assertThat(state.loads).isEqualTo(loads + 1);
        assertThat(engine.callsOf(MirrorRequest.class)).contains(
                mirror(C1, 2, Side.BUY, 50, 1_050, 999_900, 100_000, 100),
                mirror(C2, 2, Side.BUY, 50, 1_050, 999_900, 100_000, 100));
    }

    // ---- events and batches ---------------------------------------------------------------------

    private static List<Object> fund(CopyId copy, long cents) {
        AccountId from = AccountId.of("main-of-" + copy.value());
        AccountId account = ACCOUNTS.getOrDefault(copy, AccountId.of("acct-" + copy.value()));
        return List.of(opened(from, AccountType.TRADING), deposit(from, cents), opened(account, AccountType.COPY),
                out(from, account, cents), in(account, from, cents));
    }

    private static CopyStartedEvent started(CopyId copy, Cash stopLossEquity, boolean copyOpenPositions) {
        return started(copy, LEADER, Cash.ofCents(stopLossEquity.cents()), copyOpenPositions);
    }

    private static CopyStartedEvent started(CopyId copy, AccountId leaderAccount, Cash stopLossEquity, boolean copyOpenPositions) {
        AccountId account = ACCOUNTS.getOrDefault(copy, AccountId.of("acct-" + copy.value()));
        return new CopyStartedEvent(copy, copier(copy), "c", AccountId.of("main-of-" + copy.value()),
                account, LEADER_USER, "leader", leaderAccount, Cash.ofCents(100_000), BigDecimal.TEN, stopLossEquity,
                SizingMode.PROPORTIONAL, null, copyOpenPositions, T0);
    }

    private static TraderProfileSetEvent profile(UserId user, AccountId publicAccount, boolean acceptsCopiers) {
        return new TraderProfileSetEvent(user, user.value(), null, user.value(), "", true, publicAccount, acceptsCopiers, null,
                T0);
    }

    private static TraderBlockedEvent blocked(UserId actor, UserId target) {
        return new TraderBlockedEvent(RelationshipId.of(actor.value() + "-" + target.value()), actor, target, T0);
    }

    private static UserId copier(CopyId copy) {
        return UserId.of("copier-" + copy.value());
    }

    private static ReservationReleasedEvent release(AccountId account, Instant at) {
        return new ReservationReleasedEvent(account, OrderId.of("order-at-" + at.getEpochSecond()), ACME, Cash.ZERO,
                Quantity.ZERO);
    }

    private static MirrorRequest mirror(CopyId copy, long trade, Side side, long shares, long ticks, long leaderEquity,
                                        long copyEquity, long leaderSharesBefore) {
        return new MirrorRequest(copy, TradeId.of(ACME, trade), ACME, side, Quantity.ofLots(shares * SHARE), Price.ofTicks(ticks),
                Cash.ofCents(leaderEquity), Cash.ofCents(copyEquity), Quantity.ofLots(leaderSharesBefore * SHARE),
                T0.plusSeconds(trade));
    }

    /** Events carry their {@code at} as their timestamp where they have one (a release: its own). */
    private static EventMessage<?> message(Object event) {
        Instant at = event instanceof ReservationReleasedEvent released
                ? Instant.ofEpochSecond(Long.parseLong(released.orderId().value().substring("order-at-".length())))
                : T0;
        return new GenericEventMessage<>(java.util.UUID.randomUUID().toString(), event, Map.of(), at);
    }

    private void batch(List<Object> events) {
        run(events, false, false);
    }

    private void rolledBackBatch(List<Object> events) {
        run(events, true, false);
    }

    private void replayBatch(List<Object> events) {
        run(events, false, true);
    }

    private void run(List<Object> events, boolean rollBack, boolean replay) {
        List<EventMessage<?>> messages = new ArrayList<>();
        long position = 0;
        for (Object event : events) {
            EventMessage<?> message = message(event);
            if (replay) {
                TrackingToken token = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(1_000),
                        new GlobalSequenceTrackingToken(position++));
                message = new GenericTrackedEventMessage<>(token, message);
            }
            messages.add(message);
        }
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(messages.get(0));
        try {
            for (EventMessage<?> message : messages) {
                handlers.handle(message);
            }
        } catch (Exception e) {
            unitOfWork.rollback(e);
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
        if (rollBack) {
            unitOfWork.rollback();
        } else {
            unitOfWork.commit();
        }
    }
}
