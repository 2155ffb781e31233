package org.strata.rules.combine;

import org.strata.graph.eval.LinkScorer;
import org.strata.graph.eval.Scores;
import org.strata.graph.projection.Projection;
import org.strata.rules.apply.RuleEngine;

/**
 * A learned rule combination as a scorer for the shared evaluator: every rule of the query's relation
 * fires, the best {@code maxCandidates} candidates by the starting aggregation are kept (as in training),
 * and each scores as the network says; entities no rule reaches (or past the cap) stay unscored and tie at
 * the bottom.
 */
public final class NetworkScorer implements LinkScorer {

    private final RuleEngine engine;
    private final RuleNetwork network;
    private final int maxCandidates;
    private final int maxRules;
    private final int maxVisits;
    private final Projection known;

    /**
     * @param known the evaluation's filter (every known fact): its answers are scored but do not count towards
     *              {@code maxCandidates}, as the validation queries never hold them; or null
     */
    public NetworkScorer(RuleEngine engine, RuleNetwork network, int maxCandidates, int maxRules, int maxVisits,
                         Projection known) {
        this.known = known;
        this.engine = engine;
        this.network = network;
        this.maxCandidates = maxCandidates;
        this.maxRules = maxRules;
        this.maxVisits = maxVisits;
    }

    @Override
    public String name() {
        return "rule network";
    }

    @Override
    public Session newSession() {
        QueryBuilder builder = new QueryBuilder(engine, network.startingPoint(), engine.train(), known, maxCandidates,
                maxRules, maxVisits);
        return (entity, relation, direction) -> {
            Query q = builder.answering(entity, relation, direction);
            int n = q.candidates().length;
            float[] values = new float[n];
            Layout l = new Layout();
            for (int i = 0; i < n; i++) {
                values[i] = (float) network.score(q, i, l);
            }
            return new Scores.Sparse(q.candidates(), values, n);
        };
    }
}
