package org.strata.rules.apply;

import java.util.ArrayList;
import java.util.List;
import org.strata.graph.projection.Direction;
import org.strata.rules.ground.PathWalker;
import org.strata.rules.model.Rule;

/**
 * Explains predictions: for each rule that fired for a candidate, finds one grounding of its body in the
 * facts and returns it as atoms (none for a zero rule, whose body is empty). Not thread-safe (owns a
 * walker).
 */
public final class Explainer {

    private final RuleEngine engine;
    private final PathWalker walker;
    private final double pc;

    public Explainer(RuleEngine engine, double pc, int maxVisits) {
        this.engine = engine;
        this.pc = pc;
        this.walker = new PathWalker(engine.train(), maxVisits);
    }

    /** The rules behind a prediction of {@code (entity, relation, ?)} (OUT) or {@code (?, relation, entity)} (IN). */
    public Explanation explain(int queryEntity, Direction direction, Prediction p) {
        List<Explanation.Because> because = new ArrayList<>();
        for (int r : p.rules()) {
            Rule rule = engine.rules().get(r);
            List<int[]> atoms = grounding(rule, queryEntity, direction, p.entity());
            if (atoms != null) {
                because.add(new Explanation.Because(r, rule.confidence(pc), atoms));
            }
        }
        return new Explanation(p.entity(), because);
    }

    /** A grounding of the rule's body for query entity and candidate, as atoms in body order, or null. */
    List<int[]> grounding(Rule rule, int queryEntity, Direction direction, int candidate) {
        int n = rule.length();
        if (n == 0) {
            return List.of(); // a zero rule: its evidence is its counts, how many of r's subjects have c
        }
        int[] rels = new int[n];
        boolean[] inv = new boolean[n];
        for (int i = 0; i < n; i++) {
            rels[i] = rule.relation(i);
            inv[i] = rule.inverse(i);
        }
        int start;
        int target;
        int forbid;
        if (rule.kind() == Rule.Kind.CYCLIC) {
            start = direction == Direction.OUT ? queryEntity : candidate;
            target = direction == Direction.OUT ? candidate : queryEntity;
            forbid = -1;
        } else if (rule.reflexive()) {
            start = candidate; // r(X,X): the candidate is the query entity, and the path starts there
            target = rule.endConstant();
            forbid = Rule.NONE;
        } else {
            // the path starts at the head's variable: the entity that is not the head constant
            start = rule.headConstant() == candidate ? queryEntity : candidate;
            target = rule.endConstant();
            // the head constant is no path node, unless the path ends at it (r(X,c) <= p(X,A), q(A,c)): then
            // the path's own distinct nodes keep it off the middle
            forbid = target == rule.headConstant() ? -1 : rule.headConstant();
        }
        int[] nodes = walker.path(start, rels, inv, n, target, forbid);
        if (nodes == null) {
            return null;
        }
        List<int[]> atoms = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            atoms.add(inv[i] ? new int[] {nodes[i + 1], rels[i], nodes[i]} : new int[] {nodes[i], rels[i], nodes[i + 1]});
        }
        return atoms;
    }
}
