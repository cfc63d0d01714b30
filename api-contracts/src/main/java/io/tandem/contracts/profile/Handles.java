package io.tandem.contracts.profile;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Trader handles: 3 to 30 characters of {@code [A-Za-z0-9_]}, shown as the trader typed them and
 * unique regardless of case ({@link #key}). A handle mention in a text is {@code @} followed by a
 * handle ({@link #MENTION}).
 */
public final class Handles {

    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 30;
    public static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9_]{" + MIN_LENGTH + "," + MAX_LENGTH + "}");
    /** {@code @handle} not preceded by a handle character (so e-mail addresses are not mentions). */
    public static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9_])@([A-Za-z0-9_]{" + MIN_LENGTH + "," + MAX_LENGTH + "})(?![A-Za-z0-9_])");

    private Handles() {
    }

    public static boolean isValid(String handle) {
        return handle != null && HANDLE.matcher(handle).matches();
    }

    /** The case-insensitive key a handle is unique by. */
    public static String key(String handle) {
        return handle.toLowerCase(Locale.ROOT);
    }
}
