package io.tandem.infra.audit.state;

import io.tandem.infra.audit.AuditReport;
import io.tandem.infra.audit.AuditTimes;
import io.tandem.infra.audit.Progress;
import io.tandem.infra.audit.RemoteCall;
import io.tandem.infra.audit.ReportCommand;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** {@code audit state --aggregate ID (--at TIME | --seq N)}: see {@link StateService}. */
@Command(name = "state", mixinStandardHelpOptions = true,
        description = "An aggregate's state folded up to a time or a sequence number, in the shape of its live read "
                + "model, and the events that made it.")
public class StateCommand extends ReportCommand {

    @Option(names = "--aggregate", required = true, paramLabel = "ID", description = "The aggregate's identifier.")
    String aggregateId;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Point point;

    /** Exactly one of the two. */
    static class Point {
        @Option(names = "--at", required = true, paramLabel = "TIME", description = "Up to this time, inclusive (ISO 8601).")
        String at;
        @Option(names = "--seq", required = true, paramLabel = "N", description = "Up to this sequence number, inclusive.")
        Long sequence;
    }

    @Override
    protected AuditReport runLocally(ApplicationContext context, Progress progress) {
        return context.getBean(StateService.class).state(aggregateId, AuditTimes.parse(point.at, "--at"), point.sequence, progress);
    }

    @Override
    protected RemoteCall remoteCall() {
        String query = point.sequence != null ? "seq=" + point.sequence : "at=" + URLEncoder.encode(point.at, StandardCharsets.UTF_8);
        return RemoteCall.get("/api/v1/admin/audit/aggregates/"
                + URLEncoder.encode(aggregateId, StandardCharsets.UTF_8).replace("+", "%20") + "/state?" + query);
    }
}
