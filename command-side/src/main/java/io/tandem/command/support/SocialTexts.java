package io.tandem.command.support;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;

/**
 * The one rule set for user-written texts (profile display names and bios, posts, comments):
 * a length in Unicode code points within bounds, and no control characters other than line breaks
 * and tabs in multi-line texts, no bidi overrides or other invisible format characters. A
 * single-line text has no line or paragraph separator (U+2028, U+2029) either. A text that must
 * not be empty must have a character that shows: spaces of any kind and the invisible fillers
 * (Hangul fillers U+115F, U+1160, U+3164, U+FFA0, the blank Braille pattern U+2800) count as blank.
 * A refusal is INVALID_TEXT (422) naming the field.
 */
public final class SocialTexts {

    private SocialTexts() {
    }

    /**
     * Checks {@code text} and answers it unchanged.
     *
     * @param multiLine whether line feeds, carriage returns and tabs are allowed
     */
    public static String require(String field, String text, int minLength, int maxLength, boolean multiLine) {
        if (text == null) {
            if (minLength > 0) {
                throw new TandemException(ErrorCode.INVALID_TEXT, field + " is required");
            }
            return null;
        }
        int length = text.codePointCount(0, text.length());
        if (length < minLength || (minLength > 0 && blank(text))) {
            throw new TandemException(ErrorCode.INVALID_TEXT, field + " must have at least " + minLength + " character"
                    + (minLength == 1 ? "" : "s") + " that are not blank");
        }
        if (length > maxLength) {
            throw new TandemException(ErrorCode.INVALID_TEXT, field + " is longer than " + maxLength + " characters (" + length + ")");
        }
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean lineBreak = c == '\n' || c == '\r' || c == '\t';
            int type = Character.getType(c);
            // FORMAT: bidi overrides and invisible characters that make a text read other than it is
            // (the zero-width joiner of emoji sequences excepted); SURROGATE: a lone half of a pair.
            if ((Character.isISOControl(c) && !(multiLine && lineBreak)) || (type == Character.FORMAT && c != 0x200D)
                    || type == Character.SURROGATE) {
                throw new TandemException(ErrorCode.INVALID_TEXT, field + " contains a control character (U+"
                        + String.format("%04X", c) + ") at position " + text.codePointCount(0, i));
            }
            if (!multiLine && (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR)) {
                throw new TandemException(ErrorCode.INVALID_TEXT, field + " must be a single line but contains a line"
                        + " separator (U+" + String.format("%04X", c) + ") at position " + text.codePointCount(0, i));
            }
            i += Character.charCount(c);
        }
        return text;
    }

    /** Whether nothing in {@code text} shows: only white space, other spaces and invisible fillers. */
    static boolean blank(String text) {
        return text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || isFiller(c));
    }

    private static boolean isFiller(int c) {
        return c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || c == 0x2800;
    }
}
