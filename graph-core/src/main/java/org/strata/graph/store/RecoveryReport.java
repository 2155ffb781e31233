package org.strata.graph.store;

import java.util.List;

/**
 * What opening a store had to repair: deltas left PENDING by a process that died mid-way. An unfinished
 * import is rolled back (none of it stays); an unfinished undo is completed.
 *
 * @param rolledBack the unfinished imports that were rolled back
 * @param completed  the unfinished undos that were completed
 */
public record RecoveryReport(List<String> rolledBack, List<String> completed) {

    public static final RecoveryReport NONE = new RecoveryReport(List.of(), List.of());

    public RecoveryReport {
        rolledBack = List.copyOf(rolledBack);
        completed = List.copyOf(completed);
    }

    public boolean isEmpty() {
        return rolledBack.isEmpty() && completed.isEmpty();
    }
}
