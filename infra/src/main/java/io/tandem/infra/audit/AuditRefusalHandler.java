package io.tandem.infra.audit;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * An {@link AuditRefusal} thrown by any endpoint becomes the project's problem body (RFC 7807 with a
 * {@code code}, as {@code ApiExceptionHandler} writes them) with the refusal's status. Ordered ahead
 * of {@code ApiExceptionHandler}, which would otherwise take it for an unexpected failure.
 */
@RestControllerAdvice
@ConditionalOnWebApplication
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AuditRefusalHandler {

    @ExceptionHandler(AuditRefusal.class)
    public ResponseEntity<ProblemDetail> refused(AuditRefusal refusal) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(refusal.httpStatus()), refusal.getMessage());
        problem.setProperty("code", refusal.code());
        return ResponseEntity.status(refusal.httpStatus()).body(problem);
    }
}
