package io.tandem.infra.audit.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * How {@code history} writes events. {@code jsonl}: one JSON object per line ({@link HistoryEvent} as
 * is). {@code csv}: RFC 4180 with a header line; every field is quoted when it holds a comma, a quote
 * or a line break (quotes doubled), the payload and the other metadata as compact JSON. (No CSV library
 * is on the class path; this is all RFC 4180 asks for.)
 */
public enum HistoryFormat {

    JSONL("application/x-ndjson"),
    CSV("text/csv");

    static final List<String> CSV_HEADER = List.of("globalIndex", "sequenceNumber", "timestamp", "aggregateType",
            "aggregateId", "eventId", "payloadType", "storedRevision", "revision", "who", "correlationId",
            "causationId", "payload", "metadata");

    private final String mediaType;

    HistoryFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** {@code jsonl} or {@code csv}, any case; null or blank is jsonl. */
    public static HistoryFormat parse(String text) {
        if (text == null || text.isBlank()) {
            return JSONL;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("format: must be jsonl or csv, not " + text);
        }
    }

    /** Writes the header (csv only). */
    public void start(Writer out) {
        if (this == CSV) {
            line(out, CSV_HEADER.stream().map(HistoryFormat::quote).toList());
        }
    }

    public void write(Writer out, HistoryEvent event, ObjectMapper json) {
        try {
            if (this == JSONL) {
                out.write(json.writeValueAsString(event));
                out.write('\n');
                return;
            }
            line(out, List.of(Long.toString(event.globalIndex()), Long.toString(event.sequenceNumber()),
                    String.valueOf(event.timestamp()), nullable(event.aggregateType()), nullable(event.aggregateId()),
                    nullable(event.eventId()), nullable(event.payloadType()), nullable(event.storedRevision()),
                    nullable(event.revision()), nullable(event.who()), nullable(event.correlationId()),
                    nullable(event.causationId()), json.writeValueAsString(event.payload()),
                    json.writeValueAsString(event.metadata())).stream().map(HistoryFormat::quote).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.eventId(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nullable(String value) {
        return value == null ? "" : value;
    }

    /**
     * RFC 4180 quoting; and a field a spreadsheet would read as a formula (starting with {@code = + - @},
     * a tab or a carriage return: an id or subject chosen by a client could) gets a leading {@code '}
     * (OWASP's CSV-injection advice). No field written here is a negative number, so none is altered
     * that was meant as one.
     */
    static String quote(String field) {
        if (!field.isEmpty() && "=+-@\t\r".indexOf(field.charAt(0)) >= 0) {
            field = "'" + field;
        }
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    private static void line(Writer out, List<String> fields) {
        try {
            out.write(String.join(",", fields));
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
