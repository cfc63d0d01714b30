package io.tandem.command.orderentry;

import io.tandem.command.orderentry.OrderEntry.Caller;
import io.tandem.command.orderentry.OrderEntry.PlaceOrder;
import io.tandem.contracts.account.CashReservedEvent;
import io.tandem.contracts.account.OpenAccountCommand;
import io.tandem.contracts.account.TransferInCommand;
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
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Order entry for the copy engine: an order placed inside the caller's request transaction, as the
 * copy engine's (which a COPY account requires), with the usual idempotency by client order id.
 */
@OrderEntrySpringTest
class OrderEntryWithinTransactionTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");
    private static final UserId COPIER = UserId.of("copier");

    @Autowired
    private OrderEntryService orderEntry;
    @Autowired
    private InstrumentListing listing;
    @Autowired
    private RequestTransactions transactions;
    @Autowired
    private CommandGateway commandGateway;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private TransactionTemplate transaction;

    private Symbol symbol;
    private AccountId copyAccount;

    @BeforeEach
    void listAndFund() {
        int n = SEQUENCE.incrementAndGet();
        symbol = Symbol.of("WT" + n);
        AccountId issuer = AccountId.of("wt-issuer-" + n);
        commandGateway.sendAndWait(new OpenAccountCommand(issuer, UserId.of("issuer"), AccountType.TRADING));
        listing.list(new InstrumentSpec(symbol, "Within " + n, new BigDecimal("0.01"), BigDecimal.ONE, new BigDecimal("0.001"),
                new BigDecimal("0.002"), Quantity.ofLots(1_000_000), Cash.ofCents(100_000_000_00L), new BigDecimal("0.10"),
                Cash.ofCents(100)), issuer, Quantity.ofLots(1_000), NOW);
        copyAccount = AccountId.of("wt-copy-" + n);
        commandGateway.sendAndWait(new OpenAccountCommand(copyAccount, COPIER, AccountType.COPY));
        commandGateway.sendAndWait(new TransferInCommand(copyAccount, "funding-" + n, AccountId.of("wt-from-" + n),
                Cash.parse("1000.00"), List.of()));
    }

    private PlaceOrder buy(String quantity) {
        return new PlaceOrder(new Caller(COPIER, false), copyAccount, "m-1", symbol, Side.BUY, OrderType.LIMIT, "10.00", quantity,
                TimeInForce.GTC, NOW);
    }

    @Test
    void anOrderWithinNeedsTheCallersRequestTransaction() {
        assertThatThrownBy(() -> orderEntry.placeWithin(buy("5"), true, null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theCopyEnginesOrderReservesOnTheCopyAccountAndARetryAnswersTheOriginal() {
        OrderResult placed = transactions.inTransaction(() -> orderEntry.placeWithin(buy("5"), true, null));
        OrderResult again = transactions.inTransaction(() -> orderEntry.placeWithin(buy("5.0"), true, null));

        assertThat(placed.status()).isEqualTo(OrderStatus.NEW);
        assertThat(again).isEqualTo(placed);
        assertThat(placed.orderId()).isEqualTo(OrderIds.of(copyAccount, "m-1"));
        List<Object> events = transaction.execute(status -> eventStore.readEvents(copyAccount.value()).asStream()
                .<Object>map(EventMessage::getPayload).toList());
        assertThat(events).filteredOn(CashReservedEvent.class::isInstance).hasSize(1);
        assertThat(refusal(catchThrowable(() -> transactions.inTransaction(() -> orderEntry.placeWithin(buy("6"), true, null)))).code())
                .isEqualTo(ErrorCode.ORDER_CONFLICT);
    }

    @Test
    void anOrderOnACopyAccountFromAnyoneButTheCopyEngineIsRefused() {
        assertThat(refusal(catchThrowable(() -> orderEntry.place(buy("5")))).code()).isEqualTo(ErrorCode.COPY_ACCOUNT_MANAGED);
        assertThat(refusal(catchThrowable(() -> transactions.inTransaction(() -> orderEntry.placeWithin(buy("5"), false, null))))
                .code()).isEqualTo(ErrorCode.COPY_ACCOUNT_MANAGED);
    }

    @Test
    void aSymbolThatNeverTradedHasNoProtectionPrice() {
        assertThat(orderEntry.protectionPrice(symbol, Side.BUY)).isEmpty();
        assertThat(orderEntry.protectionPrice(Symbol.of("NOPE"), Side.SELL)).isEmpty();
    }

    private static TandemException refusal(Throwable thrown) {
        assertThat(thrown).isInstanceOf(TandemException.class);
        return (TandemException) thrown;
    }
}
