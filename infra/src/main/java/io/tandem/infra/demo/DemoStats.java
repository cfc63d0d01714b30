package io.tandem.infra.demo;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Counts of what the demo did and what the platform refused, for the periodic one-line summary
 * and for tests.
 */
final class DemoStats {

    final LongAdder placed = new LongAdder();
    final LongAdder amended = new LongAdder();
    final LongAdder cancelled = new LongAdder();
    final LongAdder fills = new LongAdder();
    final LongAdder posts = new LongAdder();
    final LongAdder likes = new LongAdder();
    final LongAdder deposits = new LongAdder();
    final LongAdder rateLimited = new LongAdder();
    private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();

    void refused(String code) {
        refusals.computeIfAbsent(code, key -> new LongAdder()).increment();
    }

    void rateLimited() {
        rateLimited.increment();
    }

    long refusedTotal() {
        return refusals.values().stream().mapToLong(LongAdder::sum).sum();
    }

    String refusalsByCode() {
        Map<String, Long> sorted = new TreeMap<>();
        refusals.forEach((code, count) -> sorted.put(code, count.sum()));
        return sorted.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(", "));
    }
}
