package io.tandem.infra.audit.rebuild;

import io.tandem.infra.audit.AuditReport;
import io.tandem.infra.audit.Progress;
import io.tandem.infra.audit.RemoteCall;
import io.tandem.infra.audit.ReportCommand;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code audit verify read-models}: see {@link ReadModelVerifier}. */
@Command(name = "read-models", mixinStandardHelpOptions = true,
        description = "Rebuild every projection into a shadow and diff it against the live read model, listing the first "
                + "differences per read model.")
public class VerifyReadModelsCommand extends ReportCommand {

    @Option(names = "--processor", paramLabel = "NAME", description = "Only this projection (repeatable); default: every one.")
    List<String> groups = new ArrayList<>();

    @Override
    protected AuditReport runLocally(ApplicationContext context, Progress progress) {
        ReadModelVerifier verifier = context.getBean(ReadModelVerifier.class);
        return groups.isEmpty() ? verifier.verify(progress) : verifier.verify(groups, progress);
    }

    @Override
    protected RemoteCall remoteCall() {
        return RemoteCall.job(RebuildController.VERIFY, audit().json().valueToTree(Map.of("groups", groups)).toString());
    }
}
