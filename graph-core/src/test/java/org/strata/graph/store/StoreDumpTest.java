package org.strata.graph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.TestData;
import org.strata.graph.io.TripleFormat;
import org.strata.graph.progress.ProgressListener;

/** The undo oracle sees what a set would hide: a duplicated element, and a change of schema. */
class StoreDumpTest {

    @TempDir
    Path dir;

    @Test
    void aDuplicatedElement_isADifference() {
        StoreDump one = new StoreDump(List.of("vertexLabel Entity"), List.of("V Entity {uid=String:a}"));
        StoreDump two = new StoreDump(List.of("vertexLabel Entity"), List.of("V Entity {uid=String:a}",
                "V Entity {uid=String:a}"));
        assertNotEquals(one, two);
        assertEquals(List.of("+ V Entity {uid=String:a}"), one.diff(two));
        assertEquals(List.of("- V Entity {uid=String:a}"), two.diff(one));
        assertEquals(List.of(), two.diff(two));
    }

    @Test
    void aRealStore_showsItsSchema_andANewRelationChangesIt() throws Exception {
        try (GraphStore store = Stores.open(StoreSpec.inMemory())) {
            store.importFacts(ImportRequest.of(List.of(TestData.triples(dir, "a.tsv", "a r b; b r c")),
                    TripleFormat.TSV, null, "test"), ProgressListener.NONE);
            StoreDump before = StoreDump.of(store);
            assertTrue(before.schema().stream().anyMatch(l -> l.startsWith("edgeLabel r ")), before.schema().toString());
            assertTrue(before.schema().stream().anyMatch(l -> l.startsWith("propertyKey uid String")),
                    before.schema().toString());
            assertEquals(5, before.size(), "three entities and two facts: " + before.elements());
            store.apply(new ChangeSet().newRelation("s").addFact("a", "s", "c", "test", java.util.Map.of()),
                    DeltaKind.ADMIT, "test", ProgressListener.NONE);
            List<String> diff = before.diff(StoreDump.of(store));
            assertTrue(diff.stream().anyMatch(l -> l.startsWith("+ schema edgeLabel s ")), diff.toString());
            assertTrue(diff.stream().anyMatch(l -> l.startsWith("+ E e:a -s-> e:c")), diff.toString());
        }
    }
}
