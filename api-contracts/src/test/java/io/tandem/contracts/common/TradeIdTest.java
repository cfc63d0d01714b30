package io.tandem.contracts.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TradeIdTest {

    @Test
    void isBuiltFromTheSymbolAndTheBooksTradeNumber() {
        assertThat(TradeId.of(Symbol.of("ACME"), 42)).isEqualTo(TradeId.of("ACME-42"));
    }

    @Test
    void splitsIntoSymbolAndSequenceAtTheLastDash() {
        TradeId id = TradeId.of(Symbol.of("BRK.B"), 7);

        assertThat(id.value()).isEqualTo("BRK.B-7");
        assertThat(id.symbol()).isEqualTo(Symbol.of("BRK.B"));
        assertThat(id.sequence()).isEqualTo(7);
    }

    @Test
    void anIdWithSeveralDashesTakesTheNumberAfterTheLastOne() {
        TradeId id = TradeId.of("trade-a-12");

        assertThat(id.symbol()).isEqualTo(Symbol.of("trade-a"));
        assertThat(id.sequence()).isEqualTo(12);
    }

    @Test
    void keepsItsPlainStringJsonForm() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        TradeId id = TradeId.of(Symbol.of("ACME"), Long.MAX_VALUE);

        String json = mapper.writeValueAsString(id);

        assertThat(json).isEqualTo("\"ACME-" + Long.MAX_VALUE + "\"");
        assertThat(mapper.readValue(json, TradeId.class)).isEqualTo(id);
        assertThat(mapper.readValue(json, TradeId.class).sequence()).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ACME", "ACME-", "-1", " -1", "ACME-0", "ACME-x1", "ACME-+1",
            "ACME-99999999999999999999"})
    void anIdNotOfTheBooksFormCannotBeSplit(String value) {
        TradeId id = TradeId.of(value);

        assertThatThrownBy(id::symbol).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(id::sequence).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesANonPositiveSequenceOrASymbolWithADash() {
        assertThatThrownBy(() -> TradeId.of(Symbol.of("ACME"), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TradeId.of(Symbol.of("AC-ME"), 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
