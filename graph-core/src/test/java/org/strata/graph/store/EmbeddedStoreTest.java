package org.strata.graph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.junit.jupiter.api.Test;
import org.strata.graph.TestData;

class EmbeddedStoreTest extends StoreContractTest {

    @Override
    GraphStore newStore(Path dir) {
        return Stores.open(StoreSpec.embedded(dir));
    }

    @Test
    void reopening_keepsFactsAndHistory() {
        importFiles(null, TestData.triples(dir, "a.tsv", "a r b; b r c"));
        Set<String> before = export();
        store.close();
        store = Stores.open(StoreSpec.embedded(dir.resolve("store")));
        assertEquals(before, export());
        assertEquals(1, store.history().size());
        assertTrue(store.recovery().isEmpty());
    }

    @Test
    void aDirectoryThatIsNotAStore_isRefused() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        Files.writeString(home.resolve("notes.txt"), "mine");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stores.open(StoreSpec.embedded(home)));
        assertEquals("store " + home + " is not empty and holds no Strata store (strata-store.properties is missing); "
                + "give a new or empty directory", e.getMessage());
        assertEquals(1, Files.list(home).count(), "nothing was written into it");
    }

    @Test
    void aStoreOpenInThisProcess_cannotBeOpenedTwice() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Stores.open(StoreSpec.embedded(dir.resolve("store"))));
        assertTrue(e.getMessage().contains("is in use"), e.getMessage());
    }
    /**
     * The name index splits names as JanusGraph's textContains does: "Barack_Obama" is found by "obama"
     * through the index (no scan), and the entity search of {@code ask} finds it the same way.
     */
    @Test
    void namesAreSplitIntoWordsByTheIndex_asTextContainsSplitsThem() {
        importFiles(TestData.write(dir, "names.tsv", "a\tBarack_Obama\nb\tObama Foundation\nc\tObamacare\n"),
                TestData.triples(dir, "a.tsv", "a r b; c r b"));
        GraphTraversalSource g = store.graph().traversal();
        try {
            assertEquals(List.of("a", "b"), g.V().hasLabel("Entity").has("name",
                    org.janusgraph.core.attribute.Text.textContains("obama")).<String>values("uid").order().toList());
            String profile = g.V().hasLabel("Entity").has("name", org.janusgraph.core.attribute.Text.textContains("obama"))
                    .profile().next().toString();
            assertTrue(profile.contains("entityByName") && !profile.contains("_fullscan=true"), profile);
        } finally {
            g.tx().rollback();
        }
        assertEquals(Set.of("a", "b"), new java.util.TreeSet<>(store.findEntities("What did Obama found?", 5)));
    }
}
