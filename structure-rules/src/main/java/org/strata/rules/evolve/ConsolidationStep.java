package org.strata.rules.evolve;

import java.util.List;
import java.util.Map;
import org.strata.graph.govern.Gate;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.graph.store.ChangeSet;
import org.strata.graph.store.FactRecord;
import org.strata.graph.store.LifecycleState;
import org.strata.graph.store.Proposal;
import org.strata.rules.apply.Prediction;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.apply.RuleSession;
import org.strata.rules.model.Rule;

/**
 * An evolve cycle's consolidation: each CANDIDATE or LEFTOVER fact the new rules predict (by a rule with
 * a body) gains a confirmation; a CANDIDATE is promoted by confirmations across cycles or by distinct
 * sources; a STABLE fact with enough sources is SOLIDIFIED; a LEFTOVER whose counter-evidence holds no
 * more goes back to CANDIDATE. Counts the answers each rule gave ({@code ruleUses}) for the shortcuts.
 */
final class ConsolidationStep {

    private final EvolveSettings settings;
    private final Map<Integer, Integer> ruleUses;

    ConsolidationStep(EvolveSettings settings, Map<Integer, Integer> ruleUses) {
        this.settings = settings;
        this.ruleUses = ruleUses;
    }

    /** Writes the promotions and the re-examined LEFTOVER facts into {@code out}. */
    void run(Projection p, RuleSession session, List<FactRecord> facts, Gate gate, ChangeSet out) {
        for (FactRecord f : facts) {
            LifecycleState state = f.state();
            if (state == LifecycleState.CANDIDATE) {
                int confirmations = f.confirmations() + (predicted(p, session, f) ? 1 : 0);
                LifecycleState next = state.promoted(confirmations, settings.toStable(), Integer.MAX_VALUE);
                if (f.distinctSources() >= settings.sourcesToStable()) {
                    next = LifecycleState.STABLE;
                }
                if (confirmations != f.confirmations() || next != state) {
                    out.fact(f.head(), f.relation(), f.tail(), Map.of("confirmations", confirmations, "state", next.name()));
                }
            } else if (state == LifecycleState.STABLE && f.distinctSources() >= settings.toSolidified()) {
                out.fact(f.head(), f.relation(), f.tail(), Map.of("state", LifecycleState.SOLIDIFIED.name()));
            } else if (state == LifecycleState.LEFTOVER) {
                if (stillContradicted(gate, f) == null) {
                    out.fact(f.head(), f.relation(), f.tail(), Map.of("state", LifecycleState.CANDIDATE.name(),
                            "counterEvidence", "resolved in a later cycle: " + f.counterEvidence()));
                }
            }
        }
    }

    /** The counter-evidence a LEFTOVER fact still meets, or null when none holds any more. */
    private static String stillContradicted(Gate gate, FactRecord f) {
        Gate.Verdict v = gate.judgeInvariants(new Proposal(f.head(), f.relation(), f.tail(), f.confidence(), "re-examined",
                null));
        return v.decision() == Gate.Decision.ADMIT ? null : v.reason();
    }

    private boolean predicted(Projection p, RuleSession session, FactRecord f) {
        int h = p.entities().id(f.head());
        int r = p.relations().id(f.relation());
        int t = p.entities().id(f.tail());
        if (h < 0 || r < 0 || t < 0) {
            return false;
        }
        for (Prediction pr : session.predict(h, r, Direction.OUT)) {
            if (pr.entity() == t) {
                if (!fromABody(session.engine(), pr)) {
                    return false;
                }
                ruleUses.merge(pr.rules()[0], 1, Integer::sum);
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a rule with a body predicts the candidate. A zero rule ({@code r(X,c) <=}) says how common
     * an answer is, not why this entity has it: on its own it neither proposes nor confirms a fact.
     */
    static boolean fromABody(RuleEngine engine, Prediction pr) {
        return engine.rules().get(pr.rules()[0]).kind() != Rule.Kind.ZERO;
    }
}
