package io.tandem.projection.support;

import io.tandem.contracts.account.AccountOpenedEvent;
import io.tandem.contracts.account.CashAdjustedEvent;
import io.tandem.contracts.common.*;
import io.tandem.contracts.portfolio.AccountView;
import io.tandem.contracts.portfolio.FindAccountQuery;
import io.tandem.projection.portfolio.AccountProjector;
import io.tandem.contracts.portfolio.FindOrdersQuery;
import io.tandem.contracts.portfolio.OrderPage;
import io.tandem.projection.portfolio.AccountQueryHandler;
import io.tandem.projection.portfolio.OrderQueryHandler;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives a projector and its query handler through Axon's annotation adapters rather than direct
 * calls, so that the event sequence number really reaches the handlers and a null answer really
 * travels through the query gateway.
 */
class AxonWiringTest extends MongoReadModelTest {

    private static final AccountId ALICE = AccountId.of("acc-alice");

    private static GenericDomainEventMessage<Object> domainEvent(long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Account", ALICE.value(), sequence, payload);
    }

    @Test
    void theAggregateSequenceNumberGuardsAgainstRedelivery() throws Exception {
        var adapter = new AnnotationEventHandlerAdapter(new AccountProjector(database));
        var gateway = gatewayFor(new AccountQueryHandler(database, new InstrumentFormats(database)));

        adapter.handle(domainEvent(0, new AccountOpenedEvent(ALICE, UserId.of("alice"), AccountType.TRADING)));
        var deposit = domainEvent(1, new CashAdjustedEvent(ALICE, AdjustmentId.of("a"), Cash.parse("5.00"), "x", UserId.of("admin")));
        adapter.handle(deposit);
        adapter.handle(deposit);

        AccountView view = gateway.query(new FindAccountQuery(ALICE), ResponseTypes.instanceOf(AccountView.class)).join();
        assertThat(view.cash().available()).isEqualTo("5.00");
    }

    @Test
    void axonsResetReachesTheResetHandler() throws Exception {
        var adapter = new AnnotationEventHandlerAdapter(new AccountProjector(database));
        adapter.handle(domainEvent(0, new AccountOpenedEvent(ALICE, UserId.of("alice"), AccountType.TRADING)));

        adapter.prepareReset();

        assertThat(database.getCollection(ReadModelCollections.ACCOUNTS).countDocuments()).isZero();
    }

    @Test
    void anUnknownAccountTravelsAsNullThroughTheGateway() {
        var gateway = gatewayFor(new AccountQueryHandler(database, new InstrumentFormats(database)));

        assertThat(gateway.query(new FindAccountQuery(AccountId.of("nobody")), ResponseTypes.instanceOf(AccountView.class)).join())
                .isNull();
    }

    @Test
    void aRefusalFromAQueryHandlerReachesTheCallerWithItsCode() {
        var gateway = gatewayFor(new OrderQueryHandler(database, new InstrumentFormats(database)));

        var answer = gateway.query(new FindOrdersQuery(ALICE, null, 10, "forged!"), ResponseTypes.instanceOf(OrderPage.class));

        assertThat(answer).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .havingRootCause().isInstanceOfSatisfying(TandemException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST));
    }

    private static QueryGateway gatewayFor(Object handler) {
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(handler).subscribe(bus);
        return DefaultQueryGateway.builder().queryBus(bus).build();
    }
}
