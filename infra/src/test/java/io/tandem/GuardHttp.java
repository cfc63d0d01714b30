package io.tandem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Raw HTTP for the guard tests: exactly the request given (method, already-encoded path, headers,
 * body bytes, content type or none), no redirects followed, so the status seen is the status the
 * application answered. One pooled HTTP/1.1 client, safe to share between threads.
 */
final class GuardHttp {

    /** A request; {@code contentType} null with a body means no Content-Type header at all. */
    record Call(String method, String path, Map<String, String> headers, byte[] body, String contentType) {

        static Call of(String method, String path) {
            return new Call(method, path, Map.of(), null, null);
        }

        static Call json(String method, String path, String json) {
            return new Call(method, path, Map.of(), json.getBytes(StandardCharsets.UTF_8), "application/json");
        }

        Call withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Call(method, path, more, body, contentType);
        }

        String bodyText() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            String text = bodyText();
            return method + " " + path + " " + headers + (contentType == null ? "" : " [" + contentType + "]")
                    + (text.length() > 400 ? " " + text.substring(0, 400) + "...(" + text.length() + " chars)" : " " + text);
        }
    }

    record Answer(int status, String body) {
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;

    GuardHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Answer send(Call call, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + call.path()))
                .timeout(Duration.ofSeconds(30))
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        if (token != null) {
            request.header("Authorization", token.contains(" ") ? token : "Bearer " + token);
        }
        call.headers().forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(call.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
