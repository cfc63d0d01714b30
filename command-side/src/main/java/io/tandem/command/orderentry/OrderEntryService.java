package io.tandem.command.orderentry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.contracts.account.ReserveCashCommand;
import io.tandem.contracts.account.ReservePositionCommand;
import io.tandem.contracts.common.*;
import io.tandem.contracts.orderbook.*;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Order entry in one database transaction per request: Axon's Spring transaction manager joins
 * it, so the account reservation, the order-entry row and the book's events commit or roll back
 * together (a request that lost a race on its account is run again, see
 * {@link RequestTransactions}). Accounts and books are cached; a request that rolls back evicts
 * every aggregate it touched, so no cache gets ahead of the committed events. The book comes last
 * so that an order is matched only once everything before it was accepted.
 */
@Service
public class OrderEntryService implements OrderEntry {

    static final int MAX_CLIENT_ORDER_ID_LENGTH = 64;

    private final OrderEntryRecordRepository orders;
    private final InstrumentCatalog catalog;
    private final CommandDispatch commands;
    private final ObjectMapper objectMapper;
    private final RequestTransactions transactions;

    OrderEntryService(OrderEntryRecordRepository orders, InstrumentCatalog catalog, CommandDispatch commands,
                      ObjectMapper objectMapper, RequestTransactions transactions) {
        this.orders = orders;
        this.catalog = catalog;
        this.commands = commands;
        this.objectMapper = objectMapper;
        this.transactions = transactions;
    }

    /**
     * Places the order, or answers a retried request with the original result; a different request
     * under a client order id already used is refused as {@code ORDER_CONFLICT}. A market order
     * travels with its protection price (the collar around the last price) as its limit price, so
     * the book never lets it trade beyond what was reserved for it. The reservation checks that the
     * caller owns the account, so the caller is the owning user the book's self-trade prevention
     * compares (across all of that user's accounts). A concurrent duplicate loses
     * on the unique client-order-id constraint, which spoils its transaction, so the original is
     * read back in a fresh one.
     */
    @Override
    public OrderResult place(PlaceOrder request) {
        PlaceOrders.validate(request);
        return transactions.retrying(() -> {
            try {
                return transactions.inTransaction(() -> placeOnce(request));
            } catch (DataIntegrityViolationException duplicate) {
                return transactions.inTransaction(() -> orders
                        .findByAccountIdAndClientOrderId(request.accountId().value(), request.clientOrderId())
                        .map(original -> originalResult(original, request))
                        .orElseThrow(() -> new TandemException(ErrorCode.CONCURRENT_MODIFICATION,
                                "client order id " + request.clientOrderId() + " is being placed by a concurrent request")));
            }
        });
    }

    /**
     * Places an order inside the request transaction the caller already runs (a root unit of work
     * of {@link RequestTransactions}), for the copy engine: the copy's decision and its order then
     * commit or roll back together. Same checks, idempotency by (account, client order id) and
     * market protection as {@link #place}; with {@code copyEngine} the reservation is sent as the
     * copy engine's, which a COPY account requires. A concurrent duplicate spoils the transaction
     * on the unique client-order-id constraint; it is reported as CONCURRENT_MODIFICATION so that the
     * caller's {@link RequestTransactions#retrying} runs the whole request again, which then finds
     * the original.
     *
     * @param protectionPrice the protection price a market order is to be placed at, as the caller
     *                        computed it ({@link #protectionPrice}) and sized the order by; null to
     *                        read it now. Ignored for limit orders.
     */
    public OrderResult placeWithin(PlaceOrder request, boolean copyEngine, Price protectionPrice) {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("placeWithin needs the caller's request transaction");
        }
        PlaceOrders.validate(request);
        try {
            return placeOnce(request, copyEngine, protectionPrice);
        } catch (DataIntegrityViolationException duplicate) {
            throw new TandemException(ErrorCode.CONCURRENT_MODIFICATION,
                    "client order id " + request.clientOrderId() + " is being placed by a concurrent request");
        }
    }

    /**
     * The protection price a market order of {@code side} in {@code symbol} would get now: the last
     * price plus (buy) or minus (sell) the instrument's collar; empty when it is unknown or has not
     * traded yet (such a market order is refused with NO_REFERENCE_PRICE).
     */
    public Optional<Price> protectionPrice(Symbol symbol, Side side) {
        return catalog.find(symbol).flatMap(spec -> catalog.lastPrice(symbol)
                .map(last -> side == Side.BUY ? spec.marketBuyLimit(last) : spec.marketSellLimit(last)));
    }

    private OrderResult placeOnce(PlaceOrder request) {
        return placeOnce(request, false, null);
    }

    private OrderResult placeOnce(PlaceOrder request, boolean copyEngine, Price protectionPrice) {
        Optional<OrderEntryRecord> existing = orders.findByAccountIdAndClientOrderId(request.accountId().value(), request.clientOrderId());
        if (existing.isPresent()) {
            return originalResult(existing.get(), request);
        }
        InstrumentSpec spec = catalog.find(request.symbol()).orElseThrow(() -> unknownInstrument(request.symbol()));
        Quantity quantity = spec.quantityOf(request.quantity());
        Price limitPrice = request.type() == OrderType.LIMIT ? spec.priceOf(request.price())
                : protectionPrice != null ? protectionPrice : marketBound(spec, request.side());
        PlaceOrders.checkLimits(spec, limitPrice, quantity);

        OrderId orderId = OrderIds.of(request.accountId(), request.clientOrderId());
        OrderEntryRecord order = orders.saveAndFlush(new OrderEntryRecord(orderId, request.accountId(), request.clientOrderId(),
                request.caller().userId(), request.symbol(), request.side(), request.type(),
                request.type() == OrderType.LIMIT ? limitPrice : null, limitPrice, quantity, request.timeInForce()));
        if (request.side() == Side.BUY) {
            commands.send(new ReserveCashCommand(request.accountId(), request.caller().userId(), orderId, request.symbol(),
                    spec.buyReservation(limitPrice, quantity), copyEngine), ErrorCode.ACCOUNT_NOT_FOUND);
        } else {
            commands.send(new ReservePositionCommand(request.accountId(), request.caller().userId(), orderId, request.symbol(),
                    quantity, copyEngine), ErrorCode.ACCOUNT_NOT_FOUND);
        }
        OrderResult result = bookAnswer(commands.send(new PlaceOrderCommand(request.symbol(), orderId, request.accountId(),
                request.side(), request.type(), limitPrice, quantity, request.timeInForce(), request.now(),
                request.caller().userId(), request.clientOrderId()), ErrorCode.UNKNOWN_INSTRUMENT));
        order.placed(result, toJson(result));
        return result;
    }

    /** Cancels on the order's book; a cancel that lost a race (CONCURRENT_MODIFICATION) is run again, as place and amend are. */
    @Override
    public OrderResult cancel(Caller caller, OrderId orderId, Instant now) {
        return transactions.retrying(() -> transactions.inTransaction(() -> {
            OrderEntryRecord order = ownOrder(caller, orderId);
            requireOpen(order);
            OrderResult result = bookAnswer(onItsBook(order, () -> commands.send(new CancelOrderCommand(order.symbol(),
                    order.orderId(), now), ErrorCode.ORDER_NOT_FOUND)));
            order.updated(result, null);
            return result;
        }));
    }

    /**
     * Reserves what the amended order may need beyond what it holds ({@link AmendReservation}),
     * on behalf of the order's owner (an admin may amend), then amends it on the book. Nothing is
     * released here: any surplus returns when the order closes.
     */
    @Override
    public OrderResult amend(Caller caller, OrderId orderId, String newPrice, String newQuantity, Instant now) {
        if (newPrice == null && newQuantity == null) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "an amendment needs a new price or a new quantity");
        }
        return transactions.retrying(() -> transactions.inTransaction(() -> amendOnce(caller, orderId, newPrice, newQuantity, now)));
    }

    private OrderResult amendOnce(Caller caller, OrderId orderId, String newPrice, String newQuantity, Instant now) {
        OrderEntryRecord order = ownOrder(caller, orderId);
        requireOpen(order);
        if (order.type() != OrderType.LIMIT) {
            throw new TandemException(ErrorCode.INVALID_AMENDMENT, "only limit orders can be amended");
        }
        InstrumentSpec spec = catalog.find(order.symbol()).orElseThrow(() -> unknownInstrument(order.symbol()));
        Price price = newPrice == null ? null : spec.priceOf(newPrice);
        Quantity quantity = newQuantity == null ? null : spec.quantityOf(newQuantity);
        Price effectivePrice = price == null ? order.limitPrice() : price;
        Quantity effectiveQuantity = quantity == null ? order.quantity() : quantity;
        PlaceOrders.checkLimits(spec, effectivePrice, effectiveQuantity);
        reserveForAmendment(order, spec, effectivePrice, effectiveQuantity);
        OrderResult result = bookAnswer(onItsBook(order, () -> commands.send(new AmendOrderCommand(order.symbol(),
                order.orderId(), price, quantity, now), ErrorCode.ORDER_NOT_FOUND)));
        order.updated(result, price);
        return result;
    }

    @Override
    public Optional<InstrumentSpec> instrument(Symbol symbol) {
        return catalog.find(symbol);
    }

    private void reserveForAmendment(OrderEntryRecord order, InstrumentSpec spec, Price newPrice, Quantity newQuantity) {
        if (order.side() == Side.BUY) {
            Cash extra = AmendReservation.extraBuyCash(spec, order.limitPrice(), order.quantity(), order.filled(), newPrice, newQuantity);
            if (extra.isPositive()) {
                commands.send(new ReserveCashCommand(order.accountId(), order.owner(), order.orderId(), order.symbol(), extra),
                        ErrorCode.ACCOUNT_NOT_FOUND);
            }
        } else {
            Quantity extra = AmendReservation.extraSellQuantity(order.quantity(), newQuantity);
            if (extra.isPositive()) {
                commands.send(new ReservePositionCommand(order.accountId(), order.owner(), order.orderId(), order.symbol(), extra),
                        ErrorCode.ACCOUNT_NOT_FOUND);
            }
        }
    }

    private OrderEntryRecord ownOrder(Caller caller, OrderId orderId) {
        Objects.requireNonNull(caller, "caller");
        OrderEntryRecord order = orders.findForUpdate(orderId.value())
                .orElseThrow(() -> TandemException.notFound(ErrorCode.ORDER_NOT_FOUND, orderId));
        if (!caller.admin() && !order.placedBy(caller.userId())) {
            throw TandemException.notFound(ErrorCode.ORDER_NOT_FOUND, orderId);
        }
        return order;
    }

    /**
     * Sends a command about a placed order to its book. A book remembers only its recently closed
     * orders (its state is bounded by open work), so it answers "not found" for an order that closed
     * long ago; order entry placed it, so for the caller it is an order that is no longer open.
     */
    private static OrderResult onItsBook(OrderEntryRecord order, Supplier<OrderResult> command) {
        try {
            return command.get();
        } catch (TandemException refusal) {
            if (refusal.code() == ErrorCode.ORDER_NOT_FOUND) {
                throw new TandemException(ErrorCode.ORDER_NOT_OPEN, "order " + order.orderId() + " is no longer open");
            }
            throw refusal;
        }
    }

    private static void requireOpen(OrderEntryRecord order) {
        if (order.status() != null && !order.status().isOpen()) {
            throw new TandemException(ErrorCode.ORDER_NOT_OPEN, "order " + order.orderId() + " is " + order.status());
        }
    }

    private OrderResult originalResult(OrderEntryRecord order, PlaceOrder request) {
        if (!order.placedBy(request.caller().userId())) {
            throw TandemException.notFound(ErrorCode.ACCOUNT_NOT_FOUND, order.accountId());
        }
        if (!sameRequest(order, request)) {
            throw new TandemException(ErrorCode.ORDER_CONFLICT, "client order id " + request.clientOrderId()
                    + " was already used for a different order (" + order.orderId() + ")");
        }
        try {
            return objectMapper.readValue(order.result(), OrderResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored result of order " + order.orderId() + " is unreadable", e);
        }
    }

    /**
     * Whether the request is the one the order was placed with: same symbol, side, type, time in
     * force, and the same price and quantity as numbers ({@code "9.0"} is {@code "9.00"}). A price
     * or quantity that does not parse for the instrument cannot be the original one.
     */
    private boolean sameRequest(OrderEntryRecord order, PlaceOrder request) {
        if (!order.symbol().equals(request.symbol())) {
            return false;
        }
        InstrumentSpec spec = catalog.find(request.symbol()).orElseThrow(() -> unknownInstrument(request.symbol()));
        try {
            Price price = request.price() == null ? null : spec.priceOf(request.price());
            return order.requestedAs(request.symbol(), request.side(), request.type(), price, spec.quantityOf(request.quantity()),
                    request.timeInForce());
        } catch (TandemException unparsable) {
            return false;
        }
    }

    private Price marketBound(InstrumentSpec spec, Side side) {
        Price last = catalog.lastPrice(spec.symbol()).orElseThrow(() -> new TandemException(ErrorCode.NO_REFERENCE_PRICE,
                spec.symbol() + " has not traded yet; market orders need a last price"));
        return side == Side.BUY ? spec.marketBuyLimit(last) : spec.marketSellLimit(last);
    }

    private String toJson(OrderResult result) {
        try {
            return objectMapper.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the result of order " + result.orderId(), e);
        }
    }

    private static OrderResult bookAnswer(OrderResult result) {
        return Objects.requireNonNull(result, "the order book answered without a result");
    }

    private static TandemException unknownInstrument(Symbol symbol) {
        return new TandemException(ErrorCode.UNKNOWN_INSTRUMENT, "unknown instrument " + symbol);
    }
}
