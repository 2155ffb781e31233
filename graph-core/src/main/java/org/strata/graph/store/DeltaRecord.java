package org.strata.graph.store;

import java.time.Instant;
import java.util.Map;

/**
 * One recorded change to the store: one per committed job step (an import, an undo, later each step of
 * an evolution cycle).
 *
 * @param id       the delta's id, {@code d} followed by its sequence number
 * @param sequence the sequence number: deltas are numbered in the order they were opened
 * @param kind     what kind of step ({@code import}, {@code undo}, ...)
 * @param state    pending, committed or undone
 * @param time     when it was opened
 * @param command  the command line that made it
 * @param counts   what it changed, by name (e.g. {@code factsAdded})
 * @param target   for an undo, the delta it reverted; otherwise {@code null}
 */
public record DeltaRecord(String id, long sequence, DeltaKind kind, DeltaState state, Instant time, String command,
                          Map<String, Long> counts, String target) {

    public DeltaRecord {
        counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
    }
}
