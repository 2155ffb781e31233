package org.strata.rules.partition;

import java.util.Arrays;
import nl.cwts.networkanalysis.Network;
import nl.cwts.util.LargeDoubleArray;
import nl.cwts.util.LargeIntArray;
import org.strata.graph.projection.Projection;

/**
 * The undirected entity graph of a projection: one edge between two distinct entities that share at
 * least one fact, weighted by how many facts they share (in either direction, any relation). Self
 * loops are left out. Node weights are the total edge weight of each node, as modularity needs.
 */
public final class EntityGraph {

    private EntityGraph() {
    }

    /** The network of {@code projection}'s entities, in its dense entity ids. */
    public static Network of(Projection projection) {
        int n = projection.entityCount();
        long[] keys = new long[projection.factCount()];
        int k = 0;
        for (int f = 0; f < projection.factCount(); f++) {
            int a = projection.head(f);
            int b = projection.tail(f);
            if (a == b) {
                continue;
            }
            keys[k++] = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
        }
        return fromPairKeys(n, keys, k);
    }

    /**
     * A network from undirected pairs packed as {@code (min << 32) | max}; repeated pairs add up to the
     * edge's weight.
     */
    static Network fromPairKeys(int nodes, long[] keys, int count) {
        Arrays.sort(keys, 0, count);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                distinct++;
            }
        }
        LargeIntArray[] edges = {new LargeIntArray(2L * distinct), new LargeIntArray(2L * distinct)};
        LargeDoubleArray weights = new LargeDoubleArray(2L * distinct);
        long e = 0;
        for (int i = 0; i < count; ) {
            int j = i;
            while (j < count && keys[j] == keys[i]) {
                j++;
            }
            int a = (int) (keys[i] >>> 32);
            int b = (int) keys[i];
            double w = j - i;
            edges[0].set(e, a);
            edges[1].set(e, b);
            weights.set(e, w);
            e++;
            edges[0].set(e, b);
            edges[1].set(e, a);
            weights.set(e, w);
            e++;
            i = j;
        }
        return new Network(nodes, true, edges, weights, false, false);
    }
}
