package org.strata.graph.govern;

/**
 * The thresholds the gate learns its invariants with.
 *
 * @param functionalMinHeads heads a relation needs, each with one tail, before it counts as functional
 * @param typingOverlap      share of a relation's ends that must also be ends of r for them to count as
 *                           r's domain or range
 */
public record GateParameters(int functionalMinHeads, double typingOverlap) {

    /** The defaults of {@link GateOptions}. */
    public static final GateParameters DEFAULTS = new GateParameters(
            GateOptions.FUNCTIONAL_MIN_HEADS.defaultValue(), GateOptions.TYPING_OVERLAP.defaultValue());

    public GateParameters {
        if (functionalMinHeads < 1) {
            throw new IllegalArgumentException("functionalMinHeads must be at least 1, got " + functionalMinHeads);
        }
        if (!(typingOverlap >= 0 && typingOverlap <= 1)) {
            throw new IllegalArgumentException("typingOverlap must be between 0 and 1, got " + typingOverlap);
        }
    }
}
