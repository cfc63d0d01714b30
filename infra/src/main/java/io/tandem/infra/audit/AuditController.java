package io.tandem.infra.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The status of background audit jobs ({@link AuditJobs}), admin only (as everything under
 * {@code /api/v1/admin/}). Long operations are started by their own {@code POST} endpoints, which
 * answer {@code 202} with the job's view: {@code ResponseEntity.accepted().body(jobs.start(kind, work).view())}.
 */
@RestController
@ConditionalOnWebApplication
@Tag(name = "admin")
public class AuditController {

    private final AuditJobs jobs;

    public AuditController(AuditJobs jobs) {
        this.jobs = jobs;
    }

    @GetMapping("/api/v1/admin/audit/jobs/{jobId}")
    @Operation(summary = "Status, progress and (when done) the report of an audit job (ADMIN)")
    public AuditJobs.JobView job(@PathVariable String jobId) {
        return jobs.find(jobId).map(AuditJobs.Job::view)
                .orElseThrow(() -> new AuditRefusal(AuditRefusal.Kind.NOT_FOUND, "JOB_NOT_FOUND", "No audit job '" + jobId + "'"));
    }
}
