package io.tandem.projection.copy;

import io.tandem.contracts.common.Side;
import io.tandem.contracts.copy.CopierPage;
import io.tandem.contracts.copy.CopierView;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.CopyPositionView;
import io.tandem.contracts.copy.CopyStopReason;
import io.tandem.contracts.copy.CopyView;
import io.tandem.contracts.copy.FindCopiersQuery;
import io.tandem.contracts.copy.FindCopiesQuery;
import io.tandem.contracts.copy.FindCopyQuery;
import io.tandem.contracts.copy.MirrorCut;
import io.tandem.contracts.copy.SizingMode;
import io.tandem.contracts.ledger.FindLedgerQuery;
import io.tandem.projection.support.MongoReadModelTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tandem.projection.copy.CopyWorld.explanation;
import static org.assertj.core.api.Assertions.assertThat;

class CopyQueryHandlerTest extends MongoReadModelTest {

    private CopyWorld world;

    @BeforeEach
    void setUp() {
        world = new CopyWorld(database);
        world.tradingAccount("alice", "1000.00");
        world.tradingAccount("bob", "1000.00");
    }

    /**
     * 500.00 in; buys 2.5 at 10.00 (25.00) and 0.3333 at 12.01 (4.002933, the buyer pays 4.01), sells 1 at
     * 13.00: cash 483.99, 1.8333 held. Average cost (25000 x 1000 + 3333 x 1201) / 28333 = 1023.645 ticks,
     * unchanged by the sell: 10.24. At the last price 13.00 the position is worth 23.8329 (23.83 shown);
     * equity 483.99 + 23.8329 = 507.8229, rounded down 507.82; pnl 7.82, 1.564% rounded half-even 1.56;
     * unrealized 23.83 - 1.8333 x 10.24 (18.772992, 18.77) = 5.06.
     */
    @Test
    void equityAndPnlValueFractionalLotsAtTheLastPriceAndTheAverageCostSurvivesAPartialSell() {
        CopyId copyId = world.start("alice", "c1", "500.00", SizingMode.PROPORTIONAL, null);
        world.mirror(copyId, "ACME-L1", Side.BUY, "2.5", "10.00",
                explanation("ACME-L1", "10000.00", "500.00", "0.05", "25000", "2.5", MirrorCut.NONE));
        world.mirror(copyId, "ACME-L2", Side.BUY, "0.3333", "12.01",
                explanation("ACME-L2", "10000.00", "475.00", "0.0475", "3333.5", "0.3333", MirrorCut.LOT_SIZE));
        world.mirror(copyId, "ACME-L3", Side.SELL, "1", "13.00",
                explanation("ACME-L3", "10000.00", "480.00", "0.35", "10000", "1", MirrorCut.NONE));
        world.run();

        CopyView view = world.queries.find(new FindCopyQuery(copyId.value(), "alice", false));

        assertThat(view.positions()).containsExactly(new CopyPositionView("ACME", "1.8333", "10.24", "13.00", "23.83", "5.06"));
        assertThat(view.equity()).isEqualTo("507.82");
        assertThat(view.invested()).isEqualTo("500.00");
        assertThat(view.pnl()).isEqualTo("7.82");
        assertThat(view.pnlPercent()).isEqualTo("1.56");
        assertThat(world.ledger.find(new FindLedgerQuery()).balanced()).isTrue();
    }

    /** Buying again after selling everything starts a new average: the old lots left with their cost. */
    @Test
    void aPositionSoldOutAndBoughtAgainHasTheNewBuysAverage() {
        CopyId copyId = world.start("alice", "c1", "500.00", SizingMode.PROPORTIONAL, null);
        world.mirror(copyId, "ACME-L1", Side.BUY, "2", "10.00",
                explanation("ACME-L1", "10000.00", "500.00", "0.05", "20000", "2", MirrorCut.NONE));
        world.mirror(copyId, "ACME-L2", Side.SELL, "2", "11.00",
                explanation("ACME-L2", "10000.00", "500.00", "1", "20000", "2", MirrorCut.WHOLE_POSITION));
        world.mirror(copyId, "ACME-L3", Side.BUY, "1", "12.00",
                explanation("ACME-L3", "10000.00", "502.00", "0.05", "10000", "1", MirrorCut.NONE));
        world.run();

        CopyView view = world.queries.find(new FindCopyQuery(copyId.value(), "alice", false));

        assertThat(view.positions()).containsExactly(new CopyPositionView("ACME", "1", "12.00", "12.00", "12.00", "0.00"));
        assertThat(view.equity()).isEqualTo("502.00");
        assertThat(view.pnlPercent()).isEqualTo("0.40");
    }

    @Test
    void aCopierListsTheirCopiesOfAnAccountNewestFirstAndNobodyElseSeesThem() {
        CopyId first = world.start("alice", "c1", "100.00", SizingMode.PROPORTIONAL, null);
        CopyId second = world.start("alice", "c2", "200.00", SizingMode.PROPORTIONAL, null);
        world.start("bob", "c1", "300.00", SizingMode.PROPORTIONAL, null);
        world.run();

        assertThat(world.queries.find(new FindCopiesQuery("acc-alice", "alice", false)).items())
                .extracting(CopyView::id).containsExactly(second.value(), first.value());
        assertThat(world.queries.find(new FindCopiesQuery("acc-alice", "bob", false)).items()).isEmpty();
        assertThat(world.queries.find(new FindCopiesQuery("acc-alice", "root", true)).items()).hasSize(2);
        assertThat(world.queries.find(new FindCopiesQuery("acc-unknown", "alice", false)).items()).isEmpty();
    }

    @Test
    void theCopiersCountIsPublicAndTheCopiersAreListedOnlyToTheLeaderAndAdmins() {
        world.profile("bob", "bobby");
        CopyId alices = world.start("alice", "c1", "100.00", SizingMode.PROPORTIONAL, null);
        CopyId bobs = world.start("bob", "c1", "100.00", SizingMode.PROPORTIONAL, null);
        world.run();

        CopierPage stranger = world.queries.find(new FindCopiersQuery("lee", "mallory", false, 10, null));
        assertThat(stranger.count()).isEqualTo(2);
        assertThat(stranger.items()).isEmpty();
        assertThat(stranger.hasNextPage()).isFalse();

        CopierPage leader = world.queries.find(new FindCopiersQuery("LEE", "lee", false, 1, null));
        assertThat(leader.count()).isEqualTo(2);
        assertThat(leader.items()).extracting(CopierView::copyId, CopierView::copier, CopierView::copierHandle,
                CopierView::status).containsExactly(org.assertj.core.groups.Tuple.tuple(bobs.value(), "bob", "bobby", "ACTIVE"));
        assertThat(leader.hasNextPage()).isTrue();
        CopierPage next = world.queries.find(new FindCopiersQuery("lee", "lee", false, 1, leader.endCursor()));
        assertThat(next.items()).extracting(CopierView::copier, CopierView::copierHandle)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", null));
        assertThat(next.hasNextPage()).isFalse();

        assertThat(world.queries.find(new FindCopiersQuery("lee", "root", true, 10, null)).items()).hasSize(2);

        world.stopping(alices, CopyStopReason.BY_COPIER);
        world.close(alices, "alice", 2, "100.00", CopyStopReason.BY_COPIER);
        world.run();

        CopierPage afterClose = world.queries.find(new FindCopiersQuery("lee", "lee", false, 10, null));
        assertThat(afterClose.count()).isEqualTo(1);
        assertThat(afterClose.items()).extracting(CopierView::copier).containsExactly("bob");
        assertThat(world.queries.find(new FindCopiersQuery("nobody", "lee", false, 10, null)).count()).isZero();
    }
}
