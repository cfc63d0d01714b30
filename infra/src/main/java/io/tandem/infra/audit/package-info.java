/**
 * Audit and replay tooling: {@code java -jar tandem.jar audit <command>} and the admin-only HTTP
 * endpoints under {@code /api/v1/admin/audit/...}, which run the same operations.
 * <p>
 * Each operation is a Spring bean in a sub-package (history and state, rebuild and read-model
 * verification, the ledger from the log, the hash chain) whose methods take plain arguments and a
 * {@link io.tandem.infra.audit.Progress} and return an {@link io.tandem.infra.audit.AuditReport}. The
 * command line and the HTTP controller only parse arguments, call them and render the report.
 * <p>
 * The operations read the stores through Axon's and Spring's interfaces (the event store, the token
 * store, the transaction manager, the read-model {@code MongoDatabase}, the event serializer and its
 * upcasters), so the same code runs in two contexts:
 * <ul>
 *   <li>in the server, with the server's own beans (the HTTP endpoints);</li>
 *   <li>in the command line, with a small context of its own that opens the same stores from the same
 *       configuration properties ({@code --tandem.data-dir}, the {@code distributed} profile...) but
 *       starts no event processor, no scheduler, no web server and nothing that could send a command
 *       or a push. Where a server already holds the stores (the embedded H2 file is locked, or a live
 *       processor's token is claimed) the command line refuses and names {@code --server}, which runs
 *       the operation through that server's HTTP endpoint instead.</li>
 * </ul>
 * <p>
 * Wiring an operation in (the framework's side is in this package): a command line command is a
 * picocli class extending {@link io.tandem.infra.audit.ReportCommand}, listed in
 * {@link io.tandem.infra.audit.AuditCommandLine}'s {@code subcommands}; a long HTTP operation is a
 * {@code POST} under {@code /api/v1/admin/audit/} that answers
 * {@code ResponseEntity.accepted().body(jobs.start(kind, progress -> service.run(..., progress)).view())}
 * with the {@link io.tandem.infra.audit.AuditJobs} bean, polled at {@code GET /api/v1/admin/audit/jobs/{id}};
 * a short one answers {@link io.tandem.infra.audit.AuditAnswer#of} at once. A service refuses with
 * {@link io.tandem.infra.audit.AuditRefusal} (exit 3; HTTP 404/409/503 with a problem body).
 */
package io.tandem.infra.audit;
