package org.strata.graph.store;

import java.util.Locale;

/**
 * What kind of job step a delta records. The store keeps the kind as its {@link #label()}, which the
 * history and the report pages show.
 */
public enum DeltaKind {
    /** Facts read from a file ({@code strata import}). */
    IMPORT,
    /** The reversal of an earlier delta. */
    UNDO,
    /** Learned rules written to the store ({@code strata rules learn --store}). */
    RULES,
    /** Proposals admitted through the gate ({@code propose --admit}, an evolve cycle's admission step). */
    ADMIT,
    /** Entities, aliases and facts extracted from text by an LLM, or imported from graph documents. */
    EXTRACT,
    /** An evolve cycle's community partition. */
    PARTITION,
    /** An evolve cycle's consolidation: promotions and re-examined LEFTOVER facts. */
    CONSOLIDATE,
    /** An evolve cycle's shortcut edges. */
    SHORTCUTS,
    /** A write by a Gremlin client through the server. */
    GREMLIN;

    /** The lowercase name the store records. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind a stored label names. */
    public static DeltaKind of(String label) {
        try {
            return valueOf(label.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown delta kind '" + label + "'");
        }
    }
}
