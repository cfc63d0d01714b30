package io.tandem.projection.copy;

import io.tandem.contracts.common.Side;
import io.tandem.contracts.copy.CopyExplanationView;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.CopyOrderPage;
import io.tandem.contracts.copy.CopyOrderView;
import io.tandem.contracts.copy.CopyStopReason;
import io.tandem.contracts.copy.CopyView;
import io.tandem.contracts.copy.FindCopyOrdersQuery;
import io.tandem.contracts.copy.FindCopyQuery;
import io.tandem.contracts.copy.MirrorCut;
import io.tandem.contracts.copy.MirrorSkipReason;
import io.tandem.contracts.copy.SizingMode;
import io.tandem.contracts.ledger.FindLedgerQuery;
import io.tandem.contracts.common.TandemException;
import io.tandem.projection.support.MongoReadModelTest;
import io.tandem.projection.support.ProjectionBatches;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tandem.projection.copy.CopyWorld.explanation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CopyProjectorTest extends MongoReadModelTest {

    private CopyWorld world;

    @BeforeEach
    void setUp() {
        world = new CopyWorld(database);
        world.tradingAccount("alice", "1000.00");
    }

    private CopyView copy(CopyId copyId) {
        return world.queries.find(new FindCopyQuery(copyId.value(), "alice", false));
    }

    private void assertLedgerBalanced() {
        assertThat(world.ledger.find(new FindLedgerQuery()).balanced()).as("ledger balanced").isTrue();
    }

    @Test
    void aCopyGoesFromStartThroughPauseFundsChangeAndStoppingToClosed() {
        CopyId copyId = world.start("alice", "c1", "500.00", SizingMode.PROPORTIONAL, null);
        world.run();

        CopyView started = copy(copyId);
        assertThat(started.status()).isEqualTo("ACTIVE");
        assertThat(started.copier()).isEqualTo("alice");
        assertThat(started.fromAccountId()).isEqualTo("acc-alice");
        assertThat(started.leaderHandle()).isEqualTo("Lee");
        assertThat(started.sizing()).isEqualTo("PROPORTIONAL");
        assertThat(started.amountPerTrade()).isNull();
        assertThat(started.stopLossPercent()).isEqualTo("20");
        assertThat(started.stopLossEquity()).isEqualTo("400.00");
        assertThat(started.invested()).isEqualTo("500.00");
        assertThat(started.equity()).isEqualTo("500.00");
        assertThat(started.pnl()).isEqualTo("0.00");
        assertThat(started.pnlPercent()).isEqualTo("0.00");
        assertThat(started.stopReason()).isNull();
        assertThat(started.startedAt()).isNotNull();
        assertThat(started.closedAt()).isNull();
        assertThat(started.positions()).isEmpty();
        assertLedgerBalanced();

        world.pause(copyId);
        world.run();
        assertThat(copy(copyId).status()).isEqualTo("PAUSED");

        world.resume(copyId);
        world.changeFunds(copyId, "alice", 2, "100.00", "600.00", "480.00");
        world.run();
        CopyView funded = copy(copyId);
        assertThat(funded.status()).isEqualTo("ACTIVE");
        assertThat(funded.invested()).isEqualTo("600.00");
        assertThat(funded.stopLossEquity()).isEqualTo("480.00");
        assertThat(funded.equity()).isEqualTo("600.00");
        assertLedgerBalanced();

        world.changeFunds(copyId, "alice", 3, "-50.00", "550.00", "440.00");
        world.stopping(copyId, CopyStopReason.BY_COPIER);
        world.run();
        CopyView stopping = copy(copyId);
        assertThat(stopping.invested()).isEqualTo("550.00");
        assertThat(stopping.equity()).isEqualTo("550.00");
        assertThat(stopping.status()).isEqualTo("STOPPING");
        assertThat(stopping.stopReason()).isEqualTo("BY_COPIER");

        world.close(copyId, "alice", 4, "550.00", CopyStopReason.BY_COPIER);
        world.run();
        CopyView closed = copy(copyId);
        assertThat(closed.status()).isEqualTo("CLOSED");
        assertThat(closed.closedAt()).isNotNull();
        assertThat(closed.stopReason()).isEqualTo("BY_COPIER");
        assertThat(closed.equity()).isEqualTo("0.00");
        assertThat(closed.pnl()).isEqualTo("0.00");
        assertLedgerBalanced();
    }

    @Test
    void aClosedCopysPnlIsWhatItReturnedMinusWhatWasInvested() {
        CopyId copyId = world.start("alice", "c1", "500.00", SizingMode.FIXED_AMOUNT, "50.00");
        world.mirror(copyId, "ACME-L1", Side.BUY, "2", "10.00",
                explanation("ACME-L1", "10000.00", "500.00", "4.9900000000", "20000", "2", MirrorCut.NONE));
        world.stopping(copyId, CopyStopReason.STOP_LOSS);
        world.sell(copyId, "2", "8.00", true);
        world.close(copyId, "alice", 2, "496.00", CopyStopReason.STOP_LOSS);
        world.run();

        CopyView closed = copy(copyId);
        assertThat(closed.amountPerTrade()).isEqualTo("50.00");
        assertThat(closed.status()).isEqualTo("CLOSED");
        assertThat(closed.stopReason()).isEqualTo("STOP_LOSS");
        assertThat(closed.pnl()).isEqualTo("-4.00");
        assertThat(closed.pnlPercent()).isEqualTo("-0.80");
        assertThat(closed.positions()).isEmpty();
        assertThat(world.queries.find(new FindCopyOrdersQuery(copyId.value(), 10, null)).items())
                .extracting(CopyOrderView::kind, CopyOrderView::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("STOP", "FILLED"), org.assertj.core.groups.Tuple.tuple("MIRROR", "FILLED"));
        assertLedgerBalanced();
    }

    @Test
    void ordersAndSkipsArePagedNewestFirstWithTheirExplanationsAndOrderStatus() {
        CopyId copyId = world.start("alice", "c1", "500.00", SizingMode.PROPORTIONAL, null);
        world.mirror(copyId, null, Side.BUY, "1", "10.00",
                explanation(null, "10000.00", "500.00", "0.0500000000", "10000.0000000000", "1", MirrorCut.NONE));
        world.mirror(copyId, "ACME-L1", Side.BUY, "2.5", "10.00",
                explanation("ACME-L1", "10000.00", "490.00", "0.0490000000", "25480.1234567890", "2.548", MirrorCut.LOT_SIZE));
        world.skip(copyId, "ACME-L2", Side.BUY, MirrorSkipReason.ORDER_REFUSED, "INSUFFICIENT_FUNDS",
                explanation("ACME-L2", "10000.00", "465.00", "0.0465000000", "0.4650000000", "0", MirrorCut.LOT_SIZE));
        world.sell(copyId, "1", "11.00", false);
        world.run();

        CopyOrderPage first = world.queries.find(new FindCopyOrdersQuery(copyId.value(), 2, null));
        assertThat(first.items()).extracting(CopyOrderView::kind).containsExactly("CLOSE", "MIRROR");
        assertThat(first.hasNextPage()).isTrue();
        CopyOrderView close = first.items().get(0);
        assertThat(close.side()).isEqualTo("SELL");
        assertThat(close.quantity()).isEqualTo("1");
        assertThat(close.status()).isEqualTo("FILLED");
        assertThat(close.filledQuantity()).isEqualTo("1");
        assertThat(close.explanation()).isNull();
        assertThat(close.leaderTradeId()).isNull();
        CopyOrderView skip = first.items().get(1);
        assertThat(skip.skipped()).isTrue();
        assertThat(skip.orderId()).isNull();
        assertThat(skip.status()).isNull();
        assertThat(skip.filledQuantity()).isNull();
        assertThat(skip.leaderTradeId()).isEqualTo("ACME-L2");
        assertThat(skip.skipReason()).isEqualTo("ORDER_REFUSED");
        assertThat(skip.skipDetail()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(skip.quantity()).isEqualTo("0");
        assertThat(skip.explanation().rawQuantity()).isEqualTo("0.0000465");

        // a newer entry does not move the page boundary
        world.skip(copyId, "ACME-L3", Side.SELL, MirrorSkipReason.NO_POSITION, null,
                explanation("ACME-L3", "10000.00", "465.00", "0", "0", "0", MirrorCut.NONE));
        world.run();
        CopyOrderPage second = world.queries.find(new FindCopyOrdersQuery(copyId.value(), 2, first.endCursor()));

        assertThat(second.items()).extracting(CopyOrderView::kind).containsExactly("MIRROR", "OPEN_POSITION");
        assertThat(second.hasNextPage()).isFalse();
        CopyOrderView mirror = second.items().get(0);
        assertThat(mirror.leaderTradeId()).isEqualTo("ACME-L1");
        assertThat(mirror.skipped()).isFalse();
        assertThat(mirror.orderId()).isEqualTo("o-2");
        assertThat(mirror.quantity()).isEqualTo("2.548");
        assertThat(mirror.status()).isEqualTo("FILLED");
        assertThat(mirror.filledQuantity()).isEqualTo("2.5");
        assertThat(mirror.explanation()).isEqualTo(new CopyExplanationView("10000.00", "490.00", "0.0490000000",
                "2.5480123456789", "2.548", "LOT_SIZE"));
        CopyOrderView open = second.items().get(1);
        assertThat(open.leaderTradeId()).isNull();
        assertThat(open.explanation().ratio()).isEqualTo("0.0500000000");

        assertThat(world.queries.find(new FindCopyOrdersQuery(copyId.value(), 10, null)).items()).hasSize(5)
                .first().extracting(CopyOrderView::skipReason).isEqualTo("NO_POSITION");
        assertThatThrownBy(() -> world.queries.find(new FindCopyOrdersQuery(copyId.value(), 2, "bm90LW91cnM")))
                .isInstanceOf(TandemException.class);
    }

    @Test
    void aBatchBuildsWhatOneByOneBuildsAndRedeliveryChangesNothing() {
        CopyId copyId = world.start("alice", "c1", "500.00", SizingMode.PROPORTIONAL, null);
        world.mirror(copyId, "ACME-L1", Side.BUY, "2.5", "10.00",
                explanation("ACME-L1", "10000.00", "500.00", "0.05", "25000", "2.5", MirrorCut.NONE));
        world.mirror(copyId, "ACME-L2", Side.BUY, "0.3333", "12.01",
                explanation("ACME-L2", "10000.00", "475.00", "0.0475", "3333.5", "0.3333", MirrorCut.LOT_SIZE));
        world.mirror(copyId, "ACME-L3", Side.SELL, "1", "13.00",
                explanation("ACME-L3", "10000.00", "480.00", "0.35", "10000", "1", MirrorCut.NONE));
        var events = world.all();

        world.oneByOne(events);
        var oneByOne = withoutProfiles(ProjectionBatches.contents(database));
        CopyView view = copy(copyId);
        database.drop();

        CopyWorld again = new CopyWorld(database);
        again.tradingAccount("alice", "1000.00");
        again.inOneBatch(events);
        again.inOneBatch(events);

        // profiles differ in field order only: a batch recounts their counts at its end
        assertThat(withoutProfiles(ProjectionBatches.contents(database))).isEqualTo(oneByOne);
        assertThat(again.queries.find(new FindCopyQuery(copyId.value(), "alice", false))).isEqualTo(view);
        assertThat(view.positions()).hasSize(1);
    }

    private static java.util.Map<String, List<String>> withoutProfiles(java.util.Map<String, List<String>> contents) {
        contents.remove("profiles");
        return contents;
    }

    @Test
    void onlyTheCopierOrAnAdminReadsACopy() {
        CopyId copyId = world.start("alice", "c1", "500.00", SizingMode.PROPORTIONAL, null);
        world.run();

        assertThat(world.queries.find(new FindCopyQuery(copyId.value(), "bob", false))).isNull();
        assertThat(world.queries.find(new FindCopyQuery(copyId.value(), "root", true))).isEqualTo(copy(copyId));
        assertThat(world.queries.find(new FindCopyQuery("copy-unknown", "alice", false))).isNull();
        assertThat(List.of(copy(copyId).id())).containsExactly(copyId.value());
    }
}
