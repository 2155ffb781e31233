package org.strata.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.StoreDump;
import org.strata.graph.store.StoreSpec;
import org.strata.graph.store.Stores;

/** {@code strata import --format graphdoc}: bring-your-own extraction through the gate, strict input. */
class GraphDocImportTest {

    @TempDir
    Path dir;

    @Test
    void recordsAndGraphDocuments_areResolvedAndAdmitted_badInputWritesNothing() throws Exception {
        Path store = dir.resolve("store");
        String st = store.toString();
        assertEquals(0, Cli.run("import", "--store", st, Data.umls().resolve("train.txt").toString()).code());
        Path good = dir.resolve("extraction.jsonl");
        Files.writeString(good, String.join("\n",
                "{\"kind\": \"entity\", \"name\": \"Tobacco mosaic virus\", \"type\": \"virus\", "
                        + "\"description\": \"A plant virus.\", \"aliases\": [\"TMV\"]}",
                "{\"kind\": \"relationship\", \"source\": \"Tobacco mosaic virus\", \"target\": \"Virus\", "
                        + "\"relation\": \"IS A\", \"description\": \"\", \"source_ids\": [\"doc1#0\"]}",
                "{\"nodes\": [{\"id\": \"TMV\", \"type\": \"virus\"}, {\"id\": \"Plant\", \"type\": \"organism\"}], "
                        + "\"relationships\": [{\"source\": {\"id\": \"TMV\"}, \"target\": {\"id\": \"Plant\"}, "
                        + "\"type\": \"infectsHost\", \"properties\": {\"description\": \"infects plants\"}}], "
                        + "\"source\": {\"metadata\": {\"source\": \"doc2\"}}}") + "\n");
        StoreDump imported;
        try (GraphStore s = Stores.open(StoreSpec.embedded(store))) {
            imported = StoreDump.of(s);
        }
        Cli.Run run = Cli.run("import", "--store", st, "--format", "graphdoc", good.toString());
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("gate: {admit=2, merge=0, leftover=0, reject=0} of 2 proposed facts"), run.out());
        try (GraphStore s = Stores.open(StoreSpec.embedded(store))) {
            GraphTraversalSource g = s.graph().traversal();
            // "IS A" became is_a; "infectsHost" infects_host; TMV resolved to the same new entity by its alias
            assertEquals(1L, g.V().has("uid", "tobacco_mosaic_virus").count().next());
            assertEquals(Set.of("is_a", "infects_host"), Set.copyOf(g.V().has("uid", "tobacco_mosaic_virus").outE()
                    .label().toList()));
            assertEquals("virus", g.V().has("uid", "tobacco_mosaic_virus").out("is_a").values("uid").next());
            // the declared alias is recorded, with how it was met
            assertEquals("tobacco_mosaic_virus", g.V().hasLabel("Alias").has("name", "TMV").out("ALIAS_OF")
                    .values("uid").next());
            assertEquals(Map.of("tobacco_mosaic_virus", List.of("TMV")), s.aliases());
            s.graph().tx().rollback();
        }
        java.util.regex.Matcher delta = java.util.regex.Pattern.compile("written as delta (d\\d+)").matcher(run.out());
        assertTrue(delta.find(), run.out());
        assertEquals(0, Cli.run("undo", "--store", st, delta.group(1)).code());
        try (GraphStore s = Stores.open(StoreSpec.embedded(store))) {
            StoreDump undone = StoreDump.of(s);
            assertEquals(imported.elements(), undone.elements(),
                    "undo removes the entities, facts, relations' facts and aliases");
            // the schema keeps the two relations the import declared: JanusGraph cannot remove an edge label
            // (an unused label is harmless); nothing else of the schema changed
            assertEquals(List.of("+ schema edgeLabel infects_host MULTI", "+ schema edgeLabel is_a MULTI"),
                    imported.diff(undone));
        }
        assertEquals(0, Cli.run("import", "--store", st, "--format", "graphdoc", good.toString()).code());
        StoreDump before;
        try (GraphStore s = Stores.open(StoreSpec.embedded(store))) {
            before = StoreDump.of(s);
        }
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, """
                {"kind": "entity", "name": "Measles virus", "type": "virus"}
                {"kind": "relationship", "source": "Measles virus", "target": "Virus", "relation": 42}
                """);
        Cli.Run refused = Cli.run("import", "--store", st, "--format", "graphdoc", good.toString(), bad.toString());
        assertEquals(2, refused.code(), refused.toString());
        assertTrue(refused.err().contains(bad + ":2: field 'relation': must be a string"), refused.err());
        try (GraphStore s = Stores.open(StoreSpec.embedded(store))) {
            assertEquals(before, StoreDump.of(s), "a bad file anywhere: nothing is written");
        }
    }
}
