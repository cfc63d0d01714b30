package io.tandem.infra.audit;

/**
 * How a command runs through a server ({@code --server}): the HTTP method and path (with query) under
 * the server's URL, an optional JSON body, and whether the endpoint answers at once with
 * {@code {"ok", "report", "human"}} or starts a job ({@code 202 {"jobId"}}) that the command line polls
 * at {@code GET /api/v1/admin/audit/jobs/{id}}.
 */
public record RemoteCall(String method, String path, String body, boolean job) {

    public static RemoteCall get(String path) {
        return new RemoteCall("GET", path, null, false);
    }

    public static RemoteCall job(String path, String body) {
        return new RemoteCall("POST", path, body, true);
    }
}
