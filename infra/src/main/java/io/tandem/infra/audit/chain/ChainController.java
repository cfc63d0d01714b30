package io.tandem.infra.audit.chain;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.infra.audit.AuditJobs;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/admin/audit/verify/chain} {@code {"catchUp": false}} (admin only, body optional):
 * starts {@link ChainVerification} (after {@link ChainWriter#catchUp} when asked) as a job and answers
 * {@code 202} with its view; the report is at {@code GET /api/v1/admin/audit/jobs/{id}}.
 */
@RestController
@ConditionalOnWebApplication
@Tag(name = "admin")
public class ChainController {

    static final String PATH = "/api/v1/admin/audit/verify/chain";

    private final ChainVerification verification;
    private final ChainWriter writer;
    private final AuditJobs jobs;

    public ChainController(ChainVerification verification, ChainWriter writer, AuditJobs jobs) {
        this.verification = verification;
        this.writer = writer;
        this.jobs = jobs;
    }

    /** Whether to chain the tail first. */
    public record VerifyChainRequest(Boolean catchUp) {
    }

    @PostMapping(PATH)
    @Operation(summary = "Verify the hash chain over the event log, as a job (ADMIN)")
    public ResponseEntity<AuditJobs.JobView> verify(@RequestBody(required = false) VerifyChainRequest request) {
        boolean catchUp = request != null && Boolean.TRUE.equals(request.catchUp());
        return ResponseEntity.accepted().body(jobs.start("verify-chain", progress -> {
            if (catchUp) {
                writer.catchUp(progress);
            }
            return verification.verify(progress);
        }).view());
    }
}
