package io.tandem.infra.audit.rebuild;

import io.tandem.infra.audit.AuditReport;

import java.util.Map;

/**
 * What a rebuild did: how many events the group's handlers replayed and how fast, which collections
 * now serve the read model (side by side: the new physical names the switch made current) and how many
 * documents each holds, and how long the live processor was paused.
 *
 * @param mode           {@code side-by-side} or {@code in-place}
 * @param eventsReplayed events the group's handlers handled (in place, where the live processor replays: the positions it replayed)
 * @param positionsRead  how far the replay read the log (global positions from the tail to where it stopped)
 * @param switched       logical read model to the physical collection that serves it now
 * @param documents      logical read model to its document count after the rebuild
 * @param livePausedMs   how long the live processor was stopped (0 when there was none)
 */
public record RebuildReport(String processor, String mode, long eventsReplayed, long positionsRead, long durationMs,
                            long eventsPerSecond, Map<String, String> switched, Map<String, Long> documents,
                            long livePausedMs) implements AuditReport {

    @Override
    public boolean ok() {
        return true;
    }

    @Override
    public String human() {
        StringBuilder text = new StringBuilder();
        text.append("rebuilt ").append(processor).append(" (").append(mode).append("): ")
                .append(eventsReplayed).append(" events replayed, ").append(positionsRead).append(" positions read in ")
                .append(durationMs).append(" ms (").append(eventsPerSecond).append(" events/s)");
        if (livePausedMs > 0) {
            text.append("\nlive processor paused ").append(livePausedMs).append(" ms");
        }
        documents.forEach((logical, count) -> text.append("\n  ").append(logical)
                .append(switched.containsKey(logical) ? " -> " + switched.get(logical) : "")
                .append(": ").append(count).append(" documents"));
        return text.toString();
    }
}
