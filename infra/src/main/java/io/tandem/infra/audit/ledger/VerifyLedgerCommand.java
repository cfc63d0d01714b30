package io.tandem.infra.audit.ledger;

import io.tandem.infra.audit.AuditReport;
import io.tandem.infra.audit.Progress;
import io.tandem.infra.audit.RemoteCall;
import io.tandem.infra.audit.ReportCommand;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine.Command;

/** {@code audit verify ledger}: see {@link LedgerVerification}. */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "The ledger invariant computed from the event log alone (not the read models): cash and positions "
                + "conserved, every settlement, fee run, transfer and payment matching its cause; per-account and "
                + "per-instrument detail for any difference.")
public class VerifyLedgerCommand extends ReportCommand {

    @Override
    protected AuditReport runLocally(ApplicationContext context, Progress progress) {
        return context.getBean(LedgerVerification.class).verify(progress);
    }

    @Override
    protected RemoteCall remoteCall() {
        return RemoteCall.job(LedgerVerificationController.PATH, "{}");
    }
}
