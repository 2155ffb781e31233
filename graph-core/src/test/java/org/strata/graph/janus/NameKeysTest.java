package org.strata.graph.janus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.JanusGraphTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.TestData;
import org.strata.graph.cassandra.TestNode;
import org.strata.graph.io.TripleFormat;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.ImportRequest;
import org.strata.graph.store.StoreSpec;
import org.strata.graph.store.Stores;

/** The words and prefixes a name is found by without a search server, and their backfill. */
class NameKeysTest {

    @TempDir
    Path dir;

    @Test
    void words_areLowerCaseRunsOfLettersAndDigits() {
        assertEquals(List.of("alpha", "2", "virus", "ärger"), List.copyOf(NameKeys.words("Alpha-2 virus, (Ärger) virus")));
        assertEquals(Set.of(), NameKeys.words(" -- "));
    }

    @Test
    void prefixes_areTheWholeNamesFirstCharacters_upToTheLongest() {
        assertEquals(List.of("a", "ab", "ab "), List.copyOf(NameKeys.prefixes("Ab ")));
        List<String> longName = List.copyOf(NameKeys.prefixes("Interleukin-2 receptor"));
        assertEquals(NameKeys.PREFIX_MAX, longName.size());
        assertEquals("interl", longName.get(longName.size() - 1));
        // a character outside the basic plane counts once and is never split
        assertEquals(List.of("𝔸", "𝔸b"), List.copyOf(NameKeys.prefixes("𝔸b")));
    }

    /** A CQL store whose names lost their keys (as in a store made before them) gains them all back. */
    @Test
    void backfill_givesEveryNamedEntityItsKeys() {
        try (GraphStore store = Stores.open(StoreSpec.configFile(TestNode.newStoreConfig(dir.resolve("store"))))) {
            store.importFacts(new ImportRequest(List.of(TestData.triples(dir, "a.tsv", "a r b; c r b")), TripleFormat.TSV,
                    TestData.write(dir, "names.tsv", "a\tAlpha Virus\nb\tBeta\n"), "test import", 3, 2), ProgressListener.NONE);
            JanusGraph graph = (JanusGraph) store.graph();
            JanusGraphTransaction tx = graph.newTransaction();
            tx.traversal().V().properties(NameKeys.WORD, NameKeys.PREFIX).drop().iterate();
            tx.commit();
            assertEquals(0L, count(graph, NameKeys.WORD));
            assertEquals(2, NameKeys.backfill(graph));
            assertEquals(3L, count(graph, NameKeys.WORD)); // alpha, virus, beta
            // "alpha " and its 5 shorter prefixes; "beta" and its 3
            assertEquals(6L + 4L, count(graph, NameKeys.PREFIX));
            JanusGraphTransaction read = graph.newTransaction();
            try {
                List<Object> found = read.traversal().V().has(NameKeys.WORD, "virus").values("uid").toList();
                assertEquals(List.of("a"), found);
            } finally {
                read.rollback();
            }
        }
    }

    private static long count(JanusGraph graph, String key) {
        JanusGraphTransaction tx = graph.newTransaction();
        try {
            return tx.traversal().V().values(key).count().next();
        } finally {
            tx.rollback();
        }
    }
}
