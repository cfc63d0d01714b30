package io.tandem.infra.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.infra.security.RateLimitedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The one place where REST errors become RFC 7807 problem details with a {@code code} property.
 * Refusals keep their {@link ErrorCode} and its status; Spring MVC's own errors (unreadable JSON,
 * failed validation, unknown route, wrong method) keep Spring's status and get a code from it.
 * Only what nobody recognises is a 500, and its detail reveals nothing internal. A rate-limited
 * request (429) also says in {@code Retry-After} how many seconds until the caller may try again.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    static final String CODE = "code";
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> handleFailure(Exception exception, WebRequest request) {
        if (exception instanceof AccessDeniedException) {
            return respond(Failure.of(ErrorCode.FORBIDDEN, "This operation is not allowed for your roles"));
        }
        if (exception instanceof AuthenticationException) {
            return respond(Failure.of(ErrorCode.UNAUTHENTICATED, "A valid bearer token is required"));
        }
        if (exception instanceof RateLimitedException limited) {
            Failure failure = Failure.of(limited.code(), limited.getMessage());
            return ResponseEntity.status(failure.status())
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()))
                    .body(problem(failure));
        }
        if (exception instanceof RequestRejectedException) {
            // Spring Security's firewall checks parameter names lazily, when a form body is read as parameters.
            return respond(Failure.of(ErrorCode.MALFORMED_REQUEST, "The request contains characters that are not allowed"));
        }
        if (isGraphQlBodyNotAnObject(exception)) {
            return respond(Failure.of(ErrorCode.MALFORMED_REQUEST, "A GraphQL request body must be a JSON object"));
        }
        return Failures.classify(exception, missingAggregateCode(request))
                .map(this::respond)
                .orElseGet(() -> {
                    log.error("Unexpected failure", exception);
                    return respond(new Failure(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                            "Unexpected error; it has been logged"));
                });
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail body = createProblemDetail(exception, status, unreadable(exception), null, null, request);
        return handleExceptionInternal(exception, body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException exception,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        String detail = exception.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + ": " + error.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        ProblemDetail body = exception.getBody();
        body.setDetail(detail.isEmpty() ? "Invalid request content" : detail);
        return handleExceptionInternal(exception, body, headers, status, request);
    }

    /** Gives Spring MVC's own problem details a code derived from their status. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception exception, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(exception, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey(CODE))) {
            problem.setProperty(CODE, codeFor(statusCode));
        }
        return response;
    }

    /**
     * Spring GraphQL (1.4) reads the JSON body {@code null} as no request at all and then fails with a
     * NullPointerException while building the GraphQL request from it, before any GraphQL error
     * handling runs: that is the client's malformed body, recognised by where the exception arose.
     */
    private static boolean isGraphQlBodyNotAnObject(Exception exception) {
        StackTraceElement[] trace = exception.getStackTrace();
        return exception instanceof NullPointerException && trace.length > 0
                && trace[0].getClassName().equals("org.springframework.graphql.server.WebGraphQlRequest");
    }

    private ResponseEntity<Object> respond(Failure failure) {
        return ResponseEntity.status(failure.status()).body(problem(failure));
    }

    private static ProblemDetail problem(Failure failure) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(failure.status(), failure.detail());
        problem.setProperty(CODE, failure.code());
        return problem;
    }

    private static String codeFor(HttpStatusCode status) {
        if (status.value() == HttpStatus.BAD_REQUEST.value()) {
            return ErrorCode.MALFORMED_REQUEST.name();
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "HTTP_" + status.value() : known.name();
    }

    private static ErrorCode missingAggregateCode(WebRequest request) {
        Object handler = request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE,
                RequestAttributes.SCOPE_REQUEST);
        if (!(handler instanceof HandlerMethod method)) {
            return null;
        }
        MissingAggregate annotation = method.getMethodAnnotation(MissingAggregate.class);
        if (annotation == null) {
            annotation = method.getBeanType().getAnnotation(MissingAggregate.class);
        }
        return annotation == null ? null : annotation.value();
    }

    /** Says which field was wrong without echoing parser internals. */
    private static String unreadable(HttpMessageNotReadableException exception) {
        Throwable cause = exception.getCause();
        if (cause instanceof InvalidFormatException invalid && !invalid.getPath().isEmpty()) {
            String field = path(invalid);
            Class<?> target = invalid.getTargetType();
            if (target != null && target.isEnum()) {
                return field + ": must be one of " + Arrays.toString(target.getEnumConstants());
            }
            return field + ": invalid value";
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return path(mapping) + ": invalid or missing value";
        }
        if (cause instanceof JsonProcessingException) {
            return "Malformed JSON";
        }
        return "The request body is missing or unreadable";
    }

    private static String path(JsonMappingException exception) {
        return exception.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
