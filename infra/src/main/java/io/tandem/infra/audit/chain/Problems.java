package io.tandem.infra.audit.chain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Keeps the first problem of each kind (the walk goes in global order, so the first is the lowest) and counts them all. */
final class Problems {

    private final Map<ChainProblem.Kind, ChainProblem> first = new EnumMap<>(ChainProblem.Kind.class);
    private final Map<ChainProblem.Kind, Long> counts = new EnumMap<>(ChainProblem.Kind.class);

    void add(ChainProblem.Kind kind, Long globalIndex, String aggregate, Long sequenceNumber, String detail) {
        first.putIfAbsent(kind, new ChainProblem(kind, globalIndex, aggregate, sequenceNumber, detail));
        counts.merge(kind, 1L, Long::sum);
    }

    List<ChainProblem> first() {
        List<ChainProblem> problems = new ArrayList<>(first.values());
        problems.sort(Comparator.comparing(ChainProblem::kind));
        return List.copyOf(problems);
    }

    Map<ChainProblem.Kind, Long> counts() {
        return Map.copyOf(counts);
    }
}
