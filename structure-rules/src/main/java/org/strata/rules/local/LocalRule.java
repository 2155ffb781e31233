package org.strata.rules.local;

/**
 * How a spread network learns: two local, phase-based rules and backprop through the K settling steps
 * (with or without checkpoints), all on the same scorer.
 */
public enum LocalRule {
    /**
     * Contrastive Hebbian with symmetric nudging: after the prediction (free) phase, one phase nudged by
     * −β and one by +β toward the answer, each settling K steps from the input;
     * Δgate ∝ (H(+β) − H(−β)) / 4β, H the Hebbian statistic x(u)·x(v) of the couplings.
     */
    PHASE,
    /** Contrastive Hebbian with plain nudging: Δgate ∝ (H(+β) − H(free)) / 2β (first-order bias in β). */
    PHASE_PLAIN,
    /**
     * The kinase form: every unit keeps a fast trace P and a slow trace D of its activity through the free
     * and then the +β phase; Δgate ∝ (P(u)P(v) − D(u)D(v)), a temporal-derivative error. No snapshot.
     */
    KINASE,
    /** Backprop through the K unrolled steps, storing every step's state. */
    BPTT,
    /** Backprop through the K steps with a checkpoint every ⌈√K⌉ steps, segments recomputed. */
    BPTT_CHECKPOINT;

    /** The name on the command line: phase, phase-plain, kinase, bptt, bptt-checkpoint. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static LocalRule parse(String s) {
        for (LocalRule r : values()) {
            if (r.label().equals(s.trim().toLowerCase(java.util.Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown learning rule '" + s + "'; use phase, phase-plain, kinase, bptt "
                + "or bptt-checkpoint");
    }
}
