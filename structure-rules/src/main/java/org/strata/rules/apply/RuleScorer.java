package org.strata.rules.apply;

import java.util.List;
import org.strata.graph.eval.LinkScorer;
import org.strata.graph.eval.Scores;

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

    /**
     * Ranks new answers: the training facts the rules were learned from are never candidates.
     *
     * @param k      candidates gathered per query (other known answers are filtered out later, so more
     *               than the ranks that matter)
     * @param settle ranks whose ties are broken by further rules
     */
    public RuleScorer(RuleEngine engine, int k, int settle, int maxVisits) {
        this.engine = engine;
        this.k = k;
        this.settle = settle;
        this.maxVisits = maxVisits;
    }

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public Session newSession() {
        RuleEngine.Session session = engine.newSession(k, settle, maxVisits, engine.train());
        int[][] entities = {new int[256]};
        float[][] values = {new float[256]};
        return (entity, relation, direction) -> {
            List<Prediction> p = session.predict(entity, relation, direction);
            if (p.size() > entities[0].length) {
                entities[0] = new int[p.size() * 2];
                values[0] = new float[p.size() * 2];
            }
            float score = p.size();
            for (int i = 0; i < p.size(); i++) {
                if (i > 0 && !session.tied(p.get(i - 1), p.get(i))) {
                    score = p.size() - i;
                }
                entities[0][i] = p.get(i).entity();
                values[0][i] = score;
            }
            return new Scores.Sparse(entities[0], values[0], p.size());
        };
    }

}
