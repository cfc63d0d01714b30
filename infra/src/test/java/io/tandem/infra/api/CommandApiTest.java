package io.tandem.infra.api;

import io.tandem.command.orderentry.OrderEntry;
import io.tandem.contracts.account.AdjustCashCommand;
import io.tandem.contracts.account.OpenAccountCommand;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.AdjustmentId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.ledger.InstrumentLedgerView;
import io.tandem.contracts.ledger.LedgerView;
import io.tandem.contracts.orderbook.CancelReason;
import io.tandem.contracts.orderbook.Fill;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.OrderResult;
import io.tandem.contracts.orderbook.OrderStatus;
import io.tandem.contracts.orderbook.OrderType;
import io.tandem.contracts.orderbook.TimeInForce;
import io.tandem.infra.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.MediaType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What each endpoint sends to the command side and how it formats the answer. */
class CommandApiTest extends ApiSliceTest {

    private static final Symbol ACME = Symbol.of("ACME");
    private static final InstrumentSpec SPEC = new InstrumentSpec(ACME, "Acme Corp", new BigDecimal("0.01"),
            new BigDecimal("0.0001"), new BigDecimal("0.001"), new BigDecimal("0.002"), Quantity.ofLots(10_000_000_000L),
            Cash.parse("1000000.00"), new BigDecimal("0.10"));
    private static final OrderId ORDER = OrderId.of("acc-1:c1");

    @BeforeEach
    void knownInstrument() {
        when(orderEntry.instrument(ACME)).thenReturn(Optional.of(SPEC));
    }

    private static OrderResult result(OrderStatus status, CancelReason reason, List<Fill> fills) {
        return new OrderResult(ORDER, AccountId.of("acc-1"), ACME, Side.BUY, status, Quantity.ofLots(15_000),
                Quantity.ofLots(10_000), reason, fills);
    }

    @Test
    void placedOrderIsAnsweredInTheInstrumentsDecimalScale() throws Exception {
        when(orderEntry.place(any())).thenReturn(result(OrderStatus.PARTIALLY_FILLED, null,
                List.of(new Fill(TradeId.of("ACME-1"), Price.ofTicks(1000), Quantity.ofLots(10_000)))));

        mvc.perform(post("/api/v1/orders").header(AUTHORIZATION, trader("alice")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"clientOrderId":"c1","accountId":"acc-1","symbol":"ACME","side":"BUY",
                                 "type":"LIMIT","price":"10.00","quantity":"1.5"}"""))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.orderId").value("acc-1:c1"))
                .andExpect(jsonPath("$.status").value("PARTIALLY_FILLED"))
                .andExpect(jsonPath("$.quantity").value("1.5"))
                .andExpect(jsonPath("$.filledQuantity").value("1"))
                .andExpect(jsonPath("$.trades[0].tradeId").value("ACME-1"))
                .andExpect(jsonPath("$.trades[0].price").value("10.00"))
                .andExpect(jsonPath("$.trades[0].quantity").value("1"));
    }

    @Test
    void placeHandsTheCallerAndTheRawDecimalsToOrderEntry() throws Exception {
        when(orderEntry.place(any())).thenReturn(result(OrderStatus.NEW, null, List.of()));
        Instant before = Instant.now();

        mvc.perform(post("/api/v1/orders").header(AUTHORIZATION, trader("alice")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"clientOrderId":"c1","accountId":"acc-1","symbol":"ACME","side":"BUY",
                                 "type":"LIMIT","price":"10.00","quantity":"1.5"}"""))
                .andExpect(status().isCreated());

        ArgumentCaptor<OrderEntry.PlaceOrder> placed = ArgumentCaptor.forClass(OrderEntry.PlaceOrder.class);
        verify(orderEntry).place(placed.capture());
        OrderEntry.PlaceOrder request = placed.getValue();
        assertThat(request.caller()).isEqualTo(new OrderEntry.Caller(UserId.of("alice"), false));
        assertThat(request).extracting(OrderEntry.PlaceOrder::accountId, OrderEntry.PlaceOrder::clientOrderId,
                        OrderEntry.PlaceOrder::symbol, OrderEntry.PlaceOrder::side, OrderEntry.PlaceOrder::type,
                        OrderEntry.PlaceOrder::price, OrderEntry.PlaceOrder::quantity, OrderEntry.PlaceOrder::timeInForce)
                .containsExactly(AccountId.of("acc-1"), "c1", ACME, Side.BUY, OrderType.LIMIT, "10.00", "1.5", TimeInForce.GTC);
        assertThat(request.now()).isBetween(before, Instant.now());
    }

    @Test
    void cancelAnswersTheCancelledOrder() throws Exception {
        when(orderEntry.cancel(any(), eq(ORDER), any()))
                .thenReturn(result(OrderStatus.CANCELLED, CancelReason.USER_REQUESTED, List.of()));

        mvc.perform(delete("/api/v1/orders/acc-1:c1").header(AUTHORIZATION, trader("alice")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orderId").value("acc-1:c1"))
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.cancelReason").value("USER_REQUESTED"));
    }

    @Test
    void adminCancelIsMarkedAsAdmin() throws Exception {
        when(orderEntry.cancel(any(), eq(ORDER), any()))
                .thenReturn(result(OrderStatus.CANCELLED, CancelReason.USER_REQUESTED, List.of()));

        mvc.perform(delete("/api/v1/orders/acc-1:c1").header(AUTHORIZATION, admin())).andExpect(status().isOk());

        verify(orderEntry).cancel(eq(new OrderEntry.Caller(UserId.of("root"), true)), eq(ORDER), any());
    }

    @Test
    void amendPassesTheNewPriceAndQuantity() throws Exception {
        when(orderEntry.amend(any(), eq(ORDER), eq("9.99"), eq("1.2"), any()))
                .thenReturn(result(OrderStatus.PARTIALLY_FILLED, null, List.of()));

        mvc.perform(patch("/api/v1/orders/acc-1:c1").header(AUTHORIZATION, trader("alice"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"price\":\"9.99\",\"quantity\":\"1.2\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PARTIALLY_FILLED"));
    }

    @Test
    void amendWithNothingToChangeIsMalformed() throws Exception {
        mvc.perform(patch("/api/v1/orders/acc-1:c1").header(AUTHORIZATION, trader("alice"))
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
    }

    @Test
    void listingFillsDefaultLimitsAndParsesSupplyInLots() throws Exception {
        mvc.perform(post("/api/v1/instruments").header(AUTHORIZATION, admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"symbol":"ACME","name":"Acme Corp","tickSize":"0.01","lotSize":"0.0001",
                                 "makerFeeRate":"0.001","takerFeeRate":"0.002","issuerAccountId":"issuer-1",
                                 "supply":"1000000"}"""))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.symbol").value("ACME"));

        verify(instrumentListing).list(eq(SPEC), eq(AccountId.of("issuer-1")), eq(Quantity.ofLots(10_000_000_000L)), any());
    }

    @Test
    void listingRefusesASupplyThatIsNotWholeLots() throws Exception {
        mvc.perform(post("/api/v1/instruments").header(AUTHORIZATION, admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"symbol":"ACME","name":"Acme Corp","tickSize":"0.01","lotSize":"0.0001",
                                 "makerFeeRate":"0.001","takerFeeRate":"0.002","issuerAccountId":"issuer-1",
                                 "supply":"1.00005"}"""))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("INVALID_LOT"));
    }

    @Test
    void openedAccountIsOwnedByTheCaller() throws Exception {
        String body = mvc.perform(post("/api/v1/accounts").header(AUTHORIZATION, trader("alice"))
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();

        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(commandGateway).sendAndWait(sent.capture());
        OpenAccountCommand command = (OpenAccountCommand) sent.getValue();
        assertThat(command.owner()).isEqualTo(UserId.of("alice"));
        assertThat(command.type()).isEqualTo(AccountType.TRADING);
        assertThat(body).isEqualTo("{\"accountId\":\"" + command.accountId().value() + "\"}");
    }

    @Test
    void adjustmentSendsTheCommandAndEchoesTheAmount() throws Exception {
        mvc.perform(post("/api/v1/admin/accounts/acc-1/adjustments").header(AUTHORIZATION, admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"adjustmentId\":\"adj-1\",\"amount\":\"10000\",\"reason\":\"initial deposit\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accountId").value("acc-1"))
                .andExpect(jsonPath("$.adjustmentId").value("adj-1"))
                .andExpect(jsonPath("$.amount").value("10000.00"));

        verify(commandGateway).sendAndWait(new AdjustCashCommand(AccountId.of("acc-1"), AdjustmentId.of("adj-1"),
                Cash.parse("10000.00"), "initial deposit", UserId.of("root")));
    }

    @Test
    void adjustmentWithMoreThanTwoDecimalsIsMalformed() throws Exception {
        mvc.perform(post("/api/v1/admin/accounts/acc-1/adjustments").header(AUTHORIZATION, admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"adjustmentId\":\"adj-1\",\"amount\":\"1.005\",\"reason\":\"x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
    }

    @Test
    void ledgerIsAnsweredFromTheQuerySide() throws Exception {
        LedgerView ledger = new LedgerView("15000.00", "14500.00", "1000.00", "500.00", "3.95",
                List.of(new InstrumentLedgerView("ACME", "1000000", "1000000")), true);
        when(queryGateway.query(any(), any(org.axonframework.messaging.responsetypes.ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(ledger));

        mvc.perform(get("/api/v1/admin/ledger").header(AUTHORIZATION, bearer("root", Role.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cashTotal").value("15000.00"))
                .andExpect(jsonPath("$.adjustmentsTotal").value("14500.00"))
                .andExpect(jsonPath("$.depositsTotal").value("1000.00"))
                .andExpect(jsonPath("$.withdrawalsTotal").value("500.00"))
                .andExpect(jsonPath("$.feesTotal").value("3.95"))
                .andExpect(jsonPath("$.instruments[0].positionsTotal").value("1000000"))
                .andExpect(jsonPath("$.balanced").value(true));
    }
}
