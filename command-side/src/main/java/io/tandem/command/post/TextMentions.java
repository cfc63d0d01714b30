package io.tandem.command.post;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.profile.Handles;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a text mentions, in the order it first mentions it, each once: {@code $SYMBOL}s and
 * {@code @handle}s. A symbol mention is {@code $} and an upper-case letter, then upper-case letters,
 * digits and dots, not ending in a dot (so "$ACME." at the end of a sentence is ACME), not preceded
 * by a word character or {@code $} and not followed by a letter, digit or underscore ("$ACMEx" and
 * "$5" mention nothing). Whether the symbol is listed is the caller's to check.
 * <p>
 * A text mentions at most {@value #MAX_MENTIONS} distinct traders and {@value #MAX_MENTIONS}
 * distinct symbols ({@link #requireWithinLimits}): each mention is a lookup in the request's
 * transaction and a notification, and a post of a thousand characters could otherwise name a
 * hundred traders.
 */
final class TextMentions {

    static final Pattern SYMBOL = Pattern.compile("(?<![A-Za-z0-9_$])\\$([A-Z](?:[A-Z0-9.]*[A-Z0-9])?)(?![A-Za-z0-9_])");

    static final int MAX_MENTIONS = 10;

    private TextMentions() {
    }

    /** Refuses (INVALID_TEXT) a text that mentions more than {@value #MAX_MENTIONS} distinct handles or symbols. */
    static void requireWithinLimits(String field, String text) {
        int handles = handles(text).size();
        if (handles > MAX_MENTIONS) {
            throw new TandemException(ErrorCode.INVALID_TEXT, field + " may mention at most " + MAX_MENTIONS
                    + " distinct @handles (it mentions " + handles + ")");
        }
        int symbols = symbols(text).size();
        if (symbols > MAX_MENTIONS) {
            throw new TandemException(ErrorCode.INVALID_TEXT, field + " may mention at most " + MAX_MENTIONS
                    + " distinct $SYMBOLs (it mentions " + symbols + ")");
        }
    }

    static List<String> symbols(String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = SYMBOL.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return List.copyOf(found);
    }

    /** The handles as written, one per case-insensitive handle (the first spelling). */
    static List<String> handles(String text) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher matcher = Handles.MENTION.matcher(text);
        while (matcher.find()) {
            found.putIfAbsent(Handles.key(matcher.group(1)), matcher.group(1));
        }
        return List.copyOf(found.values());
    }
}
