package org.strata.rules.spread;

import org.strata.graph.eval.LinkScorer;
import org.strata.graph.eval.Scores;
import org.strata.graph.projection.Direction;

/**
 * The spread network as a link scorer for the shared evaluator: a query (h, r, ?) clamps s(h) and
 * settles K steps with the gates of r; (?, r, t) clamps s(t) with the gates of r's inverse; answers are
 * ranked by their object units' activity.
 */
public final class SpreadScorer implements LinkScorer {

    private final SpreadGraph graph;
    private final SpreadModel model;

    public SpreadScorer(SpreadGraph graph, SpreadModel model) {
        if (model.relations() != graph.relations() || model.entities() != graph.entities()) {
            throw new IllegalArgumentException("the weights are for " + model.relations() + " relations and "
                    + model.entities() + " entities, the graph has " + graph.relations() + " and " + graph.entities());
        }
        this.graph = graph;
        this.model = model;
    }

    @Override
    public String name() {
        return "spread";
    }

    @Override
    public Session newSession() {
        Spreader net = new Spreader(graph, model);
        float[] out = new float[graph.entities()];
        return (entity, relation, direction) -> {
            int q = direction == Direction.OUT ? relation : graph.relations() + relation;
            net.start(entity, q);
            net.settle(q, model.steps(), 0, -1);
            net.scores(out);
            return new Scores.Dense(out);
        };
    }
}
