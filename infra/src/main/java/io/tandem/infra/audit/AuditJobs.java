package io.tandem.infra.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Runs long audit operations (rebuilds, verifications) in the background for the HTTP endpoints:
 * {@link #start} answers at once with the job, whose {@link Job#status() status} and progress the
 * caller polls ({@code GET /api/v1/admin/audit/jobs/{id}}). At most one job of a kind runs at a time;
 * starting a second is refused with 409. Finished jobs are kept (the last {@value #KEPT} of them) so
 * that their reports can still be read.
 * <p>
 * Plugging in an operation: {@code jobs.start("verify-chain", progress -> chainVerifier.verify(progress))}
 * in a controller method that answers {@code 202} with {@link Job#view()}.
 */
@Component
public class AuditJobs {

    static final int KEPT = 50;
    /** How much of a failure's message a job shows (the whole failure goes to the log). */
    static final int DETAIL_LENGTH = 300;
    private static final Logger log = LoggerFactory.getLogger(AuditJobs.class);

    /** Where a job is. */
    public enum Status { RUNNING, DONE, FAILED }

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, String> runningByKind = new ConcurrentHashMap<>();
    private final Clock clock;

    public AuditJobs(Clock clock) {
        this.clock = clock;
    }

    /**
     * Starts {@code work} on a thread of its own.
     *
     * @throws AuditRefusal (CONFLICT) when a job of the same kind is still running
     */
    public Job start(String kind, Function<Progress, AuditReport> work) {
        String id = UUID.randomUUID().toString();
        if (runningByKind.putIfAbsent(kind, id) != null) {
            throw new AuditRefusal(AuditRefusal.Kind.CONFLICT, "AUDIT_ALREADY_RUNNING",
                    "A " + kind + " job is already running (" + runningByKind.get(kind) + ")");
        }
        Job job = new Job(id, kind, clock.instant());
        jobs.put(id, job);
        forgetOldJobs();
        Thread thread = new Thread(() -> {
            try {
                job.finish(work.apply(job), null, clock.instant());
            } catch (RuntimeException | Error e) {
                if (!(e instanceof AuditRefusal)) {
                    log.warn("Audit job {} ({}) failed", id, kind, e);
                }
                job.finish(null, e, clock.instant());
            } finally {
                runningByKind.remove(kind, id);
            }
        }, "audit-" + kind);
        thread.setDaemon(true);
        thread.start();
        return job;
    }

    /**
     * {@code text} (an exception's message, which may quote another exception, a document or a stack trace) fit to
     * show: its first line only, whitespace collapsed, at most {@value #DETAIL_LENGTH} characters.
     */
    public static String brief(String text) {
        if (text == null) {
            return null;
        }
        int lineEnd = text.indexOf('\n');
        String line = lineEnd < 0 ? text : text.substring(0, lineEnd);
        // cut before collapsing the whitespace: a long line (a document quoted whole) is not scanned whole
        boolean cut = line.length() > 4 * DETAIL_LENGTH;
        line = (cut ? line.substring(0, 4 * DETAIL_LENGTH) : line).replaceAll("\\s+", " ").strip();
        return line.length() <= DETAIL_LENGTH && !cut ? line
                : line.substring(0, Math.min(line.length(), DETAIL_LENGTH - 15)) + "... (truncated)";
    }

    public Optional<Job> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    private void forgetOldJobs() {
        if (jobs.size() <= KEPT) {
            return;
        }
        jobs.values().stream()
                .filter(job -> job.status() != Status.RUNNING)
                .sorted((a, b) -> a.started.compareTo(b.started))
                .limit(jobs.size() - KEPT)
                .forEach(job -> jobs.remove(job.id));
    }

    /** One run; its progress is updated by the working thread and read by pollers. */
    public static final class Job implements Progress {

        private final String id;
        private final String kind;
        private final Instant started;
        private volatile String phase = "starting";
        private volatile long done;
        private volatile long total;
        private volatile Status status = Status.RUNNING;
        private volatile AuditReport report;
        private volatile Throwable failure;
        private volatile Instant finished;

        Job(String id, String kind, Instant started) {
            this.id = id;
            this.kind = kind;
            this.started = started;
        }

        @Override
        public void phase(String name, long total) {
            this.phase = name;
            this.total = total;
            this.done = 0;
        }

        @Override
        public void done(long units) {
            this.done = units;
        }

        void finish(AuditReport report, Throwable failure, Instant at) {
            this.report = report;
            this.failure = failure;
            this.finished = at;
            this.status = failure == null ? Status.DONE : Status.FAILED;
        }

        public String id() {
            return id;
        }

        public Status status() {
            return status;
        }

        /** What {@code GET /api/v1/admin/audit/jobs/{id}} answers. */
        public JobView view() {
            AuditReport finishedReport = report;
            Throwable error = failure;
            return new JobView(id, kind, status, started, finished, new JobView.Phase(phase, done, total),
                    finishedReport == null ? null : finishedReport.ok(), finishedReport,
                    finishedReport == null ? null : finishedReport.human(),
                    error == null ? null : error instanceof AuditRefusal refusal ? refusal.code() : "FAILED",
                    error == null ? null : brief(error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage()));
        }
    }

    /**
     * A job as the endpoint shows it. {@code ok}, {@code report} and {@code human} are set once it is
     * {@code DONE}; {@code error} (a code) and {@code detail} once it has {@code FAILED}.
     */
    public record JobView(String jobId, String kind, Status status, Instant started, Instant finished, Phase progress,
                          Boolean ok, AuditReport report, String human, String error, String detail) {

        /** The current phase: its name, units done and total units (0 when unknown). */
        public record Phase(String phase, long done, long total) {
        }
    }
}
