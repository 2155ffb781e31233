package org.strata.rules.evolve;

/**
 * Lifecycle states of facts, rules and communities. Promotion goes CANDIDATE → STABLE → SOLIDIFIED on
 * repeated, independent confirmation; LEFTOVER holds what is unresolved or contradicted (re-examined
 * every cycle); DEPRECATED what was superseded. Nothing is deleted by consolidation.
 */
public enum Lifecycle {
    CANDIDATE, STABLE, SOLIDIFIED, LEFTOVER, DEPRECATED;

    /** The state after {@code confirmations} confirmations, never lower than this one (LEFTOVER and DEPRECATED stay). */
    public Lifecycle promoted(int confirmations, int toStable, int toSolidified) {
        if (this == LEFTOVER || this == DEPRECATED || this == SOLIDIFIED) {
            return this;
        }
        if (confirmations >= toSolidified) {
            return SOLIDIFIED;
        }
        if (confirmations >= toStable) {
            return STABLE;
        }
        return this;
    }

    public static Lifecycle of(String state) {
        try {
            return state == null ? STABLE : valueOf(state);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown lifecycle state '" + state + "'");
        }
    }
}
