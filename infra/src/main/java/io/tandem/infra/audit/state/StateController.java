package io.tandem.infra.audit.state;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.infra.audit.AuditAnswer;
import io.tandem.infra.audit.AuditTimes;
import io.tandem.infra.audit.Progress;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/admin/audit/aggregates/{id}/state?at=TIME|seq=N} (admin only): answers
 * {@code {"ok", "report", "human"}} with the {@link AggregateState}. Neither or both of {@code at} and
 * {@code seq} is 400; an unknown aggregate 404 AGGREGATE_NOT_FOUND.
 */
@RestController
@ConditionalOnWebApplication
@Tag(name = "admin")
public class StateController {

    private final StateService states;

    public StateController(StateService states) {
        this.states = states;
    }

    @GetMapping("/api/v1/admin/audit/aggregates/{aggregateId}/state")
    @Operation(summary = "An aggregate's state at a time or sequence number, and the events that made it (ADMIN)")
    public AuditAnswer state(@PathVariable String aggregateId, @RequestParam(required = false) String at,
                             @RequestParam(name = "seq", required = false) Long sequence) {
        return AuditAnswer.of(states.state(aggregateId, AuditTimes.parse(at, "at"), sequence, Progress.none()));
    }
}
