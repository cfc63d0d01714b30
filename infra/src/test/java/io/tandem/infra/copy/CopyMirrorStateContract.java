package io.tandem.infra.copy;

import io.tandem.contracts.account.AccountOpenedEvent;
import io.tandem.contracts.account.DepositCreditedEvent;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.copy.CopyEngine;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.CopyStatus;
import io.tandem.contracts.copy.MirrorDecision;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.saga.copy.CopyMirrorProcessor;
import io.tandem.saga.copy.CopyMirrorProperties;
import io.tandem.saga.copy.CopyMirrorState.AccountRow;
import io.tandem.saga.copy.CopyMirrorState.Changes;
import io.tandem.saga.copy.CopyMirrorState.CopyRow;
import io.tandem.saga.copy.CopyMirrorState.InstrumentRow;
import io.tandem.saga.copy.CopyMirrorState.LeaderRow;
import io.tandem.saga.copy.CopyMirrorState.PositionRow;
import io.tandem.saga.copy.CopyMirrorState.Snapshot;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the copy-mirror state store does on any database (H2 in {@link JdbcCopyMirrorStateTest},
 * PostgreSQL in {@link JdbcCopyMirrorStateOnPostgresTest}; tables created by Hibernate from
 * {@link CopyMirrorTables}): rows round-trip (a trader's public account too, null included), zero
 * positions and closed copies go away, and, driven by
 * the process in Axon units of work on Spring transactions, a committed batch persists while a rolled
 * back one leaves neither rows nor in-memory changes behind.
 */
abstract class CopyMirrorStateContract {

    private static final AccountId ALICE = AccountId.of("alice");
    private static final AccountId COPY_ACCOUNT = AccountId.of("copyacct-1");
    private static final Symbol ACME = Symbol.of("ACME");
    private static final CopyId COPY = CopyId.of("copy-1");
    private static final UserId LEADER = UserId.of("alice");
    private static final UserId COPIER = UserId.of("bob");

    @Autowired
    private JdbcCopyMirrorState store;

    @Autowired
    private PlatformTransactionManager transactions;

    @AfterEach
    void clear() {
        new TransactionTemplate(transactions).executeWithoutResult(status -> store.clear());
    }

    @Test
    void writtenRowsLoadAsTheyWereWrittenAndTheLatestWriteOfARowWins() {
        inTransaction(new Changes(
                List.of(new AccountRow(ALICE, AccountType.TRADING, 1_000), new AccountRow(COPY_ACCOUNT, null, -5)),
                List.of(new PositionRow(ALICE, ACME, 12_345)),
                List.of(new InstrumentRow(ACME, new BigDecimal("0.01"), new BigDecimal("0.0001"), null)),
                List.of(copy(CopyStatus.ACTIVE, Cash.ofCents(90_000), false, false)),
                List.of(new LeaderRow(LEADER, ALICE), new LeaderRow(COPIER, null))));
        inTransaction(new Changes(List.of(new AccountRow(COPY_ACCOUNT, AccountType.COPY, 7)), List.of(),
                List.of(new InstrumentRow(ACME, new BigDecimal("0.01"), new BigDecimal("0.0001"), Price.ofTicks(1_050))),
                List.of(copy(CopyStatus.STOPPING, Cash.ofCents(90_000), true, true)),
                List.of(new LeaderRow(LEADER, null), new LeaderRow(COPIER, COPY_ACCOUNT))));

        Snapshot snapshot = store.load();

        assertThat(snapshot.accounts()).containsExactlyInAnyOrder(new AccountRow(ALICE, AccountType.TRADING, 1_000),
                new AccountRow(COPY_ACCOUNT, AccountType.COPY, 7));
        assertThat(snapshot.positions()).containsExactly(new PositionRow(ALICE, ACME, 12_345));
        assertThat(snapshot.instruments()).singleElement().satisfies(row -> {
            assertThat(row.tickSize()).isEqualByComparingTo("0.01");
            assertThat(row.lotSize()).isEqualByComparingTo("0.0001");
            assertThat(row.lastPrice()).isEqualTo(Price.ofTicks(1_050));
        });
        assertThat(snapshot.copies()).containsExactly(copy(CopyStatus.STOPPING, Cash.ofCents(90_000), true, true));
        assertThat(snapshot.leaders()).containsExactlyInAnyOrder(new LeaderRow(LEADER, null),
                new LeaderRow(COPIER, COPY_ACCOUNT));
    }

    @Test
    void aPositionWithZeroLotsAndAClosedCopyAreDeletedAndAClearForgetsTheLeaders() {
        inTransaction(new Changes(List.of(), List.of(new PositionRow(ALICE, ACME, 5)), List.of(),
                List.of(copy(CopyStatus.ACTIVE, Cash.ofCents(1), false, false)), List.of(new LeaderRow(LEADER, ALICE))));
        inTransaction(new Changes(List.of(), List.of(new PositionRow(ALICE, ACME, 0)), List.of(),
                List.of(new CopyRow(COPY, null, null, null, null, CopyStatus.CLOSED, null, false, false)), List.of()));

        assertThat(store.load().positions()).isEmpty();
        assertThat(store.load().copies()).isEmpty();
        assertThat(store.load().leaders()).containsExactly(new LeaderRow(LEADER, ALICE));

        new TransactionTemplate(transactions).executeWithoutResult(status -> store.clear());
        assertThat(store.load().leaders()).isEmpty();
    }

    private static CopyRow copy(CopyStatus status, Cash stopLossEquity, boolean stopSent, boolean stopSellsSent) {
        return new CopyRow(COPY, COPY_ACCOUNT, ALICE, COPIER, LEADER, status, stopLossEquity, stopSent, stopSellsSent);
    }

    @Test
    void aCommittedBatchPersistsAndARolledBackOneLeavesNothingBehind() {
        CopyMirrorProcessor processor = new CopyMirrorProcessor(new IdleEngine(), store, new CopyMirrorProperties(1));
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(processor);
        try {
            batch(handlers, true, new AccountOpenedEvent(ALICE, UserId.of("alice"), AccountType.TRADING), deposit(1_000));
            assertThat(store.load().accounts()).containsExactly(new AccountRow(ALICE, AccountType.TRADING, 1_000));

            batch(handlers, false, deposit(500));
            assertThat(store.load().accounts()).containsExactly(new AccountRow(ALICE, AccountType.TRADING, 1_000));

            // The retried batch starts from the committed 10.00, not from the 15.00 the rolled back one had in memory.
            batch(handlers, true, deposit(200));
            assertThat(store.load().accounts()).containsExactly(new AccountRow(ALICE, AccountType.TRADING, 1_200));
        } finally {
            processor.close();
        }
    }

    private static DepositCreditedEvent deposit(long cents) {
        return new DepositCreditedEvent(ALICE, PaymentId.of("pay-" + cents), Cash.ofCents(cents));
    }

    private void inTransaction(Changes changes) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> store.write(changes));
    }

    /** One batch of the process: a unit of work on a Spring transaction, committed or rolled back. */
    private void batch(AnnotationEventHandlerAdapter handlers, boolean commit, Object... events) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage(events[0]));
        unitOfWork.attachTransaction(new SpringTransactionManager(transactions));
        try {
            for (Object event : events) {
                handlers.handle(GenericEventMessage.asEventMessage(event));
            }
        } catch (Exception e) {
            unitOfWork.rollback(e);
            throw new IllegalStateException(e);
        }
        if (commit) {
            unitOfWork.commit();
        } else {
            unitOfWork.rollback();
        }
    }

    /** No copies exist in these tests, so the engine is never called. */
    private static final class IdleEngine implements CopyEngine {
        @Override
        public MirrorOutcome mirror(MirrorRequest request) {
            return new MirrorOutcome(MirrorDecision.Kind.IGNORED, null, null);
        }

        @Override
        public void stopFor(CopyId copyId, io.tandem.contracts.copy.CopyStopReason reason, Instant at) {
        }

        @Override
        public void stopLoss(CopyId copyId, TradeId triggerTradeId, Cash equity, Instant at) {
        }

        @Override
        public StopProgress continueStop(CopyId copyId, Symbol retry, Instant at) {
            return StopProgress.NOT_STOPPING;
        }

        @Override
        public StopProgress finishStopIfDone(CopyId copyId, Instant at) {
            return StopProgress.NOT_STOPPING;
        }
    }
}
