package org.strata.graph.janus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.apache.tinkerpop.gremlin.structure.T;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.JanusGraphEdge;
import org.janusgraph.core.JanusGraphTransaction;
import org.janusgraph.core.JanusGraphVertex;
import org.janusgraph.graphdb.configuration.GraphDatabaseConfiguration;
import org.janusgraph.graphdb.database.StandardJanusGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.TestData;
import org.strata.graph.io.TripleFormat;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.projection.Projection;
import org.strata.graph.store.DeltaState;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.ImportRequest;
import org.strata.graph.store.StoreSpec;
import org.strata.graph.store.Stores;

/** A delta left PENDING (as by a killed process) is repaired when the store is opened again. */
class RecoveryTest {

    @TempDir
    Path dir;

    private static String facts(GraphStore s) {
        Projection p = s.project(ProgressListener.NONE);
        StringBuilder sb = new StringBuilder();
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < p.factCount(); i++) {
            lines.add(p.entities().name(p.head(i)) + " " + p.relations().name(p.relation(i)) + " "
                    + p.entities().name(p.tail(i)));
        }
        lines.sort(null);
        lines.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    @Test
    void unfinishedImport_isRolledBackOnOpen() {
        Path storeDir = dir.resolve("store");
        String before;
        try (GraphStore s = Stores.open(StoreSpec.embedded(storeDir))) {
            s.importFacts(ImportRequest.of(List.of(TestData.triples(dir, "a.tsv", "a r b; b r c")), TripleFormat.TSV,
                    null, "base"), ProgressListener.NONE);
            before = facts(s);
            // what a killed import leaves: a pending delta, a new entity, a new fact, and an entry on an old fact
            JanusGraph graph = (JanusGraph) s.graph();
            DeltaLog log = new DeltaLog(graph);
            String d2 = log.open(org.strata.graph.store.DeltaKind.IMPORT, "killed", Instant.now(),
                    List.of(new DeltaLog.SourceSpec("file", "/x.tsv", "00", 2)), null);
            JanusGraphTransaction tx = graph.newTransaction();
            JanusGraphVertex b = (JanusGraphVertex) tx.traversal().V().has(Schema.UID, "b").next();
            JanusGraphVertex x = tx.addVertex(T.label, Schema.ENTITY, Schema.UID, "x", Schema.CREATED_BY, d2,
                    Schema.NAME, "Ex", Schema.NAMED_BY, d2);
            b.addEdge("r", x, Schema.PROVENANCE, "d2.1:1", Schema.SUPPORT, 1, Schema.FIRST_SEEN, new Date());
            JanusGraphEdge bc = (JanusGraphEdge) tx.traversal().V().has(Schema.UID, "b").outE("r").next();
            bc.property(Schema.PROVENANCE, bc.value(Schema.PROVENANCE) + " d2.1:2");
            tx.commit();
            assertEquals("a r b\nb r c\nb r x\n", facts(s));
        }
        try (GraphStore s = Stores.open(StoreSpec.embedded(storeDir))) {
            assertEquals(List.of("d2"), s.recovery().rolledBack());
            assertEquals(before, facts(s));
            assertEquals(List.of("d1"), s.history().stream().map(d -> d.id()).toList());
            var g = s.graph().traversal();
            assertEquals("d1.1:2", g.V().has(Schema.UID, "b").outE("r").values(Schema.PROVENANCE).next());
            assertFalse(g.V().has(Schema.UID, "x").hasNext());
            assertFalse(g.V().has(Schema.SOURCE_ID, "d2.1").hasNext());
            g.tx().rollback();
        }
    }

    @Test
    void embeddedStore_readsItsManagementLogAtOpenOnly() {
        // a management-log poll interrupted by close left BerkeleyJE unable to reopen the directory
        try (GraphStore s = Stores.open(StoreSpec.embedded(dir.resolve("store")))) {
            var config = ((StandardJanusGraph) s.graph()).getConfiguration().getConfiguration();
            assertEquals(JanusGraphStore.MANAGEMENT_LOG_READ_INTERVAL, config.get(
                    GraphDatabaseConfiguration.LOG_READ_INTERVAL, GraphDatabaseConfiguration.MANAGEMENT_LOG));
        }
    }

    @Test
    void unfinishedUndo_isCompletedOnOpen() {
        Path storeDir = dir.resolve("store");
        try (GraphStore s = Stores.open(StoreSpec.embedded(storeDir))) {
            s.importFacts(ImportRequest.of(List.of(TestData.triples(dir, "a.tsv", "a r b")), TripleFormat.TSV,
                    null, "base"), ProgressListener.NONE);
            new DeltaLog((JanusGraph) s.graph()).open(org.strata.graph.store.DeltaKind.UNDO, "undo d1, killed", Instant.now(), List.of(),
                    "d1");
        }
        try (GraphStore s = Stores.open(StoreSpec.embedded(storeDir))) {
            assertEquals(List.of("d2"), s.recovery().completed());
            assertEquals("", facts(s));
            assertEquals(DeltaState.UNDONE, s.history().get(0).state());
            assertEquals(DeltaState.COMMITTED, s.history().get(1).state());
        }
    }
}
