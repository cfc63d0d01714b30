package io.tandem.infra.audit;

import org.springframework.context.ApplicationContext;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/**
 * An audit command that produces one {@link AuditReport}. A subclass is a picocli {@code @Command}
 * with its own {@code @Option}s; it says how to run locally (with a bean of the audit context) and
 * how to run through a server ({@link RemoteCall}). {@link AuditCommandLine} does the rest: opening
 * the context, the progress bar, human or {@code --json} output, the exit status, refusals.
 */
public abstract class ReportCommand implements Callable<Integer> {

    @Mixin
    protected AuditOptions options;

    /** The command this one is under: {@link AuditCommandLine}, or {@link VerifyCommand} for {@code audit verify ...}. */
    @ParentCommand
    private Object parent;

    /** Runs the operation in the audit context (or a test's server context). */
    protected abstract AuditReport runLocally(ApplicationContext context, Progress progress);

    /** The admin endpoint that runs the same operation in a server. */
    protected abstract RemoteCall remoteCall();

    @Override
    public final Integer call() {
        return audit().execute(this);
    }

    /** The root command (output streams, the audit context). */
    protected AuditCommandLine audit() {
        return parent instanceof VerifyCommand verify ? verify.audit : (AuditCommandLine) parent;
    }

    AuditOptions options() {
        return options;
    }
}
