package io.tandem.infra.audit.ledger;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.infra.audit.AuditJobs;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/admin/audit/verify/ledger} (admin only): starts {@link LedgerVerification} as a
 * job and answers {@code 202} with its view; its report is at {@code GET /api/v1/admin/audit/jobs/{id}}.
 * A second one while one runs is 409 AUDIT_ALREADY_RUNNING.
 */
@RestController
@ConditionalOnWebApplication
@Tag(name = "admin")
public class LedgerVerificationController {

    static final String PATH = "/api/v1/admin/audit/verify/ledger";
    private static final String KIND = "verify-ledger";

    private final LedgerVerification verification;
    private final AuditJobs jobs;

    public LedgerVerificationController(LedgerVerification verification, AuditJobs jobs) {
        this.verification = verification;
        this.jobs = jobs;
    }

    @PostMapping(PATH)
    @Operation(summary = "Verify the ledger invariant from the event log alone, as a job (ADMIN)")
    public ResponseEntity<AuditJobs.JobView> verify() {
        return ResponseEntity.accepted().body(jobs.start(KIND, verification::verify).view());
    }
}
