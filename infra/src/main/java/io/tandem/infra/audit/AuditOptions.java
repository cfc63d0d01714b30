package io.tandem.infra.audit;

import picocli.CommandLine.Option;

/** The options every audit command takes (a picocli mixin of {@link ReportCommand} and the history command). */
public class AuditOptions {

    @Option(names = "--json", description = "Machine-readable output: {\"ok\": ..., \"report\": ...}.")
    public boolean json;

    @Option(names = "--server", paramLabel = "URL",
            description = "Run through a running server's admin endpoint (e.g. http://127.0.0.1:8080) instead of opening the stores.")
    public String server;

    @Option(names = "--token", paramLabel = "JWT", description = "An ADMIN bearer token for --server (visible to other "
            + "users of the machine in the process list: prefer --token-file or TANDEM_AUDIT_TOKEN).")
    public String token;

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding the ADMIN bearer token for --server.")
    public java.nio.file.Path tokenFile;

    @Option(names = "--insecure", description = "Allow a plain http:// --server that is not on this machine (the token "
            + "then crosses the network unencrypted).")
    public boolean insecure;

    @Option(names = "--progress", description = "Draw the progress bar even when standard error is not a terminal.")
    public boolean progress;
}
