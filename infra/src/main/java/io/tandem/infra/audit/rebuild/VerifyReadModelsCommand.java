package io.tandem.infra.audit.rebuild;

import io.tandem.infra.audit.AuditReport;
import io.tandem.infra.audit.Progress;
import io.tandem.infra.audit.RemoteCall;
import io.tandem.infra.audit.ReportCommand;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine.Command;

/** {@code audit verify read-models}: see {@link ReadModelVerifier}. */
@Command(name = "read-models", mixinStandardHelpOptions = true,
        description = "Rebuild every projection into a shadow and diff it against the live read model, listing the first "
                + "differences per read model.")
public class VerifyReadModelsCommand extends ReportCommand {

    @Override
    protected AuditReport runLocally(ApplicationContext context, Progress progress) {
        return context.getBean(ReadModelVerifier.class).verify(progress);
    }

    @Override
    protected RemoteCall remoteCall() {
        return RemoteCall.job(RebuildController.VERIFY, "{}");
    }
}
