package io.tandem.command.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeenSequencesTest {

    private final SeenSequences seen = new SeenSequences();

    @Test
    void numbersSeenInOrderOnlyMoveTheWatermark() {
        seen.add(1);
        seen.add(2);
        seen.add(3);

        assertThat(seen.watermark()).isEqualTo(3);
        assertThat(seen.pending()).isZero();
        assertThat(seen.contains(2)).isTrue();
        assertThat(seen.contains(4)).isFalse();
    }

    @Test
    void numbersAheadOfAGapWaitAboveTheWatermark() {
        seen.add(1);
        seen.add(4);
        seen.add(3);

        assertThat(seen.watermark()).isEqualTo(1);
        assertThat(seen.pending()).isEqualTo(2);
        assertThat(seen.contains(3)).isTrue();
        assertThat(seen.contains(4)).isTrue();
        assertThat(seen.contains(2)).isFalse();
    }

    @Test
    void closingTheGapCompactsTheWaitingNumbersIntoTheWatermark() {
        seen.add(3);
        seen.add(2);
        seen.add(5);
        seen.add(1);

        assertThat(seen.watermark()).isEqualTo(3);
        assertThat(seen.pending()).isEqualTo(1);
        assertThat(seen.contains(4)).isFalse();
        assertThat(seen.contains(5)).isTrue();
    }

    @Test
    void addingANumberAlreadySeenChangesNothing() {
        seen.add(1);
        seen.add(3);
        seen.add(1);
        seen.add(3);

        assertThat(seen.watermark()).isEqualTo(1);
        assertThat(seen.pending()).isEqualTo(1);
    }

    @Test
    void refusesNumbersBelowOne() {
        assertThatThrownBy(() -> seen.add(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void survivesAJacksonRoundTrip() throws Exception {
        seen.add(1);
        seen.add(2);
        seen.add(7);
        seen.add(5);
        ObjectMapper mapper = new ObjectMapper();

        SeenSequences restored = mapper.readValue(mapper.writeValueAsString(seen), SeenSequences.class);

        assertThat(restored).usingRecursiveComparison().isEqualTo(seen);
        restored.add(3);
        restored.add(4);
        assertThat(restored.watermark()).isEqualTo(5);
        assertThat(restored.pending()).isEqualTo(1);
    }
}
