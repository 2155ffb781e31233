package org.strata.rules.evolve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.strata.graph.govern.FactJudge;
import org.strata.graph.govern.Gate;
import org.strata.graph.store.ChangeSet;
import org.strata.graph.store.FactRecord;
import org.strata.graph.store.LifecycleState;
import org.strata.graph.store.Proposal;
import org.strata.rules.apply.Prediction;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.judge.RuleJudge;
import org.strata.rules.model.Rule;

/**
 * An evolve cycle's consolidation. The rules' judge, calibrated this cycle on the believed facts, weighs
 * every CANDIDATE and LEFTOVER fact: a CANDIDATE it confirms gains a confirmation, one it doubts becomes
 * LEFTOVER with the evidence against; a CANDIDATE is promoted by confirmations across cycles or by
 * distinct sources; a STABLE fact with enough sources is SOLIDIFIED; a LEFTOVER whose counter-evidence
 * holds no more (the gate's invariants pass and the judge does not doubt it, or only the learned domain or
 * range fails and the judge confirms it) goes back to CANDIDATE.
 * Every judged fact keeps the judge's last word ({@code judgement}). Counts the answers each rule gave
 * ({@code ruleUses}) for the shortcuts.
 */
final class ConsolidationStep {

    private final EvolveSettings settings;
    private final Map<Integer, Integer> ruleUses;

    ConsolidationStep(EvolveSettings settings, Map<Integer, Integer> ruleUses) {
        this.settings = settings;
        this.ruleUses = ruleUses;
    }

    /** Writes the promotions and the re-examined LEFTOVER facts into {@code out}. */
    void run(RuleJudge judge, List<FactRecord> facts, Gate gate, ChangeSet out) {
        List<FactRecord> weighed = new ArrayList<>();
        List<Proposal> asked = new ArrayList<>();
        for (FactRecord f : facts) {
            if (f.state() == LifecycleState.CANDIDATE || f.state() == LifecycleState.LEFTOVER) {
                weighed.add(f);
                asked.add(new Proposal(f.head(), f.relation(), f.tail(), f.confidence(), "re-examined", null));
            }
        }
        List<RuleJudge.Weighed> judged = judge.weigh(asked);
        for (int i = 0; i < weighed.size(); i++) {
            FactRecord f = weighed.get(i);
            FactJudge.Judgement j = judged.get(i).judgement();
            if (f.state() == LifecycleState.CANDIDATE) {
                candidate(f, j, judged.get(i).bestRule(), out);
            } else {
                leftover(f, j, gate, out);
            }
        }
        for (FactRecord f : facts) {
            if (f.state() == LifecycleState.STABLE && f.distinctSources() >= settings.toSolidified()) {
                out.fact(f.head(), f.relation(), f.tail(), Map.of("state", LifecycleState.SOLIDIFIED.name()));
            }
        }
    }

    private void candidate(FactRecord f, FactJudge.Judgement j, int bestRule, ChangeSet out) {
        if (j.call() == FactJudge.Call.DOUBT) {
            out.fact(f.head(), f.relation(), f.tail(), Map.of("state", LifecycleState.LEFTOVER.name(),
                    "counterEvidence", Gate.Against.JUDGE.marker + j.summary(), "judgement", j.summary()));
            return;
        }
        boolean confirmed = j.call() == FactJudge.Call.CONFIRM;
        if (confirmed && bestRule >= 0) {
            ruleUses.merge(bestRule, 1, Integer::sum);
        }
        int confirmations = f.confirmations() + (confirmed ? 1 : 0);
        LifecycleState next = f.state().promoted(confirmations, settings.toStable(), Integer.MAX_VALUE);
        if (f.distinctSources() >= settings.sourcesToStable()) {
            next = LifecycleState.STABLE;
        }
        out.fact(f.head(), f.relation(), f.tail(), Map.of("confirmations", confirmations, "state", next.name(),
                "judgement", j.summary()));
    }

    private static void leftover(FactRecord f, FactJudge.Judgement j, Gate gate, ChangeSet out) {
        Gate.Verdict v = gate.judgeInvariants(new Proposal(f.head(), f.relation(), f.tail(), f.confidence(),
                "re-examined", null));
        boolean resolved = v.decision() == Gate.Decision.ADMIT && j.call() != FactJudge.Call.DOUBT
                || v.judged(j).decision() == Gate.Decision.ADMIT; // held only by the typing, which the judge outweighs
        if (resolved) {
            out.fact(f.head(), f.relation(), f.tail(), Map.of("state", LifecycleState.CANDIDATE.name(),
                    "counterEvidence", "resolved in a later cycle: " + f.counterEvidence(), "judgement", j.summary()));
        } else if (v.decision() == Gate.Decision.ADMIT) {
            String against = Gate.Against.JUDGE.marker + j.summary();
            if (!against.equals(f.counterEvidence())) {
                // still doubted: the evidence against as the judge sees it this cycle
                out.fact(f.head(), f.relation(), f.tail(), Map.of("counterEvidence", against, "judgement", j.summary()));
            }
        }
    }

    /**
     * Whether a rule with a body predicts the candidate. A zero rule ({@code r(X,c) <=}) says how common
     * an answer is, not why this entity has it: on its own it neither proposes nor confirms a fact.
     */
    static boolean fromABody(RuleEngine engine, Prediction pr) {
        return engine.rules().get(pr.rules()[0]).kind() != Rule.Kind.ZERO;
    }
}
