package org.strata.graph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
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
}
