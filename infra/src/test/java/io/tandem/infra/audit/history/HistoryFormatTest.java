package io.tandem.infra.audit.history;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryFormatTest {

    @Test
    void csvFieldsAreQuotedOnlyWhenTheyHoldACommaAQuoteOrALineBreak() {
        assertThat(HistoryFormat.quote("plain")).isEqualTo("plain");
        assertThat(HistoryFormat.quote("{\"a\":1,\"b\":2}")).isEqualTo("\"{\"\"a\"\":1,\"\"b\"\":2}\"");
        assertThat(HistoryFormat.quote("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(HistoryFormat.quote("")).isEqualTo("");
    }

    @Test
    void formatsAreNamedInAnyCaseAndJsonLinesIsTheDefault() {
        assertThat(HistoryFormat.parse("CSV")).isEqualTo(HistoryFormat.CSV);
        assertThat(HistoryFormat.parse(null)).isEqualTo(HistoryFormat.JSONL);
        assertThatThrownBy(() -> HistoryFormat.parse("xml")).isInstanceOf(IllegalArgumentException.class);
    }
}
