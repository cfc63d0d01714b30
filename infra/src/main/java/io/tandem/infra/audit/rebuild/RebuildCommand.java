package io.tandem.infra.audit.rebuild;

import io.tandem.infra.audit.AuditReport;
import io.tandem.infra.audit.Progress;
import io.tandem.infra.audit.RemoteCall;
import io.tandem.infra.audit.ReportCommand;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code audit rebuild --processor NAME [--side-by-side]}: see {@link RebuildService}. */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = "Reset and replay one projection. Side by side: a shadow read model is built under new names while "
                + "the live one keeps serving, then switched to atomically and the old one dropped. Sagas and processes "
                + "with side effects are refused; nothing is pushed or sent during the replay.")
public class RebuildCommand extends ReportCommand {

    @Option(names = "--processor", required = true, paramLabel = "NAME", description = "The projection's processing group (e.g. portfolio).")
    String processor;
    @Option(names = "--side-by-side", description = "Build a shadow and switch, instead of resetting the live processor.")
    boolean sideBySide;

    @Override
    protected AuditReport runLocally(ApplicationContext context, Progress progress) {
        return context.getBean(RebuildService.class).rebuild(processor, sideBySide, progress);
    }

    @Override
    protected RemoteCall remoteCall() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("processor", processor);
        body.put("sideBySide", sideBySide);
        return RemoteCall.job(RebuildController.REBUILD, audit().json().valueToTree(body).toString());
    }
}
