package io.tandem.infra.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Points in time as commands and endpoints take them: an ISO instant ({@code 2026-12-03T14:02:00Z}),
 * a date-time with an offset ({@code 2026-12-03T15:02:00+01:00}), or a date-time or date without one,
 * read as UTC ({@code 2026-12-03T14:02}, {@code 2026-12-03}).
 */
public final class AuditTimes {

    private AuditTimes() {
    }

    /** The instant, or null for null or blank. */
    public static Instant parse(String text, String name) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notLocal) {
                    try {
                        return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
                    } catch (DateTimeParseException notDate) {
                        throw new IllegalArgumentException(name + ": not a time (ISO 8601, e.g. 2026-12-03T14:02:00Z): " + value);
                    }
                }
            }
        }
    }
}
