package org.strata.graph.eval;

import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.graph.projection.RelationIndex;

/**
 * The frequency baseline: a candidate tail of {@code (h, r, ?)} scores how often it is the tail of
 * relation {@code r} in training, a candidate head likewise. It ignores the query entity, so it is the
 * floor any real scorer must clear. O(n) per query.
 */
public final class FrequencyScorer implements LinkScorer {

    private final Projection train;

    /** @param train the training facts */
    public FrequencyScorer(Projection train) {
        this.train = train;
    }

    @Override
    public String name() {
        return "frequency";
    }

    @Override
    public Session newSession() {
        float[] scores = new float[train.entityCount()];
        return (entity, relation, direction) -> {
            java.util.Arrays.fill(scores, 0f);
            // tails of (h, r, ?) are counted by how many heads point at them: the IN index of r
            RelationIndex counts = train.index(relation, direction == Direction.OUT ? Direction.IN : Direction.OUT);
            for (int k = 0; k < counts.keyCount(); k++) {
                scores[counts.key(k)] = counts.end(k) - counts.start(k);
            }
            return new Scores.Dense(scores);
        };
    }
}
