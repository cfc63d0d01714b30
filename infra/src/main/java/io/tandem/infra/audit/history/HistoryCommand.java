package io.tandem.infra.audit.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.infra.audit.AuditCommandLine;
import io.tandem.infra.audit.AuditExit;
import io.tandem.infra.audit.AuditOptions;
import io.tandem.infra.audit.AuditTimes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code audit history --aggregate ID [--from TIME] [--to TIME] [--format jsonl|csv]}: every event of
 * one aggregate on standard output, streamed ({@link HistoryService}, {@link HistoryFormat}). It prints
 * events, not a report, so {@code --json} changes nothing (jsonl is JSON already).
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Every event of one aggregate in sequence order: global index, sequence, time, type, revision, "
                + "payload (upcast to the current revision) and metadata (who, correlation and causation ids).")
public class HistoryCommand implements Callable<Integer> {

    @Mixin
    AuditOptions options;
    @ParentCommand
    AuditCommandLine audit;

    @Option(names = "--aggregate", required = true, paramLabel = "ID", description = "The aggregate's identifier (an account id, a symbol, ...).")
    String aggregateId;
    @Option(names = "--from", paramLabel = "TIME", description = "Only events at or after this time (ISO 8601).")
    String from;
    @Option(names = "--to", paramLabel = "TIME", description = "Only events at or before this time (ISO 8601).")
    String to;
    @Option(names = "--format", paramLabel = "jsonl|csv", defaultValue = "jsonl", description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        try {
            HistoryFormat chosen = HistoryFormat.parse(format);
            Instant start = AuditTimes.parse(from, "--from");
            Instant end = AuditTimes.parse(to, "--to");
            if (options.server != null) {
                return audit.stream(options, path(aggregateId, from, to, chosen));
            }
            HistoryService history = audit.context().getBean(HistoryService.class);
            ObjectMapper json = audit.json();
            Writer out = new BufferedWriter(new OutputStreamWriter(audit.standardOutput(), StandardCharsets.UTF_8));
            boolean[] started = {false};
            history.forEach(aggregateId, start, end, null, event -> {
                if (!started[0]) {
                    chosen.start(out);
                    started[0] = true;
                }
                chosen.write(out, event, json);
            });
            if (!started[0]) {
                chosen.start(out);
            }
            out.flush();
            return AuditExit.OK;
        } catch (Exception e) {
            return audit.failed(e);
        }
    }

    static String path(String aggregateId, String from, String to, HistoryFormat format) {
        StringBuilder path = new StringBuilder("/api/v1/admin/audit/aggregates/")
                .append(URLEncoder.encode(aggregateId, StandardCharsets.UTF_8).replace("+", "%20"))
                .append("/history?format=").append(format.name().toLowerCase());
        if (from != null) {
            path.append("&from=").append(URLEncoder.encode(from, StandardCharsets.UTF_8));
        }
        if (to != null) {
            path.append("&to=").append(URLEncoder.encode(to, StandardCharsets.UTF_8));
        }
        return path.toString();
    }
}
