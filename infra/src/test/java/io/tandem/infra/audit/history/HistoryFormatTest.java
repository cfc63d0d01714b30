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
        assertThat(HistoryFormat.quote("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(HistoryFormat.quote("@user")).isEqualTo("'@user");
        assertThat(HistoryFormat.quote("-1+2")).isEqualTo("'-1+2");
    }

    @Test
    void formatsAreNamedInAnyCaseAndJsonLinesIsTheDefault() {
        assertThat(HistoryFormat.parse("CSV")).isEqualTo(HistoryFormat.CSV);
        assertThat(HistoryFormat.parse(null)).isEqualTo(HistoryFormat.JSONL);
        assertThatThrownBy(() -> HistoryFormat.parse("xml")).isInstanceOf(IllegalArgumentException.class);
    }
}
