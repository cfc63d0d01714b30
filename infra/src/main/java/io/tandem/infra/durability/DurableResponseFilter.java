package io.tandem.infra.durability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.util.Set;

/**
 * Holds back the answer to a command request ({@code POST}, {@code PUT}, {@code PATCH},
 * {@code DELETE} under {@code /api/}) until what it committed is on disk: the body is buffered while
 * the request runs, then released after {@link DurabilityGate#awaitDurable()}. A client that got an
 * answer can rely on it after a crash; one whose connection broke may retry (client order and
 * payment ids make that safe). Only successful answers wait: a refusal promises nothing that a crash
 * could take back, and unauthenticated or malformed requests must not cost a store write. The request's locks are already released while it waits, so other
 * requests go on and share the same write.
 */
public final class DurableResponseFilter extends OncePerRequestFilter {

    private static final Set<String> COMMANDS = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final DurabilityGate gate;

    public DurableResponseFilter(DurabilityGate gate) {
        this.gate = gate;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !COMMANDS.contains(request.getMethod()) || !request.getServletPath().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, buffered);
        if (buffered.getStatus() >= 200 && buffered.getStatus() < 300) {
            gate.awaitDurable();
        }
        buffered.copyBodyToResponse();
    }
}
