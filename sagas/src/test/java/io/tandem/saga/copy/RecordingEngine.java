package io.tandem.saga.copy;

import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.copy.CopyEngine;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.MirrorDecision;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the copy engine: records every call, and where it ran (never on the processor's
 * thread, never inside a unit of work). {@code stopProgress} is what continueStop answers.
 */
final class RecordingEngine implements CopyEngine {

    record StopFor(CopyId copyId, io.tandem.contracts.copy.CopyStopReason reason, Instant at) {
    }

    record StopLoss(CopyId copyId, TradeId trigger, Cash equity, Instant at) {
    }

    record ContinueStop(CopyId copyId, Symbol retry, Instant at) {
    }

    record FinishStop(CopyId copyId, Instant at) {
    }

    final List<Object> calls = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final List<Boolean> inUnitOfWork = new CopyOnWriteArrayList<>();
    volatile StopProgress stopProgress = StopProgress.SELLING;
    volatile RuntimeException mirrorFailure;
    /** How many of the next mirror calls fail as a lost race would (after being recorded). */
    final AtomicInteger failingMirrors = new AtomicInteger();

    @Override
    public MirrorOutcome mirror(MirrorRequest request) {
        record(request);
        RuntimeException failure = mirrorFailure;
        if (failure != null) {
            throw failure;
        }
        if (failingMirrors.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("lost a race; retry");
        }
        return new MirrorOutcome(MirrorDecision.Kind.PLACE, request.leaderQuantity(), null);
    }

    @Override
    public void stopFor(CopyId copyId, io.tandem.contracts.copy.CopyStopReason reason, Instant at) {
        record(new StopFor(copyId, reason, at));
    }

    @Override
    public void stopLoss(CopyId copyId, TradeId triggerTradeId, Cash equity, Instant at) {
        record(new StopLoss(copyId, triggerTradeId, equity, at));
    }

    @Override
    public StopProgress continueStop(CopyId copyId, Symbol retry, Instant at) {
        record(new ContinueStop(copyId, retry, at));
        return stopProgress;
    }

    @Override
    public StopProgress finishStopIfDone(CopyId copyId, Instant at) {
        record(new FinishStop(copyId, at));
        return StopProgress.WAITING;
    }

    <T> List<T> callsOf(Class<T> type) {
        return calls.stream().filter(type::isInstance).map(type::cast).toList();
    }

    void forget() {
        calls.clear();
        threads.clear();
        inUnitOfWork.clear();
    }

    private void record(Object call) {
        calls.add(call);
        threads.add(Thread.currentThread().getName());
        inUnitOfWork.add(CurrentUnitOfWork.isStarted());
    }
}
