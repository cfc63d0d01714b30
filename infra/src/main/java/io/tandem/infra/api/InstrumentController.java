package io.tandem.infra.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.command.orderentry.InstrumentListing;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.orderbook.InstrumentSpec;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/** Admin listing of an instrument, its limits and its supply (credited to the issuer account). */
@RestController
@RequestMapping("/api/v1/instruments")
@Tag(name = "instruments")
public class InstrumentController {

    static final String DEFAULT_MAX_ORDER_NOTIONAL = "1000000.00";
    static final String DEFAULT_MARKET_COLLAR_RATE = "0.10";

    private final InstrumentListing listing;
    private final Clock clock;

    public InstrumentController(InstrumentListing listing, Clock clock) {
        this.listing = listing;
        this.clock = clock;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "List an instrument (ADMIN)")
    public ListedResponse list(@Valid @RequestBody ListInstrumentRequest request) {
        InstrumentSpec spec = request.toSpec();
        Quantity supply = spec.quantityOf(request.supply());
        listing.list(spec, AccountId.of(request.issuerAccountId()), supply, clock.instant());
        return new ListedResponse(spec.symbol().value());
    }

    /**
     * Decimals as strings. {@code maxOrderQuantity} defaults to the whole supply,
     * {@code maxOrderNotional} to 1,000,000.00, {@code marketCollarRate} to 10% and
     * {@code minOrderNotional} to 1.00 ({@link InstrumentSpec#DEFAULT_MIN_ORDER_NOTIONAL}).
     */
    public record ListInstrumentRequest(@NotBlank @Size(max = 12) String symbol,
                                        @NotBlank @Size(max = 200) String name,
                                        @NotBlank @PlainDecimal String tickSize,
                                        @NotBlank @PlainDecimal String lotSize,
                                        @NotBlank @PlainDecimal String makerFeeRate,
                                        @NotBlank @PlainDecimal String takerFeeRate,
                                        @NotBlank @Size(max = 64) String issuerAccountId,
                                        @NotBlank @PlainDecimal String supply,
                                        @PlainDecimal String maxOrderQuantity,
                                        @PlainDecimal String maxOrderNotional,
                                        @PlainDecimal String marketCollarRate,
                                        @PlainDecimal String minOrderNotional) {

        InstrumentSpec toSpec() {
            Symbol symbol = Symbol.of(this.symbol.trim());
            Cash notional = Cash.parse(maxOrderNotional == null ? DEFAULT_MAX_ORDER_NOTIONAL : maxOrderNotional);
            InstrumentSpec draft = spec(symbol, Quantity.ofLots(1), notional);
            // The draft only lends its lot arithmetic: quantities must be whole lots before the real spec exists.
            String maxQuantity = maxOrderQuantity == null ? supply : maxOrderQuantity;
            return spec(symbol, draft.quantityOf(maxQuantity), notional);
        }

        private InstrumentSpec spec(Symbol symbol, Quantity maxQuantity, Cash maxNotional) {
            return new InstrumentSpec(symbol, name.trim(),
                    Decimals.parse("tickSize", tickSize),
                    Decimals.parse("lotSize", lotSize),
                    Decimals.parse("makerFeeRate", makerFeeRate),
                    Decimals.parse("takerFeeRate", takerFeeRate),
                    maxQuantity, maxNotional,
                    Decimals.parse("marketCollarRate",
                            marketCollarRate == null ? DEFAULT_MARKET_COLLAR_RATE : marketCollarRate),
                    minOrderNotional == null ? null : Cash.parse(minOrderNotional));
        }
    }

    public record ListedResponse(String symbol) {
    }
}
