package io.tandem.command.copy;

import io.tandem.command.copy.CopyEntry.CopyState;
import io.tandem.contracts.account.CashReservedEvent;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.copy.CopyEngine.MirrorOutcome;
import io.tandem.contracts.copy.LeaderTradeMirroredEvent;
import io.tandem.contracts.copy.MirrorDecision.Kind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copy-mirror process may hand the same leader trade to the engine more than once at the same
 * time (a retried batch, a second node): from threads that have no unit of work of their own, exactly
 * one order is placed and every other call is told it was ignored.
 */
@CopySpringTest
class CopyMirrorConcurrencyTest extends CopyWorld {

    private static final int THREADS = 8;

    @Test
    void eightThreadsMirroringOneLeaderTradeIntoOneCopyPlaceExactlyOneOrder() throws Exception {
        CopyState state = startCopy("1000.00");
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<MirrorOutcome>> calls = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return engine.mirror(leaderBuy(state.copyId(), leaderTrade, 100, "10000.00", "1000.00"));
                }));
            }
            go.countDown();
            List<Kind> kinds = new ArrayList<>();
            for (Future<MirrorOutcome> call : calls) {
                kinds.add(call.get().kind());
            }

            assertThat(kinds).filteredOn(Kind.PLACE::equals).hasSize(1);
            assertThat(kinds).filteredOn(Kind.IGNORED::equals).hasSize(THREADS - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(eventsOf(state.copyId().value())).filteredOn(LeaderTradeMirroredEvent.class::isInstance).hasSize(1);
        assertThat(eventsOf(state.copyAccountId().value())).filteredOn(CashReservedEvent.class::isInstance).hasSize(1);
        settle();
        assertThat(position(state.copyAccountId())).isEqualTo(Quantity.ofLots(10));
    }
}
