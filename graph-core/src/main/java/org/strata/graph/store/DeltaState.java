package org.strata.graph.store;

/** The life of a delta: written step by step while PENDING, then COMMITTED, later perhaps UNDONE. */
public enum DeltaState {
    /** Being written; found at open, it is rolled back (an import) or finished (an undo). */
    PENDING,
    /** Complete and in effect. */
    COMMITTED,
    /** Reverted by a later undo delta. */
    UNDONE
}
