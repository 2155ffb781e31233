package org.strata.graph.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;

/**
 * Counts that describe a store: entities, facts, relations, the largest relations and the distribution
 * of entity degrees (facts an entity takes part in, either side).
 *
 * @param entities        entities
 * @param facts           distinct facts
 * @param relations       relations with at least one fact
 * @param topRelations    the largest relations, largest first
 * @param degreeMean      mean degree
 * @param degreeP50       median degree
 * @param degreeP90       90th percentile
 * @param degreeP99       99th percentile
 * @param degreeMax       largest degree
 */
public record StoreStats(int entities, int facts, int relations, List<RelationCount> topRelations,
                         double degreeMean, int degreeP50, int degreeP90, int degreeP99, int degreeMax) {

    /** A relation and its number of facts. */
    public record RelationCount(String relation, int facts) {
    }

    /** Computes the statistics of a projection, listing the {@code top} largest relations. */
    public static StoreStats of(Projection p, int top) {
        List<RelationCount> counts = new ArrayList<>();
        int nonEmpty = 0;
        for (int r = 0; r < p.relationCount(); r++) {
            int n = p.relationEnd(r) - p.relationStart(r);
            if (n > 0) {
                nonEmpty++;
                counts.add(new RelationCount(p.relations().name(r), n));
            }
        }
        counts.sort((a, b) -> a.facts() != b.facts() ? Integer.compare(b.facts(), a.facts())
                : a.relation().compareTo(b.relation()));
        int n = p.entityCount();
        int[] degree = new int[n];
        long sum = 0;
        for (int e = 0; e < n; e++) {
            degree[e] = p.adjacency(Direction.OUT).degree(e) + p.adjacency(Direction.IN).degree(e);
            sum += degree[e];
        }
        Arrays.sort(degree);
        return new StoreStats(n, p.factCount(), nonEmpty, List.copyOf(counts.subList(0, Math.min(top, counts.size()))),
                n == 0 ? 0 : (double) sum / n, percentile(degree, 0.50), percentile(degree, 0.90),
                percentile(degree, 0.99), n == 0 ? 0 : degree[n - 1]);
    }

    /** Nearest-rank percentile of a sorted array. */
    static int percentile(int[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
