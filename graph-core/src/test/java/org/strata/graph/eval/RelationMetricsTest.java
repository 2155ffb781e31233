package org.strata.graph.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.strata.graph.projection.TripleList;

class RelationMetricsTest {

    @Test
    void eachRelationGetsItsOwnQueries_mostQueriesFirst() {
        // triples 0 and 2 are relation 1 ("b"), triple 1 is relation 0 ("a"); relation 2 has none
        TripleList triples = new TripleList(new int[] {0, 1, 2}, new int[] {1, 0, 1}, new int[] {3, 4, 5});
        double[] ranks = {1, 2, 4, Double.POSITIVE_INFINITY, 10, 1};
        List<RelationMetrics> m = RelationMetrics.of(triples, ranks, r -> new String[] {"a", "b", "c"}[r]);
        assertEquals(List.of("b", "a"), m.stream().map(RelationMetrics::relation).toList());
        RelationMetrics b = m.get(0);
        assertEquals(4, b.both().queries());
        assertEquals((1 + 0.5 + 0.1 + 1) / 4, b.both().mrr(), 1e-12);
        assertEquals((1 + 0.1) / 2, b.tail().mrr(), 1e-12);
        assertEquals((0.5 + 1) / 2, b.head().mrr(), 1e-12);
        assertEquals(0.5, b.both().hits1(), 1e-12);
        assertEquals(1.0, b.both().hits10(), 1e-12);
        RelationMetrics a = m.get(1);
        assertEquals(0.25, a.tail().mrr(), 1e-12);
        assertEquals(0.0, a.head().mrr(), 1e-12);
        assertEquals(0.5, a.both().hits10(), 1e-12); // rank 4 is within 10, the miss is not
    }

    @Test
    void ranksOfAnotherLength_areRefused() {
        TripleList triples = new TripleList(new int[] {0}, new int[] {0}, new int[] {1});
        assertThrows(IllegalArgumentException.class, () -> RelationMetrics.of(triples, new double[3], r -> "a"));
    }
}
