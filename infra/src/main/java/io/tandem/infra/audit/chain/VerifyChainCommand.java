package io.tandem.infra.audit.chain;

import io.tandem.infra.audit.AuditReport;
import io.tandem.infra.audit.Progress;
import io.tandem.infra.audit.RemoteCall;
import io.tandem.infra.audit.ReportCommand;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code audit verify chain [--catch-up]}: see {@link ChainVerification} and {@link ChainWriter#catchUp}. */
@Command(name = "chain", mixinStandardHelpOptions = true,
        description = "Tamper evidence: recompute every event's hash over its content and its stream's previous hash, and "
                + "the sealed global checkpoints; report the first altered, removed or inserted event with its position.")
public class VerifyChainCommand extends ReportCommand {

    @Option(names = "--catch-up", description = "First chain and seal the events not chained yet (a running server does "
            + "it every second; with the server stopped, the newest events may not be).")
    boolean catchUp;

    @Override
    protected AuditReport runLocally(ApplicationContext context, Progress progress) {
        if (catchUp) {
            context.getBean(ChainWriter.class).catchUp(progress);
        }
        return context.getBean(ChainVerification.class).verify(progress);
    }

    @Override
    protected RemoteCall remoteCall() {
        return RemoteCall.job(ChainController.PATH, "{\"catchUp\":" + catchUp + "}");
    }
}
