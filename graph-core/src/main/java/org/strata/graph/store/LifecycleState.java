package org.strata.graph.store;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Lifecycle states of facts, rules and communities. Promotion goes CANDIDATE → STABLE → SOLIDIFIED on
 * repeated, independent confirmation; LEFTOVER holds what is unresolved or contradicted (re-examined
 * every cycle); DEPRECATED what was superseded. Nothing is deleted by consolidation. The store keeps
 * the state as the constant's name.
 */
public enum LifecycleState {
    CANDIDATE, STABLE, SOLIDIFIED, LEFTOVER, DEPRECATED;

    /**
     * Whether the structure believes what is in this state: STABLE and SOLIDIFIED. Only believed facts
     * are projected, exported and used to learn rules and the gate's invariants; this is the one place
     * that says so.
     */
    public boolean believed() {
        return this == STABLE || this == SOLIDIFIED;
    }

    /** The states whose elements the structure believes ({@link #believed()}), as a new set. */
    public static Set<LifecycleState> believedStates() {
        Set<LifecycleState> out = EnumSet.noneOf(LifecycleState.class);
        for (LifecycleState s : values()) {
            if (s.believed()) {
                out.add(s);
            }
        }
        return out;
    }

    /** The state after {@code confirmations} confirmations, never lower than this one (LEFTOVER and DEPRECATED stay). */
    public LifecycleState promoted(int confirmations, int toStable, int toSolidified) {
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

    /** The state a stored value names; an element stored without a state (imported) is STABLE. */
    public static LifecycleState of(String state) {
        if (state == null) {
            return STABLE;
        }
        try {
            return valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown lifecycle state '" + state + "'");
        }
    }
}
