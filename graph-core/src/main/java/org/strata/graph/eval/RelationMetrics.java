package org.strata.graph.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.strata.graph.projection.TripleList;

/**
 * The metrics of one relation's queries in an evaluation: where a scorer does well and where it does not.
 *
 * @param relation the relation's name
 * @param both     its tail and head queries together
 * @param tail     its tail queries {@code (h, r, ?)}
 * @param head     its head queries {@code (?, r, t)}
 */
public record RelationMetrics(String relation, Metrics both, Metrics tail, Metrics head) {

    /**
     * The metrics per relation of the ranks {@link LinkPredictionEvaluator#ranks} gave for {@code triples}
     * (position {@code 2i} the tail query of triple {@code i}, {@code 2i + 1} its head query), the relations
     * with the most queries first, then by name.
     */
    public static List<RelationMetrics> of(TripleList triples, double[] ranks, java.util.function.IntFunction<String> names) {
        if (ranks.length != 2 * triples.size()) {
            throw new IllegalArgumentException("expected " + 2 * triples.size() + " ranks, got " + ranks.length);
        }
        int relations = 0;
        for (int i = 0; i < triples.size(); i++) {
            relations = Math.max(relations, triples.relations()[i] + 1);
        }
        int[] count = new int[relations];
        for (int i = 0; i < triples.size(); i++) {
            count[triples.relations()[i]]++;
        }
        List<RelationMetrics> out = new ArrayList<>();
        for (int r = 0; r < relations; r++) {
            if (count[r] == 0) {
                continue;
            }
            double[] tails = new double[count[r]];
            double[] heads = new double[count[r]];
            double[] all = new double[2 * count[r]];
            int k = 0;
            for (int i = 0; i < triples.size(); i++) {
                if (triples.relations()[i] == r) {
                    tails[k] = ranks[2 * i];
                    heads[k] = ranks[2 * i + 1];
                    all[2 * k] = ranks[2 * i];
                    all[2 * k + 1] = ranks[2 * i + 1];
                    k++;
                }
            }
            out.add(new RelationMetrics(names.apply(r), Metrics.of(all, 0, 1), Metrics.of(tails, 0, 1),
                    Metrics.of(heads, 0, 1)));
        }
        out.sort(Comparator.comparingInt((RelationMetrics m) -> -m.both().queries()).thenComparing(RelationMetrics::relation));
        return out;
    }
}
