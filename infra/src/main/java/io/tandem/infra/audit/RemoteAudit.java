package io.tandem.infra.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code --server}: runs a command through a running server's admin endpoint. A synchronous endpoint
 * answers {@code {"ok", "report", "human"}}; a job endpoint answers {@code 202 {"jobId"}} and the job is
 * polled (drawing its progress) until it is done. Refusals (4xx problem bodies) exit with
 * {@link AuditExit#FAILED}, or {@link AuditExit#USAGE} for a 400.
 * <p>
 * The token comes from {@code --token}, else {@code --token-file}, else the environment variable
 * {@value #TOKEN_VARIABLE}. A plain {@code http://} server that is not on this machine is refused
 * unless {@code --insecure} is given: the token would cross the network unencrypted. Redirects are not
 * followed (the token goes to the named server only); a request other than the streamed history
 * waits at most {@link #REQUEST_TIMEOUT}.
 */
final class RemoteAudit {

    static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    static final Duration POLL = Duration.ofMillis(200);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    static final String TOKEN_VARIABLE = "TANDEM_AUDIT_TOKEN";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final AuditOptions options;
    private final PrintStream out;
    private final PrintStream err;
    private final Progress progress;

    private final String token;

    RemoteAudit(AuditOptions options, PrintStream out, PrintStream err, Progress progress) {
        this.options = options;
        this.token = token(options);
        refuseInsecure(options);
        this.out = out;
        this.err = err;
        this.progress = progress;
    }

    int run(RemoteCall call) throws IOException, InterruptedException {
        HttpResponse<String> response = send(call.method(), call.path(), call.body());
        if (response.statusCode() >= 300) {
            return refused(response.statusCode(), response.body());
        }
        JsonNode answer = JSON.readTree(response.body());
        if (call.job()) {
            answer = await(answer.path("jobId").asText());
            if (answer == null) {
                return AuditExit.FAILED;
            }
        }
        return print(answer);
    }

    /** Streams a GET's body (history) to standard output. */
    int stream(String path) throws IOException, InterruptedException {
        HttpResponse<InputStream> response;
        try {
            response = http.send(request("GET", path, null, null), HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            throw new AuditRefusal(AuditRefusal.Kind.UNAVAILABLE, "SERVER_UNREACHABLE", "Cannot reach " + options.server);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() >= 300) {
                return refused(response.statusCode(), new String(body.readAllBytes()));
            }
            body.transferTo(out);
            out.flush();
            return AuditExit.OK;
        }
    }

    private JsonNode await(String jobId) throws IOException, InterruptedException {
        String phase = null;
        while (true) {
            HttpResponse<String> response = send("GET", "/api/v1/admin/audit/jobs/" + jobId, null);
            if (response.statusCode() >= 300) {
                refused(response.statusCode(), response.body());
                return null;
            }
            JsonNode job = JSON.readTree(response.body());
            JsonNode current = job.path("progress");
            if (!current.path("phase").asText().equals(phase)) {
                phase = current.path("phase").asText();
                progress.phase(phase, current.path("total").asLong());
            }
            progress.done(current.path("done").asLong());
            switch (job.path("status").asText()) {
                case "DONE":
                    endProgress();
                    return job;
                case "FAILED":
                    endProgress();
                    err.println(job.path("detail").asText());
                    return null;
                default:
                    Thread.sleep(POLL.toMillis());
            }
        }
    }

    private void endProgress() {
        if (progress instanceof ProgressBar bar) {
            bar.end();
        }
    }

    private int print(JsonNode answer) throws IOException {
        boolean ok = answer.path("ok").asBoolean();
        if (options.json) {
            ObjectNode printed = JSON.createObjectNode();
            printed.put("ok", ok);
            printed.set("report", answer.path("report"));
            out.println(JSON.writeValueAsString(printed));
        } else {
            out.println(answer.path("human").asText());
        }
        out.flush();
        return ok ? AuditExit.OK : AuditExit.DIFFERENCE;
    }

    private int refused(int status, String body) {
        String detail = body;
        try {
            JsonNode problem = JSON.readTree(body);
            detail = problem.path("code").asText() + ": " + problem.path("detail").asText();
        } catch (IOException | RuntimeException ignored) {
            // not a problem body: shown as is
        }
        err.println("The server refused (" + status + "): " + detail);
        return status == 400 ? AuditExit.USAGE : AuditExit.FAILED;
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        try {
            return http.send(request(method, path, body, REQUEST_TIMEOUT), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new AuditRefusal(AuditRefusal.Kind.UNAVAILABLE, "SERVER_UNREACHABLE", "Cannot reach " + options.server);
        }
    }

    private HttpRequest request(String method, String path, String body, Duration timeout) {
        String base = options.server.endsWith("/") ? options.server.substring(0, options.server.length() - 1) : options.server;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (timeout != null) {
            request.timeout(timeout);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private static String token(AuditOptions options) {
        if (options.token != null) {
            return options.token;
        }
        if (options.tokenFile != null) {
            try {
                return java.nio.file.Files.readString(options.tokenFile).trim();
            } catch (IOException e) {
                throw new AuditRefusal(AuditRefusal.Kind.UNAVAILABLE, "TOKEN_FILE_UNREADABLE",
                        "Cannot read the token file " + options.tokenFile + ": " + e.getMessage());
            }
        }
        String fromEnvironment = System.getenv(TOKEN_VARIABLE);
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment.trim();
    }

    private static void refuseInsecure(AuditOptions options) {
        URI server;
        try {
            server = URI.create(options.server);
        } catch (IllegalArgumentException e) {
            throw new AuditRefusal(AuditRefusal.Kind.CONFLICT, "MALFORMED_SERVER_URL", "--server is not a URL: " + options.server);
        }
        String host = server.getHost() == null ? "" : server.getHost();
        boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
        if ("http".equalsIgnoreCase(server.getScheme()) && !loopback && !options.insecure) {
            throw new AuditRefusal(AuditRefusal.Kind.CONFLICT, "INSECURE_SERVER_URL", "Refusing to send the token over plain "
                    + "http to " + host + ": use https, or --insecure if the network is trusted");
        }
        if (!"http".equalsIgnoreCase(server.getScheme()) && !"https".equalsIgnoreCase(server.getScheme())) {
            throw new AuditRefusal(AuditRefusal.Kind.CONFLICT, "MALFORMED_SERVER_URL", "--server must be an http(s) URL: "
                    + options.server);
        }
    }
}
