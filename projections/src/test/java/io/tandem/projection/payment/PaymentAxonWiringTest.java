package io.tandem.projection.payment;

import io.tandem.contracts.payment.FindPaymentQuery;
import io.tandem.contracts.payment.PaymentDirection;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.contracts.payment.PaymentInitiatedEvent;
import io.tandem.contracts.payment.PaymentView;
import io.tandem.projection.support.MongoReadModelTest;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.Test;

import static io.tandem.projection.payment.PaymentEvents.*;
import static io.tandem.projection.support.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the payments projector and its query handler through Axon's annotation adapters, so that
 * the Payment aggregate's sequence number really reaches the handlers and a null answer really
 * travels through the query gateway.
 */
class PaymentAxonWiringTest extends MongoReadModelTest {

    private static final PaymentId PAY = PaymentId.of("pay-1");

    private static GenericDomainEventMessage<Object> paymentEvent(long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Payment", PAY.value(), sequence, payload);
    }

    private QueryGateway gateway() {
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(new PaymentQueryHandler(database)).subscribe(bus);
        return DefaultQueryGateway.builder().queryBus(bus).build();
    }

    @Test
    void thePaymentSequenceNumberGuardsAgainstRedelivery() throws Exception {
        var adapter = new AnnotationEventHandlerAdapter(new PaymentProjector(database));
        adapter.handle(paymentEvent(0, deposit("pay-1", "10.00", T0)));
        var initiated = paymentEvent(1, new PaymentInitiatedEvent(PAY, ALICE, PaymentDirection.DEPOSIT, "sim-1", T0.plusSeconds(1)));
        adapter.handle(initiated);
        adapter.handle(initiated);

        PaymentView view = gateway().query(new FindPaymentQuery(PAY), ResponseTypes.instanceOf(PaymentView.class)).join();

        assertThat(view.status()).isEqualTo("PENDING");
        assertThat(database.getCollection(ReadModelCollections.PAYMENTS).find().first()
                .getList(PaymentDocuments.HISTORY, Object.class)).hasSize(2);
    }

    @Test
    void axonsResetReachesTheResetHandler() throws Exception {
        var adapter = new AnnotationEventHandlerAdapter(new PaymentProjector(database));
        adapter.handle(paymentEvent(0, deposit("pay-1", "10.00", T0)));

        adapter.prepareReset();

        assertThat(database.getCollection(ReadModelCollections.PAYMENTS).countDocuments()).isZero();
    }

    @Test
    void anUnknownPaymentTravelsAsNullThroughTheGateway() {
        assertThat(gateway().query(new FindPaymentQuery(PaymentId.of("nope")), ResponseTypes.instanceOf(PaymentView.class)).join())
                .isNull();
    }
}
