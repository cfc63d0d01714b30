package io.tandem.infra.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.infra.audit.history.HistoryCommand;
import io.tandem.infra.audit.rebuild.RebuildCommand;
import io.tandem.infra.audit.state.StateCommand;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code java -jar tandem.jar audit <command> [options]}: parses the command line (picocli), opens
 * the {@link AuditContext} when the command runs locally, or calls a running server's admin endpoint
 * with {@code --server}, prints the report and answers the exit status ({@link AuditExit}).
 * <p>
 * Arguments {@code --tandem.*=}, {@code --spring.*=}, {@code --axon.*=} and {@code --logging.*=} are
 * Spring properties of the audit context, as they are of the server (the data dir, the profile, the
 * database URL); everything else is picocli's.
 * <p>
 * <b>Adding a command</b>: write a picocli {@code @Command} class extending {@link ReportCommand}
 * (options as {@code @Option} fields; {@code runLocally} gets the bean from the context and calls it
 * with the given {@link Progress}; {@code remoteCall} names the admin endpoint, usually
 * {@link RemoteCall#job}), and add the class to {@code subcommands} below. A verification whose report
 * is not {@link AuditReport#ok() ok} exits with {@link AuditExit#DIFFERENCE}; an {@link AuditRefusal}
 * (or a store held by a running server) with {@link AuditExit#FAILED}; bad arguments with
 * {@link AuditExit#USAGE}.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, version = "tandem audit",
        synopsisSubcommandLabel = "<command>",
        description = "Audit and replay tools over Tandem's event log. Spring properties (--tandem.data-dir=..., "
                + "--spring.profiles.active=distributed) select the stores as for the server.",
        subcommands = {HistoryCommand.class, StateCommand.class, RebuildCommand.class, VerifyCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done; a verification found nothing wrong", "1:a verification found a difference",
                "2:bad usage", "3:the operation could not run (store in use, unknown aggregate, refused)"})
public class AuditCommandLine implements Callable<Integer> {

    private static final String QUIET_MONGO = "--logging.level.de.bwaldvogel.mongo";
    private static final List<String> SPRING_PREFIXES = List.of("--tandem.", "--spring.", "--axon.", "--logging.");

    private final List<String> springArguments;
    private final PrintStream out;
    private final PrintStream err;
    private ConfigurableApplicationContext context;

    AuditCommandLine(List<String> springArguments, PrintStream out, PrintStream err) {
        this.springArguments = springArguments;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code args} (what follows {@code audit}) and answers the exit status. */
    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> spring = new ArrayList<>();
        List<String> picocli = new ArrayList<>();
        for (String argument : args) {
            (SPRING_PREFIXES.stream().anyMatch(argument::startsWith) ? spring : picocli).add(argument);
        }
        AuditCommandLine root = new AuditCommandLine(spring, out, err);
        try {
            CommandLine commandLine = new CommandLine(root)
                    .setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(err, true))
                    .setExecutionExceptionHandler((exception, line, parsed) -> root.failed(exception));
            return commandLine.execute(picocli.toArray(String[]::new));
        } finally {
            root.close();
        }
    }

    /** {@code audit} without a command: the usage, as for any other bad usage. */
    @Override
    public Integer call() {
        new CommandLine(this).usage(err);
        return AuditExit.USAGE;
    }

    /** Where usage and failures go. */
    PrintStream err() {
        return err;
    }

    /** Where commands print their output. */
    public PrintStream standardOutput() {
        return out;
    }

    /** Streams the body of a GET to the server ({@code --server}) to standard output; answers the exit status. */
    public int stream(AuditOptions options, String path) throws java.io.IOException, InterruptedException {
        return new RemoteAudit(options, out, err, Progress.none()).stream(path);
    }

    /** The audit context, opened on first use and closed when the command is done. */
    public synchronized ConfigurableApplicationContext context() {
        if (context == null) {
            SpringApplication application = new SpringApplication(AuditContext.class);
            application.setWebApplicationType(WebApplicationType.NONE);
            application.setBannerMode(Banner.Mode.OFF);
            application.setLogStartupInfo(false);
            application.setRegisterShutdownHook(false);
            Map<String, Object> defaults = new LinkedHashMap<>();
            defaults.put("logging.level.root", "WARN");
            defaults.put("logging.level.io.tandem", "WARN");
            application.setDefaultProperties(defaults);
            List<String> arguments = new ArrayList<>(springArguments);
            // The embedded read-model store warns on every open about index kinds it ignores; the server logs it once.
            if (arguments.stream().noneMatch(argument -> argument.startsWith(QUIET_MONGO + "="))) {
                arguments.add(QUIET_MONGO + "=ERROR");
            }
            // The server's background chainer never runs here: verify chain --catch-up chains on request.
            arguments.add("--tandem.audit.chain.background=false");
            // Standard output is the report's (--json is parsed by scripts): log lines go to standard error.
            if (arguments.stream().noneMatch(argument -> argument.startsWith("--logging.config="))) {
                arguments.add("--logging.config=classpath:audit-logback.xml");
            }
            context = application.run(arguments.toArray(String[]::new));
        }
        return context;
    }

    /** Runs a report command locally or through the server, prints the report and answers the exit status. */
    int execute(ReportCommand command) {
        AuditOptions options = command.options();
        ProgressBar bar = new ProgressBar(err);
        Progress progress = options.progress || System.console() != null ? bar : Progress.none();
        try {
            if (options.server != null) {
                return new RemoteAudit(options, out, err, progress).run(command.remoteCall());
            }
            AuditReport report = command.runLocally(context(), progress);
            bar.end();
            if (options.json) {
                out.println(json().writeValueAsString(Map.of("ok", report.ok(), "report", report)));
            } else {
                out.println(report.human());
            }
            out.flush();
            return report.ok() ? AuditExit.OK : AuditExit.DIFFERENCE;
        } catch (Exception e) {
            bar.end();
            return failed(e);
        }
    }

    /** The JSON mapper of the context when open (the server's configuration), else a plain one. */
    public ObjectMapper json() {
        return context != null ? context.getBean(ObjectMapper.class) : RemoteAudit.JSON;
    }

    /** Reports a failure on standard error and answers its exit status. */
    public int failed(Exception exception) {
        if (exception instanceof CommandLine.ParameterException usage) {
            err.println(usage.getMessage());
            usage.getCommandLine().usage(err);
            return AuditExit.USAGE;
        }
        AuditRefusal refusal = refusalOf(exception);
        if (refusal != null) {
            err.println(refusal.getMessage());
            return AuditExit.FAILED;
        }
        if (isStoreInUse(exception)) {
            err.println("The store is in use by a running server (" + rootMessage(exception) + ").\n"
                    + "Run the command through that server instead: --server http://HOST:PORT --token <ADMIN JWT>");
            return AuditExit.FAILED;
        }
        // An argument the command itself refused (a time, a format); one deeper down is a failure, not bad usage.
        if (exception instanceof IllegalArgumentException usage) {
            err.println(usage.getMessage());
            return AuditExit.USAGE;
        }
        err.println("The operation failed: " + rootMessage(exception));
        return AuditExit.FAILED;
    }

    private static AuditRefusal refusalOf(Throwable error) {
        return causeOf(error, AuditRefusal.class);
    }

    private static <T extends Throwable> T causeOf(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /** H2 refuses a file that another process (a server) holds: error 90020, or MVStore's "file is locked". */
    static boolean isStoreInUse(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == 90020) {
                return true;
            }
            String message = String.valueOf(cause.getMessage());
            if (message.contains("Database may be already in use") || message.contains("The file is locked")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }

    private void close() {
        if (context != null) {
            context.close();
            context = null;
        }
    }
}
