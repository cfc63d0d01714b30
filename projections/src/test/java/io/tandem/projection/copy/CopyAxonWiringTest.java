package io.tandem.projection.copy;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.copy.CopierPage;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.CopyList;
import io.tandem.contracts.copy.CopyOrderPage;
import io.tandem.contracts.copy.CopyView;
import io.tandem.contracts.copy.FindCopiersQuery;
import io.tandem.contracts.copy.FindCopiesQuery;
import io.tandem.contracts.copy.FindCopyOrdersQuery;
import io.tandem.contracts.copy.FindCopyQuery;
import io.tandem.contracts.copy.SizingMode;
import io.tandem.projection.support.MongoReadModelTest;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The copy query handler and projectors through Axon's adapters: answers (null ones too) travel the query gateway, resets reach every collection. */
class CopyAxonWiringTest extends MongoReadModelTest {

    private CopyWorld world;
    private QueryGateway gateway;

    @BeforeEach
    void setUp() {
        world = new CopyWorld(database);
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(world.queries).subscribe(bus);
        gateway = DefaultQueryGateway.builder().queryBus(bus).build();
    }

    @Test
    void everyCopyQueryIsAnsweredThroughTheGatewayAndAHiddenCopyIsNull() {
        world.tradingAccount("alice", "1000.00");
        CopyId copyId = world.start("alice", "c1", "500.00", SizingMode.PROPORTIONAL, null);
        world.run();

        assertThat(gateway.query(new FindCopyQuery(copyId.value(), "alice", false), ResponseTypes.instanceOf(CopyView.class)).join()
                .equity()).isEqualTo("500.00");
        assertThat(gateway.query(new FindCopyQuery(copyId.value(), "bob", false), ResponseTypes.instanceOf(CopyView.class)).join())
                .isNull();
        assertThat(gateway.query(new FindCopiesQuery("acc-alice", "alice", false), ResponseTypes.instanceOf(CopyList.class)).join()
                .items()).hasSize(1);
        assertThat(gateway.query(new FindCopyOrdersQuery(copyId.value(), 10, null), ResponseTypes.instanceOf(CopyOrderPage.class))
                .join().items()).isEmpty();
        assertThat(gateway.query(new FindCopiersQuery("lee", "x", false, 10, null), ResponseTypes.instanceOf(CopierPage.class))
                .join().count()).isEqualTo(1);
        assertThat(gateway.query(new FindCopyOrdersQuery(copyId.value(), 10, "forged!"), ResponseTypes.instanceOf(CopyOrderPage.class)))
                .failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingRootCause()
                .isInstanceOfSatisfying(TandemException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST));
    }

    @Test
    void axonsResetClearsTheCopiesGroupsCollections() {
        world.tradingAccount("alice", "1000.00");
        world.start("alice", "c1", "500.00", SizingMode.PROPORTIONAL, null);
        world.run();

        new AnnotationEventHandlerAdapter(world.copies).prepareReset();
        new AnnotationEventHandlerAdapter(world.positions).prepareReset();

        assertThat(database.getCollection(ReadModelCollections.COPIES).countDocuments()).isZero();
        assertThat(database.getCollection(ReadModelCollections.COPY_ORDERS).countDocuments()).isZero();
        assertThat(database.getCollection(ReadModelCollections.COPY_POSITIONS).countDocuments()).isZero();
    }
}
