package io.tandem.command.orderentry;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.orderbook.OrderPlacedEvent;
import io.tandem.contracts.orderbook.OrderResult;
import io.tandem.contracts.orderbook.OrderStatus;
import io.tandem.contracts.orderbook.OrderType;
import io.tandem.contracts.orderbook.TimeInForce;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.UniqueConstraint;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.springframework.data.domain.Persistable;

import java.util.Objects;

/**
 * An order as order entry knows it: who placed it under which client order id, the result of
 * placing it (returned again to a retried request), and its terms as of the last command that went
 * through order entry (the book is the authority; passive fills are not tracked here).
 * <p>
 * The terms it was requested with (price, quantity, time in force) are kept apart from the current
 * ones, which amendments change, so that a retried request can be told from a different order
 * reusing the client order id. Those columns are nullable so that the schema update can add them
 * to existing rows; a row from before them compares only on symbol, side and type.
 * <p>
 * The row is inserted before anything is reserved, so the unique (account, client order id) pair
 * claims the request: a concurrent duplicate fails on the constraint instead of placing twice. A
 * market order's limit price is its protection price (what its reservation was sized for).
 */
@Entity
@Table(name = "order_entry",
        uniqueConstraints = @UniqueConstraint(name = "uk_order_entry_client_order", columnNames = {"account_id", "client_order_id"}))
class OrderEntryRecord implements Persistable<String> {

    @Id
    @Column(name = "order_id", length = 64)
    private String orderId;

    @Column(name = "account_id", nullable = false, length = 128)
    private String accountId;

    @Column(name = "client_order_id", nullable = false, length = OrderEntryService.MAX_CLIENT_ORDER_ID_LENGTH)
    private String clientOrderId;

    @Column(name = "owner_user_id", nullable = false, length = 128)
    private String ownerUserId;

    @Column(name = "symbol", nullable = false, length = 16)
    private String symbol;

    @Enumerated(EnumType.STRING)
    @Column(name = "side", nullable = false, length = 8)
    private Side side;

    @Enumerated(EnumType.STRING)
    @Column(name = "order_type", nullable = false, length = 8)
    private OrderType type;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 20)
    private OrderStatus status;

    @Column(name = "limit_price_ticks")
    private Long limitPriceTicks;

    @Column(name = "quantity_lots", nullable = false)
    private long quantityLots;

    @Column(name = "filled_lots", nullable = false)
    private long filledLots;

    @Column(name = "requested_price_ticks")
    private Long requestedPriceTicks;

    @Column(name = "requested_quantity_lots")
    private Long requestedQuantityLots;

    @Enumerated(EnumType.STRING)
    @Column(name = "time_in_force", length = 8)
    private TimeInForce timeInForce;

    @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
    @Column(name = "result")
    private String result;

    /**
     * On a row rebuilt from the event log ({@link OrderEntryRecordRebuild}): the id of the command
     * that placed the order, which its events carry as their correlation id, so that the placement's
     * own executions can be told from later ones. Null on the rows order entry writes.
     */
    @Column(name = "placing_command_id", length = 64)
    private String placingCommandId;

    @Transient
    private boolean isNew;

    protected OrderEntryRecord() {
        // JPA
    }

    OrderEntryRecord(OrderId orderId, AccountId accountId, String clientOrderId, UserId owner, Symbol symbol,
                     Side side, OrderType type, Price requestedPrice, Price limitPrice, Quantity quantity, TimeInForce timeInForce) {
        this.orderId = orderId.value();
        this.accountId = accountId.value();
        this.clientOrderId = clientOrderId;
        this.ownerUserId = owner.value();
        this.symbol = symbol.value();
        this.side = side;
        this.type = type;
        this.limitPriceTicks = limitPrice == null ? null : limitPrice.ticks();
        this.quantityLots = quantity.lots();
        this.requestedPriceTicks = requestedPrice == null ? null : requestedPrice.ticks();
        this.requestedQuantityLots = quantity.lots();
        this.timeInForce = timeInForce;
        this.isNew = true;
    }

    /** A row rebuilt from the order's placement event, placed by {@code owner} through command {@code placingCommandId}. */
    static OrderEntryRecord rebuilt(OrderPlacedEvent event, UserId owner, String placingCommandId) {
        OrderEntryRecord record = new OrderEntryRecord(event.orderId(), event.accountId(), event.clientOrderId(), owner,
                event.symbol(), event.side(), event.type(), event.type() == OrderType.LIMIT ? event.limitPrice() : null,
                event.limitPrice(), event.quantity(), event.timeInForce());
        record.placingCommandId = Objects.requireNonNull(placingCommandId, "placingCommandId");
        return record;
    }

    /** Whether the row was rebuilt from the event log (rather than written by order entry). */
    boolean rebuilt() {
        return placingCommandId != null;
    }

    /** Whether an event with this correlation id belongs to the command that placed the order. */
    boolean placedInCommand(String commandId) {
        return placingCommandId != null && placingCommandId.equals(commandId);
    }

    /** Rebuild: the order's state on its book after an event. */
    void onBook(OrderStatus status, Quantity filled) {
        this.status = status;
        this.filledLots = filled.lots();
    }

    /** Rebuild: the order's new terms after an amendment. */
    void amended(Price price, Quantity quantity) {
        this.limitPriceTicks = price.ticks();
        this.quantityLots = quantity.lots();
    }

    /** Rebuild: the placement's result as the order's events so far tell it. */
    void placementResult(String resultJson) {
        this.result = resultJson;
    }

    /** Stores what placing the order did; {@code resultJson} is that same result as JSON. */
    void placed(OrderResult placement, String resultJson) {
        this.result = resultJson;
        updated(placement);
    }

    /** Records the order's state after a cancel or an amendment (and its new price, if any). */
    void updated(OrderResult latest, Price newPrice) {
        if (newPrice != null) {
            this.limitPriceTicks = newPrice.ticks();
        }
        updated(latest);
    }

    private void updated(OrderResult latest) {
        this.status = latest.status();
        this.quantityLots = latest.quantity().lots();
        this.filledLots = latest.filledQuantity().lots();
    }

    /**
     * Whether an order request with these terms is the one this order was placed with.
     * {@code requestedPrice} is null for a market order (whose limit price is only its protection price).
     */
    boolean requestedAs(Symbol otherSymbol, Side otherSide, OrderType otherType, Price requestedPrice, Quantity requestedQuantity,
                        TimeInForce otherTimeInForce) {
        if (!symbol.equals(otherSymbol.value()) || side != otherSide || type != otherType) {
            return false;
        }
        if (requestedQuantityLots == null) {
            return true;
        }
        return requestedQuantityLots == requestedQuantity.lots() && timeInForce == otherTimeInForce
                && Objects.equals(requestedPriceTicks, requestedPrice == null ? null : requestedPrice.ticks());
    }

    boolean placedBy(UserId user) {
        return ownerUserId.equals(user.value());
    }

    UserId owner() {
        return UserId.of(ownerUserId);
    }

    OrderId orderId() {
        return OrderId.of(orderId);
    }

    AccountId accountId() {
        return AccountId.of(accountId);
    }

    Symbol symbol() {
        return Symbol.of(symbol);
    }

    Side side() {
        return side;
    }

    OrderType type() {
        return type;
    }

    OrderStatus status() {
        return status;
    }

    Price limitPrice() {
        return limitPriceTicks == null ? null : Price.ofTicks(limitPriceTicks);
    }

    Quantity quantity() {
        return Quantity.ofLots(quantityLots);
    }

    Quantity filled() {
        return Quantity.ofLots(filledLots);
    }

    String result() {
        return result;
    }

    @Override
    public String getId() {
        return orderId;
    }

    /** New rows are persisted (never merged), so that a duplicate order id fails instead of overwriting. */
    @Override
    public boolean isNew() {
        return isNew;
    }
}
