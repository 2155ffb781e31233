package org.strata.rules.evolve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.strata.graph.projection.Projection;
import org.strata.graph.store.ChangeSet;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.LifecycleState;
import org.strata.graph.store.RuleRecord;
import org.strata.graph.store.RuleStateRecord;
import org.strata.rules.learn.RuleLearner;
import org.strata.rules.model.Rule;
import org.strata.rules.model.RuleFormat;

/**
 * An evolve cycle's rules step: the best learned rules are kept in the store; a stored rule found again
 * gains a confirmation and is promoted (a LEFTOVER one comes back as CANDIDATE), one not found becomes
 * LEFTOVER; rule churn is recorded as a stability figure.
 */
final class RuleRefreshStep {

    private final GraphStore store;
    private final EvolveSettings settings;

    RuleRefreshStep(GraphStore store, EvolveSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /**
     * Writes the rule changes into {@code out}; returns each kept rule's state after this step, by text.
     */
    Map<String, LifecycleState> run(Projection p, List<Rule> learned, double pc, ChangeSet out,
                                    Map<String, Double> stability) {
        Map<String, LifecycleState> ruleStates = new HashMap<>();
        List<Rule> best = new ArrayList<>(learned);
        best.sort(RuleLearner.order(pc));
        best = best.subList(0, Math.min(best.size(), settings.rulesKept()));
        Map<String, Rule> now = new LinkedHashMap<>();
        for (Rule r : best) {
            now.put(RuleFormat.text(r, p.entities(), p.relations()), r);
        }
        Map<String, RuleStateRecord> stored = new HashMap<>();
        for (RuleStateRecord r : store.rules()) {
            stored.put(r.text(), r);
        }
        int refound = 0;
        for (Map.Entry<String, Rule> e : now.entrySet()) {
            RuleStateRecord was = stored.get(e.getKey());
            Rule r = e.getValue();
            if (was == null) {
                ruleStates.put(e.getKey(), LifecycleState.CANDIDATE);
                out.addRule(new RuleRecord(e.getKey(), p.relations().name(r.head()), r.kind().name(), r.predicted(),
                        r.correct(), r.confidence(pc)));
            } else {
                refound++;
                int confirmations = was.confirmations() + 1;
                LifecycleState state = was.state() == LifecycleState.LEFTOVER ? LifecycleState.CANDIDATE
                        : was.state();
                LifecycleState next = state.promoted(confirmations, settings.toStable(), settings.toSolidified());
                ruleStates.put(e.getKey(), next);
                out.rule(e.getKey(), Map.of("confirmations", confirmations, "confidence", r.confidence(pc),
                        "state", next.name()));
            }
        }
        int dropped = 0;
        for (RuleStateRecord r : stored.values()) {
            if (!now.containsKey(r.text()) && r.state() != LifecycleState.LEFTOVER
                    && r.state() != LifecycleState.DEPRECATED) {
                out.rule(r.text(), Map.of("state", LifecycleState.LEFTOVER.name()));
                dropped++;
            }
        }
        if (!stored.isEmpty()) {
            // churn: the share of the previous rule set not found again, plus new rules, over both sets
            double union = stored.size() + now.size() - refound;
            stability.put("ruleChurn", union == 0 ? 0 : (union - refound) / union);
        }
        stability.put("rulesKept", (double) now.size());
        stability.put("rulesDropped", (double) dropped);
        return ruleStates;
    }
}
