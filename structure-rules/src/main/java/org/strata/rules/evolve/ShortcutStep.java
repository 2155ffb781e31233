package org.strata.rules.evolve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.strata.graph.projection.Projection;
import org.strata.graph.store.ChangeSet;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.LifecycleState;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.model.Rule;
import org.strata.rules.model.RuleFormat;

/**
 * An evolve cycle's last step: the paths of the confirmed rules walked most become SHORTCUT edges.
 */
final class ShortcutStep {

    private final GraphStore store;
    private final EvolveSettings settings;
    private final Map<Integer, Integer> ruleUses;
    private final Map<String, LifecycleState> ruleStates;

    ShortcutStep(GraphStore store, EvolveSettings settings, Map<Integer, Integer> ruleUses,
                 Map<String, LifecycleState> ruleStates) {
        this.store = store;
        this.settings = settings;
        this.ruleUses = ruleUses;
        this.ruleStates = ruleStates;
    }

    /**
     * Materialises the paths of the rules walked most: a STABLE or SOLIDIFIED cyclic rule with a body of
     * two or three steps, confidence at least the admit score, and at least {@code shortcutMinUses}
     * answers this cycle gets a SHORTCUT edge from each head to each end of its body path (up to
     * {@code shortcutsPerRule}), marked with the rule. One edge per entity pair; the set replaces the
     * previous cycle's. Nothing to do (no delta) while no rule qualifies and no shortcut exists.
     */
    void run(Projection p, RuleEngine engine, double pc, ChangeSet out, Map<String, Double> stability) {
        if (settings.shortcutMinUses() == 0) {
            return;
        }
        List<Integer> chosen = new ArrayList<>();
        for (Map.Entry<Integer, Integer> e : ruleUses.entrySet()) {
            Rule r = engine.rules().get(e.getKey());
            String text = RuleFormat.text(r, p.entities(), p.relations());
            LifecycleState state = ruleStates.get(text);
            if (e.getValue() >= settings.shortcutMinUses() && r.kind() == Rule.Kind.CYCLIC && r.length() >= 2
                    && r.confidence(pc) >= settings.admitScore()
                    && state != null && state.believed()) {
                chosen.add(e.getKey());
            }
        }
        chosen.sort(Comparator.naturalOrder());
        Map<Long, ChangeSet.Shortcut> pairs = new LinkedHashMap<>();
        org.strata.rules.ground.PathWalker walker = new org.strata.rules.ground.PathWalker(p, EvolutionCycle.MAX_VISITS);
        for (int index : chosen) {
            Rule r = engine.rules().get(index);
            String text = RuleFormat.text(r, p.entities(), p.relations());
            String relation = p.relations().name(r.head());
            int[] rels = new int[r.length()];
            boolean[] inv = new boolean[r.length()];
            for (int i = 0; i < r.length(); i++) {
                rels[i] = r.relation(i);
                inv[i] = r.inverse(i);
            }
            int made = 0;
            for (int x = 0; x < p.entityCount() && made < settings.shortcutsPerRule(); x++) {
                int n = walker.ends(x, rels, inv, r.length(), -1);
                for (int i = 0; i < n && made < settings.shortcutsPerRule(); i++) {
                    int y = walker.end(i);
                    long key = ((long) x << 32) | y;
                    if (!pairs.containsKey(key)) {
                        pairs.put(key, new ChangeSet.Shortcut(p.entities().name(x), p.entities().name(y), text, relation));
                        made++;
                    }
                }
            }
        }
        stability.put("shortcutRules", (double) chosen.size());
        if (!pairs.isEmpty() || store.shortcutCount() > 0) {
            out.shortcuts(new ArrayList<>(pairs.values()));
        }
    }
}
