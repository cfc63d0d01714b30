package io.tandem.infra.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.contracts.common.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Refuses a request body larger than its endpoint's limit ({@link RequestBodyLimits}) with 413
 * PAYLOAD_TOO_LARGE, as problem details with a {@code code} like every other error, before anything
 * else sees the request: it runs ahead of Spring Security, so a request without a token (a webhook,
 * or any request at all) costs no more than the limit either.
 * <p>
 * A body with a {@code Content-Length} above the limit is refused without reading a byte of it (the
 * container then reads and discards at most {@code server.tomcat.max-swallow-size} before it closes
 * the connection). A body without a length (chunked) is read here up to one byte past the limit:
 * past the limit it is refused, within it the request goes on with the bytes read, so the endpoint
 * reads exactly what was checked. Such a body is held in memory once, at most the limit, which is
 * what the endpoint would hold anyway to parse it.
 */
public final class RequestBodyLimitFilter extends OncePerRequestFilter {

    static final String WEBHOOKS = "/api/v1/payments/webhooks/";
    static final String GRAPHQL = "/graphql";
    private static final Set<String> BODILESS_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final RequestBodyLimits limits;
    private final ObjectMapper objectMapper;

    public RequestBodyLimitFilter(RequestBodyLimits limits, ObjectMapper objectMapper) {
        this.limits = limits;
        this.objectMapper = objectMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request.getServletPath()).toBytes();
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(request, response, limit);
            return;
        }
        if (declared < 0 && mayCarryUndeclaredBody(request)) {
            byte[] body = request.getInputStream().readNBytes(Math.toIntExact(limit + 1));
            if (body.length > limit) {
                refuse(request, response, limit);
                return;
            }
            chain.doFilter(new ReadBody(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private DataSize limitFor(String path) {
        if (path.startsWith(WEBHOOKS)) {
            return limits.webhookBody();
        }
        if (path.equals(GRAPHQL)) {
            return limits.graphqlBody();
        }
        return limits.restBody();
    }

    private static boolean mayCarryUndeclaredBody(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null || !BODILESS_METHODS.contains(request.getMethod());
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
        HttpStatus status = HttpStatus.PAYLOAD_TOO_LARGE;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
                "The request body is larger than the " + limit + " bytes this endpoint accepts");
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("code", ErrorCode.PAYLOAD_TOO_LARGE.name());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }

    /** The request with its body already read (and checked): the endpoint reads these bytes. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was already read; read it synchronously");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
