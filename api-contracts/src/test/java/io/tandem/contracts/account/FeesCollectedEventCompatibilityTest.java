package io.tandem.contracts.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.TradeId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Fee events stored before fees were collected per batch (revision 1) still read as a run of one trade. */
class FeesCollectedEventCompatibilityTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRevisionOnePayloadReadsAsARunOfOneTrade() throws Exception {
        FeesCollectedEvent event = json.readValue("{\"accountId\":\"platform-fees\",\"tradeId\":\"ACME-3\",\"amount\":4}",
                FeesCollectedEvent.class);

        assertThat(event.firstTradeId()).isNull();
        assertThat(event.first()).isEqualTo(TradeId.of("ACME-3"));
        assertThat(event.tradeId()).isEqualTo(TradeId.of("ACME-3"));
        assertThat(event.amount()).isEqualTo(Cash.ofCents(4));
    }

    @Test
    void aRunSurvivesARoundTrip() throws Exception {
        FeesCollectedEvent run = new FeesCollectedEvent(AccountId.of("platform-fees"), TradeId.of("ACME-9"), Cash.ofCents(12),
                TradeId.of("ACME-4"));

        FeesCollectedEvent read = json.readValue(json.writeValueAsString(run), FeesCollectedEvent.class);

        assertThat(read).isEqualTo(run);
        assertThat(read.first()).isEqualTo(TradeId.of("ACME-4"));
    }
}
