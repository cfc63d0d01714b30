package io.tandem;

import io.tandem.TandemClient.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application as a separate JVM, for the tests that kill it with SIGKILL and start it again on the
 * same data directory and port ({@link CrashSafetyEndToEndTest}, {@link RebuildCrashEndToEndTest}).
 * Each start writes the application's output to a log of its own, {@code target/<logDir>/<run>-start-<n>.log},
 * and returns once {@code /actuator/health} answers UP. Should the test JVM end early, a shutdown hook
 * kills the application; {@link #close()} (in the test's {@code @AfterEach}) kills it and removes the hook.
 */
final class ForkedApplication implements AutoCloseable {

    static final String HEAP = "-Xmx512m";
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    static final String MAIN_CLASS = TandemApplication.class.getName();

    private final Path dataDir;
    private final String logDir;
    private final List<String> jvmOptions;
    private final List<String> settings;
    private final String run = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    private final int port;
    private final Thread killOnExit = new Thread(this::destroy);
    private int starts;
    private volatile Process app;
    private Path log;

    /**
     * {@code jvmOptions}: after the heap size; {@code settings}: application arguments every start gets,
     * after the port, the data directory, order entry's rate limit off and the banner off.
     */
    ForkedApplication(Path dataDir, String logDir, List<String> jvmOptions, List<String> settings) throws IOException {
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.settings = List.copyOf(settings);
        this.port = freePort();
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts the application with {@code extra} settings for this start only, and waits until it is up. */
    TandemClient start(String... extra) throws IOException {
        Process previous = app;
        // a start while the previous process still runs would share its port and data directory
        assertThat(previous == null || !previous.isAlive())
                .as("the previous process (%s) is still running", previous == null ? null : previous.pid()).isTrue();
        starts++;
        log = Path.of("target", logDir, run + "-start-" + starts + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Daxoniq.update-checker.disabled=true", "-cp", System.getProperty("java.class.path"), MAIN_CLASS,
                "--server.port=" + port, "--tandem.data-dir=" + dataDir, "--tandem.rate-limits.order-entry.enabled=false"));
        command.addAll(settings);
        command.add("--spring.main.banner-mode=off");
        command.addAll(List.of(extra));
        Process started = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        app = started;
        TandemClient client = new TandemClient(port);
        await().atMost(STARTUP_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!started.isAlive()) {
                throw new IllegalStateException("the application exited with " + started.exitValue() + " while starting; see " + log);
            }
            try {
                Response health = client.send("GET", "/actuator/health", null, null, Duration.ofSeconds(5));
                return health.status() == 200 && "UP".equals(health.text("status"));
            } catch (UncheckedIOException notListening) {
                return false;
            }
        });
        return client;
    }

    /** Kills the application with SIGKILL and checks it is gone. */
    void kill() throws InterruptedException {
        Process killed = app;
        long pid = killed.pid();
        killed.destroyForcibly();
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).as("process %d still running after SIGKILL", pid).isTrue();
        assertThat(killed.exitValue()).as("exit status of a process killed by SIGKILL").isEqualTo(128 + 9);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("process %d is gone", pid).isFalse();
    }

    boolean isAlive() {
        Process running = app;
        return running != null && running.isAlive();
    }

    /** The log of the last start. */
    Path log() {
        return log;
    }

    /** The first group of {@code pattern}'s first match in the last start's log (the test fails when there is none). */
    String logged(Pattern pattern) throws IOException {
        Matcher found = pattern.matcher(Files.readString(log));
        assertThat(found.find()).as("%s in %s", pattern, log).isTrue();
        return found.group(1);
    }

    private void destroy() {
        Process running = app;
        if (running != null) {
            running.destroyForcibly();
        }
    }

    /** Kills the application if it still runs, and removes the shutdown hook. */
    @Override
    public void close() throws InterruptedException {
        Process running = app;
        if (running != null && running.isAlive()) {
            running.destroyForcibly();
            running.waitFor(30, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalArgumentException | IllegalStateException notRegisteredOrExiting) {
            // nothing to remove
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
