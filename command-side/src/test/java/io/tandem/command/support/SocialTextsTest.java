package io.tandem.command.support;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SocialTextsTest {

    private static void refused(String text, boolean multiLine, String... words) {
        assertThatThrownBy(() -> SocialTexts.require("displayName", text, 1, 60, multiLine))
                .isInstanceOfSatisfying(TandemException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TEXT);
                    assertThat(e.getMessage()).contains(words);
                });
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"2028", "2029"})
    void aSingleLineTextHasNoLineOrParagraphSeparator(String hex) {
        String separator = Character.toString(Integer.parseInt(hex, 16));
        refused("Alice" + separator + "Admin", false, "single line", "U+" + hex);
        assertThat(SocialTexts.require("bio", "Alice" + separator + "Admin", 0, 500, true)).contains(separator);
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"3164", "2800", "115F", "1160", "FFA0", "00A0", "2007", "202F", "3000"})
    void invisibleFillersAndSpacesOfAnyKindAreBlank(String hex) {
        String filler = Character.toString(Integer.parseInt(hex, 16));
        refused(filler.repeat(3), false, "not blank");
        refused(" " + filler + "\n", true, "not blank");
        assertThat(SocialTexts.require("displayName", filler + "x", 1, 60, false)).isEqualTo(filler + "x");
    }

    @Test
    void aBioMayStillBeEmptyAndOrdinaryTextsPass() {
        assertThat(SocialTexts.require("bio", "", 0, 500, true)).isEmpty();
        assertThat(SocialTexts.require("displayName", "Zoë 🚀", 1, 60, false)).isEqualTo("Zoë 🚀");
        refused("   ", false, "not blank");
    }
}
