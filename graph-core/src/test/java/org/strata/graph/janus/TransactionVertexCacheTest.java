package org.strata.graph.janus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.janusgraph.core.JanusGraphTransaction;
import org.janusgraph.core.JanusGraphVertex;
import org.janusgraph.graphdb.transaction.StandardJanusGraphTx;
import org.junit.jupiter.api.Test;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.StoreSpec;
import org.strata.graph.store.Stores;

/**
 * Strata's transaction vertex cache: every transaction of the store's graph has it, a traversal through a
 * cache far smaller than what it meets counts what the edges say, and vertices a transaction changed or
 * created stay one object through the cache's trimming and are written at commit.
 */
class TransactionVertexCacheTest {

    private static Object cacheOf(JanusGraphTransaction tx) throws ReflectiveOperationException {
        Field f = StandardJanusGraphTx.class.getDeclaredField("vertexCache");
        f.setAccessible(true);
        return f.get(tx);
    }

    @Test
    void twoHopCounts_throughASmallCache_areTheEdges() throws Exception {
        int n = 200;
        Random rnd = new Random(11);
        try (GraphStore s = Stores.open(StoreSpec.inMemory())) {
            StrataJanusGraph graph = (StrataJanusGraph) s.graph();
            Schema.ensureEdgeLabels(graph, List.of("r"));
            JanusGraphTransaction tx = graph.newTransaction();
            List<JanusGraphVertex> vs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                vs.add(tx.addVertex(Schema.ENTITY));
            }
            List<Set<Integer>> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(new HashSet<>());
            }
            for (int k = 0; k < 1500; k++) {
                int a = rnd.nextInt(n);
                int b = rnd.nextInt(n);
                if (out.get(a).add(b)) {
                    vs.get(a).addEdge("r", vs.get(b));
                }
            }
            tx.commit();
            List<Object> ids = new ArrayList<>();
            for (JanusGraphVertex v : vs) {
                ids.add(v.id());
            }
            for (int i = 0; i < n; i++) {
                long expected = 0;
                for (int b : out.get(i)) {
                    expected += out.get(b).size();
                }
                // read-only: the cache keeps 5 vertices, where a 2-hop meets up to the whole graph
                JanusGraphTransaction read = graph.buildTransaction().readOnly().vertexCacheSize(5).start();
                try {
                    assertInstanceOf(TransactionVertexCache.class, cacheOf(read));
                    GraphTraversalSource g = read.traversal();
                    assertEquals(expected, g.V(ids.get(i)).out("r").out("r").count().next(), "vertex " + i);
                } finally {
                    read.rollback();
                }
            }
        }
    }

    @Test
    void changedAndNewVertices_outlastTrimming_andAreWritten() throws Exception {
        try (GraphStore s = Stores.open(StoreSpec.inMemory())) {
            StrataJanusGraph graph = (StrataJanusGraph) s.graph();
            JanusGraphTransaction setup = graph.newTransaction();
            List<Object> ids = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                JanusGraphVertex v = setup.addVertex(Schema.ENTITY);
                v.property(Schema.UID, "v" + i);
                ids.add(v.id());
            }
            setup.commit();

            // a writable transaction keeps at least 100 vertices: 600 read after the change trim it several times
            JanusGraphTransaction tx = graph.buildTransaction().vertexCacheSize(1).start();
            assertInstanceOf(TransactionVertexCache.class, cacheOf(tx));
            JanusGraphVertex changed = tx.getVertex(ids.get(0));
            changed.property(Schema.NAME, "renamed");
            JanusGraphVertex created = tx.addVertex(Schema.ENTITY);
            created.property(Schema.UID, "new");
            for (Object id : ids.subList(1, ids.size())) {
                tx.getVertex(id).property(Schema.UID).value();
            }
            assertSame(changed, tx.getVertex(ids.get(0)), "the changed vertex is still the transaction's object");
            assertSame(created, tx.getVertex(created.id()), "the new vertex too");
            // a scan meets the stored vertices and, from the cache, the transaction's new one
            assertEquals(601L, tx.traversal().V().count().next());
            tx.commit();

            JanusGraphTransaction check = graph.newTransaction();
            try {
                assertEquals("renamed", check.getVertex(ids.get(0)).property(Schema.NAME).value());
                assertEquals(1L, check.traversal().V().has(Schema.UID, "new").count().next());
            } finally {
                check.rollback();
            }
        }
    }
}
