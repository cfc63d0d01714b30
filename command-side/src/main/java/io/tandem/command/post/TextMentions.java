package io.tandem.command.post;

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
 */
final class TextMentions {

    static final Pattern SYMBOL = Pattern.compile("(?<![A-Za-z0-9_$])\\$([A-Z](?:[A-Z0-9.]*[A-Z0-9])?)(?![A-Za-z0-9_])");

    private TextMentions() {
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
