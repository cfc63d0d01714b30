package io.tandem.contracts.orderbook;

import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TandemException;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What an instrument is and how its numbers are scaled. Prices travel as whole ticks and quantities
 * as whole lots; this record is the only place that converts them to and from decimals, and it
 * refuses (never rounds) a decimal that is not a whole number of ticks or lots.
 *
 * @param maxOrderQuantity  largest quantity one order may have
 * @param maxOrderNotional  largest notional (price x quantity) one order may have
 * @param marketCollarRate  market orders trade only within this fraction of the last price
 * @param minOrderNotional  smallest notional one order may have (checked like the maximum: at the
 *                          limit price, or a market order's protection price, times the order's
 *                          total quantity). Null means {@link #DEFAULT_MIN_ORDER_NOTIONAL} (or
 *                          {@code maxOrderNotional} when that is smaller): specs
 *                          listed before the minimum existed (revision 1 of
 *                          {@link InstrumentListedEvent}) have none in their payload and read as
 *                          that default. It keeps orders whose whole notional is a fraction of a
 *                          cent (0.0001 share at 10.00) out of the book: rounded up for the buyer
 *                          and down for the seller, such an order would cost the buyer a cent of
 *                          notional plus a cent of fee while the seller received nothing.
 */
public record InstrumentSpec(Symbol symbol,
                             String name,
                             BigDecimal tickSize,
                             BigDecimal lotSize,
                             BigDecimal makerFeeRate,
                             BigDecimal takerFeeRate,
                             Quantity maxOrderQuantity,
                             Cash maxOrderNotional,
                             BigDecimal marketCollarRate,
                             Cash minOrderNotional) {

    /** The minimum order notional of an instrument listed without one: 1.00. */
    public static final Cash DEFAULT_MIN_ORDER_NOTIONAL = Cash.ofCents(100);

    private static final BigDecimal MAX_FEE_RATE = new BigDecimal("0.1");

    public InstrumentSpec {
        if (minOrderNotional == null) {
            // An instrument listed before the minimum existed with a maximum below 1.00 keeps loading.
            minOrderNotional = maxOrderNotional != null && maxOrderNotional.compareTo(DEFAULT_MIN_ORDER_NOTIONAL) < 0
                    ? maxOrderNotional : DEFAULT_MIN_ORDER_NOTIONAL;
        }
        if (symbol == null || name == null || name.isBlank()) {
            throw invalid("symbol and name are required");
        }
        if (!symbol.value().matches("[A-Z][A-Z0-9.]{0,11}")) {
            throw invalid("symbol must be 1-12 upper-case letters, digits or dots, starting with a letter");
        }
        if (tickSize == null || tickSize.signum() <= 0 || lotSize == null || lotSize.signum() <= 0) {
            throw invalid("tickSize and lotSize must be positive");
        }
        if (!isRate(makerFeeRate) || !isRate(takerFeeRate)) {
            throw invalid("fee rates must be between 0 and " + MAX_FEE_RATE);
        }
        if (maxOrderQuantity == null || !maxOrderQuantity.isPositive()
                || maxOrderNotional == null || !maxOrderNotional.isPositive()) {
            throw invalid("order limits must be positive");
        }
        if (marketCollarRate == null || marketCollarRate.signum() <= 0 || marketCollarRate.compareTo(BigDecimal.ONE) >= 0) {
            throw invalid("marketCollarRate must be between 0 and 1 (exclusive)");
        }
        if (!minOrderNotional.isPositive() || minOrderNotional.compareTo(maxOrderNotional) > 0) {
            throw invalid("minOrderNotional must be positive and at most maxOrderNotional");
        }
    }

    /** A spec with the default minimum order notional ({@link #DEFAULT_MIN_ORDER_NOTIONAL}). */
    public InstrumentSpec(Symbol symbol, String name, BigDecimal tickSize, BigDecimal lotSize, BigDecimal makerFeeRate,
                          BigDecimal takerFeeRate, Quantity maxOrderQuantity, Cash maxOrderNotional,
                          BigDecimal marketCollarRate) {
        this(symbol, name, tickSize, lotSize, makerFeeRate, takerFeeRate, maxOrderQuantity, maxOrderNotional,
                marketCollarRate, null);
    }

    private static boolean isRate(BigDecimal rate) {
        return rate != null && rate.signum() >= 0 && rate.compareTo(MAX_FEE_RATE) <= 0;
    }

    private static TandemException invalid(String message) {
        return new TandemException(ErrorCode.INVALID_INSTRUMENT, message);
    }

    /** The larger of the maker and taker rates: what a buy order reserves for fees up front. */
    public BigDecimal maxFeeRate() {
        return makerFeeRate.max(takerFeeRate);
    }

    /** Parses a decimal price; it must be positive and a whole number of ticks. */
    public Price priceOf(String decimal) {
        BigDecimal value = parse(decimal, "price");
        if (value.signum() <= 0) {
            throw new TandemException(ErrorCode.INVALID_PRICE, "price must be positive");
        }
        return new Price(wholeMultiple(value, tickSize, ErrorCode.INVALID_TICK,
                "price " + decimal + " is not a multiple of the tick size " + tickSize.toPlainString()));
    }

    /** Parses a decimal quantity; it must be positive and a whole number of lots. */
    public Quantity quantityOf(String decimal) {
        BigDecimal value = parse(decimal, "quantity");
        if (value.signum() <= 0) {
            throw new TandemException(ErrorCode.INVALID_QUANTITY, "quantity must be positive");
        }
        return new Quantity(wholeMultiple(value, lotSize, ErrorCode.INVALID_LOT,
                "quantity " + decimal + " is not a multiple of the lot size " + lotSize.toPlainString()));
    }

    public BigDecimal toDecimal(Price price) {
        return tickSize.multiply(BigDecimal.valueOf(price.ticks()));
    }

    public BigDecimal toDecimal(Quantity quantity) {
        return lotSize.multiply(BigDecimal.valueOf(quantity.lots()));
    }

    /** Price as a plain decimal with the tick size's scale, e.g. {@code "10.00"}. */
    public String format(Price price) {
        return toDecimal(price).setScale(Math.max(0, tickSize.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY)
                .toPlainString();
    }

    /** Quantity as a plain decimal without trailing zeros, e.g. {@code "5"} or {@code "0.25"}. */
    public String format(Quantity quantity) {
        BigDecimal value = toDecimal(quantity).stripTrailingZeros();
        return (value.scale() < 0 ? value.setScale(0) : value).toPlainString();
    }

    /**
     * The exact notional of {@code quantity} at {@code price}, in cents (possibly fractional: a
     * fractional share at a cent price is a fraction of a cent). Overflow is an error.
     */
    public BigDecimal notionalCents(Price price, Quantity quantity) {
        long units = Math.multiplyExact(price.ticks(), quantity.lots());
        return BigDecimal.valueOf(units).multiply(tickSize).multiply(lotSize).movePointRight(Cash.SCALE);
    }

    /**
     * Cash a buy order must reserve: its notional at the limit price rounded up to a cent, plus the
     * fee at the larger fee rate on the exact notional, rounded up. Because trades execute at the
     * maker's price (never above a buy limit) and settlement rounds cumulatively per order, the sum
     * of everything the order's fills take never exceeds this.
     */
    public Cash buyReservation(Price limit, Quantity quantity) {
        BigDecimal notional = notionalCents(limit, quantity);
        return new Cash(Math.addExact(ceilCents(notional), ceilCents(notional.multiply(maxFeeRate()))));
    }

    /** Price protection for a market buy: the last price plus the collar, rounded down to a tick. */
    public Price marketBuyLimit(Price lastPrice) {
        BigDecimal bound = BigDecimal.valueOf(lastPrice.ticks()).multiply(BigDecimal.ONE.add(marketCollarRate));
        return new Price(Math.max(1, bound.setScale(0, RoundingMode.FLOOR).longValueExact()));
    }

    /** Price protection for a market sell: the last price minus the collar, rounded up to a tick. */
    public Price marketSellLimit(Price lastPrice) {
        BigDecimal bound = BigDecimal.valueOf(lastPrice.ticks()).multiply(BigDecimal.ONE.subtract(marketCollarRate));
        return new Price(Math.max(1, bound.setScale(0, RoundingMode.CEILING).longValueExact()));
    }

    /** Rounds a non-negative amount of cents up to a whole cent. */
    public static long ceilCents(BigDecimal cents) {
        return cents.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** Rounds a non-negative amount of cents down to a whole cent. */
    public static long floorCents(BigDecimal cents) {
        return cents.setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    private static BigDecimal parse(String decimal, String field) {
        if (decimal == null || decimal.isBlank()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, field + " is required");
        }
        try {
            return new BigDecimal(decimal.trim());
        } catch (NumberFormatException e) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, field + " '" + decimal + "' is not a decimal number");
        }
    }

    private static long wholeMultiple(BigDecimal value, BigDecimal unit, ErrorCode code, String message) {
        BigDecimal[] qr = value.divideAndRemainder(unit);
        if (qr[1].signum() != 0) {
            throw new TandemException(code, message);
        }
        try {
            return qr[0].longValueExact();
        } catch (ArithmeticException e) {
            throw new TandemException(ErrorCode.AMOUNT_TOO_LARGE, message + " (too large)");
        }
    }
}
