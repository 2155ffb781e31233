package org.strata.graph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.junit.jupiter.api.Test;
import org.strata.graph.TestData;
import org.strata.graph.cassandra.TestNode;

/**
 * The contract on JanusGraph's CQL backend against a real Apache Cassandra 5.0 node (started for this
 * test JVM on loopback ports), each test in a keyspace of its own.
 */
class CqlStoreTest extends StoreContractTest {

    @Override
    GraphStore newStore(Path dir) {
        return Stores.open(StoreSpec.configFile(TestNode.newStoreConfig(dir)));
    }

    @Test
    void exactNames_areFoundThroughACompositeIndex_withoutASearchBackend() {
        importFiles(TestData.write(dir, "names.tsv", "a\tAlpha\nb\tBeta\n"), TestData.triples(dir, "a.tsv", "a r b; c r b"));
        GraphTraversalSource g = store.graph().traversal();
        try {
            assertEquals(List.of("a"), g.V().has("name", "Alpha").values("uid").toList());
            String profile = g.V().has("name", "Alpha").profile().next().toString();
            assertTrue(profile.contains("entityByExactName"), "looked up by the index: " + profile);
        } finally {
            g.tx().rollback();
        }
    }
}
