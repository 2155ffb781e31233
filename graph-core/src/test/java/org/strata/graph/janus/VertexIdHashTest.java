package org.strata.graph.janus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.janusgraph.core.JanusGraphTransaction;
import org.janusgraph.core.JanusGraphVertex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.StoreSpec;
import org.strata.graph.store.Stores;

/**
 * A new embedded store numbers its vertices so that their ids hash evenly in the per-transaction vertex cache
 * a traversal fills (with JanusGraph's default of 32 partitions, ids fill about one bin in 16 and bins
 * overflow into trees).
 */
class VertexIdHashTest {

    /** ConcurrentHashMap turns a bin into a tree at this many entries. */
    private static final int TREEIFY_THRESHOLD = 8;

    @TempDir
    Path dir;

    @Test
    void newVertices_haveIdsThatHashEvenly() {
        int n = 3000;
        List<Long> ids = new ArrayList<>();
        try (GraphStore s = Stores.open(StoreSpec.embedded(dir.resolve("store")))) {
            StrataJanusGraph graph = (StrataJanusGraph) s.graph();
            JanusGraphTransaction tx = graph.newTransaction();
            List<JanusGraphVertex> added = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                JanusGraphVertex v = tx.addVertex(Schema.ENTITY);
                v.property(Schema.UID, "e" + i);
                added.add(v);
            }
            tx.commit();
            for (JanusGraphVertex v : added) {
                ids.add(((Number) v.id()).longValue());
            }
            assertEquals(JanusGraphStore.VERTEX_PARTITIONS, graph.getIDManager().getPartitionBound());
        }
        // the table a ConcurrentHashMap of n entries uses (load factor 0.75), indexed as it indexes
        int bins = Integer.highestOneBit(n * 4 / 3) * 2;
        int[] load = new int[bins];
        int fullest = 0;
        for (long id : ids) {
            int h = Long.hashCode(id);
            int bin = (h ^ (h >>> 16)) & (bins - 1);
            fullest = Math.max(fullest, ++load[bin]);
        }
        assertTrue(fullest < TREEIFY_THRESHOLD, "the fullest of " + bins + " bins holds " + fullest + " ids");
    }
}
