package org.strata.rules.apply;

import org.strata.graph.eval.LinkScorer;
import org.strata.graph.eval.Scores;
import org.strata.graph.projection.Projection;

/**
 * Rules as a scorer for the shared evaluator: each query's predictions become sparse scores that keep
 * their order, equal where the aggregation ties them; entities no rule predicts stay unscored (they tie
 * at the bottom, as the protocol says).
 */
public final class RuleScorer implements LinkScorer {

    private final RuleEngine engine;
    private final int k;
    private final int settle;
    private final int maxVisits;
    private final Projection known;

    /**
     * Ranks new answers: the training facts the rules were learned from are never candidates.
     *
     * @param k      candidates gathered per query, not counting known answers
     * @param settle ranks whose ties are broken by further rules, not counting known answers
     * @param known  the facts the evaluation filters (train, valid and test): their answers are ranked but
     *               do not use up {@code k} or {@code settle}, since all but the true one are removed from
     *               the ranking; or null to count every candidate
     */
    public RuleScorer(RuleEngine engine, int k, int settle, int maxVisits, Projection known) {
        this.engine = engine;
        this.k = k;
        this.settle = settle;
        this.maxVisits = maxVisits;
        this.known = known;
    }

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public Session newSession() {
        RuleSession session = engine.newSession(k, settle, maxVisits, engine.train(), known);
        int[][] entities = {new int[256]};
        float[][] values = {new float[256]};
        return (entity, relation, direction) -> {
            int n = session.rank(entity, relation, direction);
            if (n > entities[0].length) {
                entities[0] = new int[n * 2];
                values[0] = new float[n * 2];
            }
            float score = n;
            for (int i = 0; i < n; i++) {
                if (i > 0 && !session.tiedWithPrevious(i)) {
                    score = n - i;
                }
                entities[0][i] = session.rankedEntity(i);
                values[0][i] = score;
            }
            return new Scores.Sparse(entities[0], values[0], n);
        };
    }
}
