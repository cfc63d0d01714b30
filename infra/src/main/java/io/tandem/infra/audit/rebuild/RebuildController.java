package io.tandem.infra.audit.rebuild;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.infra.audit.AuditJobs;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Admin only, both as jobs ({@code 202} with the job's view; the report at
 * {@code GET /api/v1/admin/audit/jobs/{id}}):
 * <ul>
 *   <li>{@code POST /api/v1/admin/audit/rebuild} {@code {"processor": "portfolio", "sideBySide": true}}: an
 *       unknown group is 404 UNKNOWN_PROCESSOR, a saga or process 409 NOT_REBUILDABLE, before anything
 *       runs; a second rebuild of the same group while one runs 409; a group another server node processes
 *       (claims its token) is 409 SERVER_RUNS_IT naming that node, before anything runs: run it there;</li>
 *   <li>{@code POST /api/v1/admin/audit/verify/read-models}, optionally {@code {"groups": ["portfolio"]}}: an
 *       unknown or unrebuildable group is refused as for a rebuild, before anything runs.</li>
 * </ul>
 */
@RestController
@ConditionalOnWebApplication
@Tag(name = "admin")
public class RebuildController {

    static final String REBUILD = "/api/v1/admin/audit/rebuild";
    static final String VERIFY = "/api/v1/admin/audit/verify/read-models";

    private final RebuildService rebuilds;
    private final ReadModelVerifier verifier;
    private final AuditJobs jobs;

    public RebuildController(RebuildService rebuilds, ReadModelVerifier verifier, AuditJobs jobs) {
        this.rebuilds = rebuilds;
        this.verifier = verifier;
        this.jobs = jobs;
    }

    /** What to rebuild; {@code sideBySide} absent is false. */
    public record RebuildRequest(String processor, Boolean sideBySide) {
    }

    @PostMapping(REBUILD)
    @Operation(summary = "Rebuild one projection, in place or side by side, as a job (ADMIN)")
    public ResponseEntity<AuditJobs.JobView> rebuild(@RequestBody RebuildRequest request) {
        if (request == null || request.processor() == null || request.processor().isBlank()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "processor is required");
        }
        rebuilds.check(request.processor());
        boolean sideBySide = Boolean.TRUE.equals(request.sideBySide());
        return ResponseEntity.accepted().body(jobs.start("rebuild-" + request.processor(),
                progress -> rebuilds.rebuild(request.processor(), sideBySide, progress)).view());
    }

    /** Which groups to verify; absent or empty is every rebuildable one. */
    public record VerifyRequest(List<String> groups) {
    }

    @PostMapping(VERIFY)
    @Operation(summary = "Rebuild every projection (or the groups named) into a shadow and diff it against the live one, "
            + "as a job (ADMIN)")
    public ResponseEntity<AuditJobs.JobView> verify(@RequestBody(required = false) VerifyRequest request) {
        List<String> groups = request == null || request.groups() == null ? List.of() : List.copyOf(request.groups());
        groups.forEach(rebuilds::check);
        return ResponseEntity.accepted().body(jobs.start("verify-read-models",
                progress -> groups.isEmpty() ? verifier.verify(progress) : verifier.verify(groups, progress)).view());
    }
}
