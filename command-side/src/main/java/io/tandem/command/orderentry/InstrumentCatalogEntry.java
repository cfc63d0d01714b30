package io.tandem.command.orderentry;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.orderbook.InstrumentSpec;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * One listed instrument as order entry needs it before an order reaches the book: its spec (to
 * parse and check prices and quantities) and its last traded price (to bound market orders).
 * <p>
 * Decimal settings are kept as the plain decimal text they were listed with, so that the spec read
 * back equals the listed one exactly, scale included.
 */
@Entity
@Table(name = "instrument_catalog")
class InstrumentCatalogEntry {

    private static final int DECIMAL_LENGTH = 48;

    @Id
    @Column(name = "symbol", length = 16)
    private String symbol;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    @Column(name = "tick_size", nullable = false, length = DECIMAL_LENGTH)
    private String tickSize;

    @Column(name = "lot_size", nullable = false, length = DECIMAL_LENGTH)
    private String lotSize;

    @Column(name = "maker_fee_rate", nullable = false, length = DECIMAL_LENGTH)
    private String makerFeeRate;

    @Column(name = "taker_fee_rate", nullable = false, length = DECIMAL_LENGTH)
    private String takerFeeRate;

    @Column(name = "max_order_quantity_lots", nullable = false)
    private long maxOrderQuantityLots;

    @Column(name = "max_order_notional_cents", nullable = false)
    private long maxOrderNotionalCents;

    @Column(name = "market_collar_rate", nullable = false, length = DECIMAL_LENGTH)
    private String marketCollarRate;

    /** Null in rows written before instruments had a minimum: the spec reads it as the default 1.00. */
    @Column(name = "min_order_notional_cents")
    private Long minOrderNotionalCents;

    @Column(name = "issuer_account_id", nullable = false, length = 128)
    private String issuerAccountId;

    @Column(name = "last_price_ticks")
    private Long lastPriceTicks;

    protected InstrumentCatalogEntry() {
        // JPA
    }

    InstrumentCatalogEntry(InstrumentSpec spec, AccountId issuer) {
        this.symbol = spec.symbol().value();
        this.name = spec.name();
        this.tickSize = spec.tickSize().toPlainString();
        this.lotSize = spec.lotSize().toPlainString();
        this.makerFeeRate = spec.makerFeeRate().toPlainString();
        this.takerFeeRate = spec.takerFeeRate().toPlainString();
        this.maxOrderQuantityLots = spec.maxOrderQuantity().lots();
        this.maxOrderNotionalCents = spec.maxOrderNotional().cents();
        this.marketCollarRate = spec.marketCollarRate().toPlainString();
        this.minOrderNotionalCents = spec.minOrderNotional().cents();
        this.issuerAccountId = issuer.value();
    }

    InstrumentSpec spec() {
        return new InstrumentSpec(Symbol.of(symbol), name, new BigDecimal(tickSize), new BigDecimal(lotSize),
                new BigDecimal(makerFeeRate), new BigDecimal(takerFeeRate), Quantity.ofLots(maxOrderQuantityLots),
                Cash.ofCents(maxOrderNotionalCents), new BigDecimal(marketCollarRate),
                minOrderNotionalCents == null ? null : Cash.ofCents(minOrderNotionalCents));
    }

    Optional<Price> lastPrice() {
        return Optional.ofNullable(lastPriceTicks).map(Price::ofTicks);
    }

    void tradedAt(Price price) {
        this.lastPriceTicks = price.ticks();
    }
}
