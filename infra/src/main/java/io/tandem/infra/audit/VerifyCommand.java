package io.tandem.infra.audit;

import io.tandem.infra.audit.chain.VerifyChainCommand;
import io.tandem.infra.audit.ledger.VerifyLedgerCommand;
import io.tandem.infra.audit.rebuild.VerifyReadModelsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/**
 * {@code audit verify <what>}: the verifications, each a {@link ReportCommand} whose report is not ok
 * when it found a difference (exit status {@link AuditExit#DIFFERENCE}).
 */
@Command(name = "verify", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "<what>",
        description = "Verifications of the event log and what is derived from it.",
        subcommands = {VerifyLedgerCommand.class, VerifyReadModelsCommand.class, VerifyChainCommand.class})
public class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    AuditCommandLine audit;

    /** {@code audit verify} without what to verify: the usage, as for any other bad usage. */
    @Override
    public Integer call() {
        new CommandLine(this).usage(audit.err());
        return AuditExit.USAGE;
    }
}
