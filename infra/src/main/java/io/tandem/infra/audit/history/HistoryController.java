package io.tandem.infra.audit.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.infra.audit.AuditRefusal;
import io.tandem.infra.audit.AuditTimes;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * {@code GET /api/v1/admin/audit/aggregates/{id}/history?from=&to=&format=jsonl|csv} (admin only):
 * the aggregate's events, streamed as they are read. An unknown aggregate is 404 AGGREGATE_NOT_FOUND,
 * checked before the stream starts.
 */
@RestController
@ConditionalOnWebApplication
@Tag(name = "admin")
public class HistoryController {

    private final HistoryService history;
    private final ObjectMapper json;

    public HistoryController(HistoryService history, ObjectMapper json) {
        this.history = history;
        this.json = json;
    }

    @GetMapping("/api/v1/admin/audit/aggregates/{aggregateId}/history")
    @Operation(summary = "Every event of one aggregate, as JSON lines or CSV (ADMIN)")
    public ResponseEntity<StreamingResponseBody> history(@PathVariable String aggregateId,
                                                         @RequestParam(required = false) String from,
                                                         @RequestParam(required = false) String to,
                                                         @RequestParam(required = false) String format) {
        HistoryFormat chosen = HistoryFormat.parse(format);
        Instant start = AuditTimes.parse(from, "from");
        Instant end = AuditTimes.parse(to, "to");
        if (!history.exists(aggregateId)) {
            throw AuditRefusal.unknownAggregate(aggregateId);
        }
        StreamingResponseBody body = output -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            chosen.start(out);
            history.forEach(aggregateId, start, end, null, event -> chosen.write(out, event, json));
            out.flush();
        };
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(chosen.mediaType() + ";charset=UTF-8")).body(body);
    }
}
