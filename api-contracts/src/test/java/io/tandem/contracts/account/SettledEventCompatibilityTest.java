package io.tandem.contracts.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TradeId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Settlement events stored before they carried the reservation shortfall (revision 1) read as having none. */
class SettledEventCompatibilityTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRevisionOneBuySettlementReadsWithoutShortfall() throws Exception {
        BuySettledEvent event = json.readValue("""
                {"accountId":"acc-1","tradeId":"ACME-3","orderId":"o-1","symbol":"ACME","quantity":10000,
                 "notional":1000,"fee":2}""", BuySettledEvent.class);

        assertThat(event.shortfall()).isNull();
        assertThat(event.shortfallCents()).isZero();
        assertThat(event.costCents()).isEqualTo(1002);
    }

    @Test
    void aRevisionOneSellSettlementReadsWithoutShortfall() throws Exception {
        SellSettledEvent event = json.readValue("""
                {"accountId":"acc-1","tradeId":"ACME-3","orderId":"o-1","symbol":"ACME","quantity":10000,
                 "notional":1000,"fee":2}""", SellSettledEvent.class);

        assertThat(event.shortfall()).isNull();
        assertThat(event.shortfallLots()).isZero();
    }

    @Test
    void shortfallsSurviveARoundTrip() throws Exception {
        BuySettledEvent buy = new BuySettledEvent(AccountId.of("acc-1"), TradeId.of("ACME-3"), OrderId.of("o-1"),
                Symbol.of("ACME"), Quantity.ofLots(10), Cash.ofCents(140), Cash.ofCents(10), Cash.ofCents(50));
        SellSettledEvent sell = new SellSettledEvent(AccountId.of("acc-1"), TradeId.of("ACME-3"), OrderId.of("o-2"),
                Symbol.of("ACME"), Quantity.ofLots(8), Cash.ofCents(800), Cash.ZERO, Quantity.ofLots(3));

        assertThat(json.readValue(json.writeValueAsString(buy), BuySettledEvent.class)).isEqualTo(buy);
        assertThat(json.readValue(json.writeValueAsString(sell), SellSettledEvent.class)).isEqualTo(sell);
    }
}
