package org.strata.llm.ask;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.strata.graph.store.FactRecord;
import org.strata.graph.store.LifecycleState;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.RuleStateRecord;

/**
 * Builds the {@link GraphContext} of a question: the entities the full-text index finds for its words,
 * the facts around each (believed ones first, then CANDIDATE and LEFTOVER, marked), and the most
 * confident stored rules whose head is one of those facts' relations.
 */
public final class ContextBuilder {

    private final GraphStore store;
    private final int maxEntities;
    private final int factsPerEntity;
    private final int maxRules;

    public ContextBuilder(GraphStore store, int maxEntities, int factsPerEntity, int maxRules) {
        this.store = store;
        this.maxEntities = maxEntities;
        this.factsPerEntity = factsPerEntity;
        this.maxRules = maxRules;
    }

    public GraphContext build(String question) {
        List<String> entities = store.findEntities(question, maxEntities);
        List<GraphContext.Fact> facts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> relations = new LinkedHashSet<>();
        Set<String> uids = new LinkedHashSet<>(entities);
        for (String uid : entities) {
            List<FactRecord> around = new ArrayList<>(store.factsAround(uid, factsPerEntity * 4));
            around.sort(Comparator.comparingInt(ContextBuilder::rank));
            int n = 0;
            for (FactRecord f : around) {
                String key = f.head() + "\u0000" + f.relation() + "\u0000" + f.tail();
                if (n >= factsPerEntity || !seen.add(key)) {
                    continue;
                }
                facts.add(new GraphContext.Fact("f" + (facts.size() + 1), f.head(), f.relation(), f.tail(), f.state().name()));
                relations.add(f.relation());
                uids.add(f.head());
                uids.add(f.tail());
                n++;
            }
        }
        List<RuleStateRecord> rules = new ArrayList<>();
        for (RuleStateRecord r : store.rules()) {
            if (relations.contains(r.headRelation()) && r.state() != LifecycleState.LEFTOVER && r.state() != LifecycleState.DEPRECATED) {
                rules.add(r);
            }
        }
        rules.sort(Comparator.comparingDouble(RuleStateRecord::confidence).reversed()
                .thenComparing(RuleStateRecord::text));
        List<GraphContext.RuleLine> lines = new ArrayList<>();
        for (RuleStateRecord r : rules.subList(0, Math.min(maxRules, rules.size()))) {
            lines.add(new GraphContext.RuleLine("r" + (lines.size() + 1), r.text(), r.confidence(), r.state().name()));
        }
        Map<String, String> all = store.names();
        Map<String, String> names = new java.util.HashMap<>();
        for (String u : uids) {
            if (all.containsKey(u)) {
                names.put(u, all.get(u));
            }
        }
        return new GraphContext(question, entities, facts, lines, names);
    }

    private static int rank(FactRecord f) {
        return switch (f.state()) {
            case SOLIDIFIED -> 0;
            case STABLE -> 1;
            case CANDIDATE -> 2;
            case LEFTOVER, DEPRECATED -> 3;
        };
    }
}
