package io.tandem.command.orderentry;

import io.tandem.command.orderentry.OrderEntry.Caller;
import io.tandem.command.orderentry.OrderEntry.PlaceOrder;
import io.tandem.contracts.account.AdjustCashCommand;
import io.tandem.contracts.account.CashReservedEvent;
import io.tandem.contracts.account.OpenAccountCommand;
import io.tandem.contracts.common.*;
import io.tandem.contracts.orderbook.*;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Simultaneous requests on one account: none is lost, none is placed twice, none is mistaken for another. */
@OrderEntrySpringTest
class OrderEntryConcurrencyTest {

    private static final int REQUESTS = 4;
    private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");
    private static final UserId BOB = UserId.of("bob");

    @Autowired
    private OrderEntry orderEntry;
    @Autowired
    private InstrumentListing listing;
    @Autowired
    private CommandGateway commandGateway;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private TransactionTemplate transaction;

    private Symbol symbol;
    private AccountId bob;

    @BeforeEach
    void setUp() {
        String n = String.valueOf(System.nanoTime());
        symbol = Symbol.of("C" + n.substring(n.length() - 8));
        AccountId issuer = AccountId.of("issuer-" + n);
        bob = AccountId.of("bob-" + n);
        commandGateway.sendAndWait(new OpenAccountCommand(issuer, UserId.of("issuer"), AccountType.TRADING));
        commandGateway.sendAndWait(new OpenAccountCommand(bob, BOB, AccountType.TRADING));
        commandGateway.sendAndWait(new AdjustCashCommand(bob, AdjustmentId.of("deposit"), Cash.ofCents(1_000_000), "deposit", UserId.of("admin")));
        listing.list(new InstrumentSpec(symbol, "Concurrent", new BigDecimal("0.01"), BigDecimal.ONE, BigDecimal.ZERO,
                BigDecimal.ZERO, Quantity.ofLots(1_000), Cash.ofCents(100_000_00), new BigDecimal("0.1")), issuer, Quantity.ofLots(1_000), NOW);
    }

    private PlaceOrder buy(String clientOrderId) {
        return buy(clientOrderId, "1");
    }

    private PlaceOrder buy(String clientOrderId, String quantity) {
        return new PlaceOrder(new Caller(BOB, false), bob, clientOrderId, symbol, Side.BUY, OrderType.LIMIT, "1.00", quantity,
                TimeInForce.GTC, NOW);
    }

    private List<OrderResult> placeAtOnce(IntFunction<PlaceOrder> request) throws Exception {
        return attemptAtOnce(request).stream().map(OrderResult.class::cast).toList();
    }

    /** Each request's result, or what it was refused with. */
    private List<Object> attemptAtOnce(IntFunction<PlaceOrder> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = IntStream.range(0, REQUESTS)
                    .mapToObj(i -> pool.submit((Callable<Object>) () -> {
                        start.await();
                        try {
                            return orderEntry.place(request.apply(i));
                        } catch (TandemException refusal) {
                            return refusal;
                        }
                    }))
                    .toList();
            start.countDown();
            List<Object> results = new java.util.ArrayList<>();
            for (Future<Object> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private long reservations() {
        return transaction.execute(status -> eventStore.readEvents(bob.value()).asStream()
                .map(EventMessage::getPayload).filter(CashReservedEvent.class::isInstance).count());
    }

    @Test
    void simultaneousOrdersOnOneAccountAreAllPlaced() throws Exception {
        List<OrderResult> results = placeAtOnce(i -> buy("c" + i));

        assertThat(results).extracting(OrderResult::orderId).doesNotHaveDuplicates().hasSize(REQUESTS);
        assertThat(reservations()).isEqualTo(REQUESTS);
    }

    @Test
    void simultaneousRetriesOfOneOrderPlaceItOnce() throws Exception {
        List<OrderResult> results = placeAtOnce(i -> buy("same"));

        assertThat(results).containsOnly(results.get(0));
        assertThat(reservations()).isEqualTo(1);
    }

    @Test
    void simultaneousDifferentOrdersUnderOneClientOrderIdPlaceOneAndRefuseTheOthersAsConflicts() throws Exception {
        List<Object> outcomes = attemptAtOnce(i -> buy("same", String.valueOf(i + 1)));

        assertThat(outcomes).filteredOn(OrderResult.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(TandemException.class::isInstance).hasSize(REQUESTS - 1)
                .allSatisfy(refusal -> assertThat(((TandemException) refusal).code()).isEqualTo(ErrorCode.ORDER_CONFLICT));
        assertThat(reservations()).isEqualTo(1);
    }
}
