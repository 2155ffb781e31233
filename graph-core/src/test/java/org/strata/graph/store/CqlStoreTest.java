package org.strata.graph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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

    /**
     * Without a search server, words and prefixes of names are found by equality on keys that follow the name
     * through composite indexes: set by an import, changed by a client's rename, restored by its undo, gone
     * with the undo of the import; clients cannot write them; the LLM bridge's entity search uses them.
     */
    @Test
    void wordsAndPrefixesOfNames_followEveryChange_throughCompositeIndexes() {
        ImportResult named = importFiles(TestData.write(dir, "names.tsv", "a\tAlpha Virus\nb\tBeta-virus\n"),
                TestData.triples(dir, "a.tsv", "a r b; c r b"));
        GraphTraversalSource g = store.graph().traversal();
        try {
            assertEquals(Set.of("a", "b"), uids(g, "nameWord", "virus"));
            assertEquals(Set.of("a"), uids(g, "namePrefix", "alph"));
            assertEquals(Set.of("b"), uids(g, "namePrefix", "beta-v")); // the whole name's prefix, in lower case
            assertEquals(Set.of(), uids(g, "namePrefix", "virus"));
            String words = g.V().has("nameWord", "virus").profile().next().toString();
            String prefixes = g.V().has("namePrefix", "alph").profile().next().toString();
            g.tx().rollback();
            assertTrue(words.contains("entityByNameWord") && prefixes.contains("entityByNamePrefix"),
                    "looked up by the indexes: " + words + prefixes);
            assertEquals(Set.of("a", "b"), new TreeSet<>(store.findEntities("Which virus is it?", 5)));

            // a client renames a and names c: the old words and prefixes go, the new ones come
            g.V().has("uid", "a").property("name", "Gamma Ray").iterate();
            g.V().has("uid", "c").property("name", "Delta").iterate();
            g.tx().commit();
            String rename = store.history().get(store.history().size() - 1).id();
            assertEquals(Set.of("b"), uids(g, "nameWord", "virus"));
            assertEquals(Set.of("a"), uids(g, "nameWord", "ray"));
            assertEquals(Set.of(), uids(g, "namePrefix", "alph"));
            assertEquals(Set.of("a"), uids(g, "namePrefix", "gamma "));
            assertEquals(Set.of("c"), uids(g, "namePrefix", "d"));
            assertEquals(List.of("gamma", "ray"), g.V().has("uid", "a").values("nameWord").order().toList());
            g.tx().rollback();

            // clients may not write the keys themselves
            g.V().has("uid", "b").property(org.apache.tinkerpop.gremlin.structure.VertexProperty.Cardinality.set,
                    "nameWord", "forged").iterate();
            assertThrows(Exception.class, () -> g.tx().commit());
            assertEquals(Set.of(), uids(g, "nameWord", "forged"));

            // the undo of the rename restores a's words and takes c's away
            store.undo(rename, "undo the rename", org.strata.graph.progress.ProgressListener.NONE);
            assertEquals(Set.of("a", "b"), uids(g, "nameWord", "virus"));
            assertEquals(Set.of(), uids(g, "nameWord", "ray"));
            assertEquals(Set.of(), uids(g, "namePrefix", "d"));
            assertEquals(Set.of("a"), uids(g, "namePrefix", "alpha "));

            // the undo of the import takes the named entities, with every word and prefix
            store.undo(named.deltaId(), "undo the import", org.strata.graph.progress.ProgressListener.NONE);
            assertEquals(0L, g.V().values("nameWord").count().next());
            assertEquals(0L, g.V().values("namePrefix").count().next());
        } finally {
            g.tx().rollback();
        }
    }

    private static Set<String> uids(GraphTraversalSource g, String key, String value) {
        Set<String> out = new TreeSet<>();
        g.V().has(key, value).<String>values("uid").forEachRemaining(out::add);
        g.tx().rollback();
        return out;
    }
}
