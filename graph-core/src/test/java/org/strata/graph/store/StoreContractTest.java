package org.strata.graph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.strata.graph.TestData;
import org.strata.graph.io.InputException;
import org.strata.graph.io.TripleFormat;
import org.strata.graph.io.TripleWriter;
import org.strata.graph.progress.ProgressListener;

/**
 * What every store must do, whatever its backend. Subclasses say how to open one.
 */
abstract class StoreContractTest {

    @TempDir
    Path dir;

    GraphStore store;

    /** Opens a new, empty store. */
    abstract GraphStore newStore(Path dir);

    @BeforeEach
    void open() {
        store = newStore(dir.resolve("store"));
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    ImportResult importFiles(Path names, Path... files) {
        return store.importFacts(new ImportRequest(List.of(files), TripleFormat.TSV, names, "test import", 3, 2),
                ProgressListener.NONE);
    }

    Set<String> export() {
        try {
            Path out = dir.resolve("export-" + System.nanoTime() + ".tsv");
            TripleWriter.write(store.project(ProgressListener.NONE).named(), out, TripleFormat.TSV);
            return new TreeSet<>(Files.readAllLines(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Set<String> lines(Path... files) throws IOException {
        Set<String> all = new TreeSet<>();
        for (Path f : files) {
            for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (!l.isEmpty()) {
                    all.add(l);
                }
            }
        }
        return all;
    }

    /** A property of the fact edge h -r-> t, read through Gremlin. */
    Object fact(String h, String r, String t, String key) {
        GraphTraversalSource g = store.graph().traversal();
        try {
            return g.V().has("uid", h).outE(r).where(__.inV().has("uid", t)).values(key).tryNext().orElse(null);
        } finally {
            g.tx().rollback();
        }
    }

    Object entity(String uid, String key) {
        GraphTraversalSource g = store.graph().traversal();
        try {
            return g.V().has("uid", uid).values(key).tryNext().orElse(null);
        } finally {
            g.tx().rollback();
        }
    }

    boolean hasEntity(String uid) {
        GraphTraversalSource g = store.graph().traversal();
        try {
            return g.V().has("uid", uid).hasNext();
        } finally {
            g.tx().rollback();
        }
    }

    @Test
    void importThenExport_roundTripsTheTripleSetExactly() throws IOException {
        Path umls = TestData.umls();
        Path[] files = {umls.resolve("train.txt"), umls.resolve("valid.txt"), umls.resolve("test.txt")};
        ImportResult r = importFiles(umls.resolve("entity_names.tsv"), files);
        assertEquals(5216 + 652 + 661, r.lines());
        assertEquals(135, r.entitiesAdded());
        assertEquals(135, r.namesSet(), "every UMLS entity has a name");
        assertEquals(lines(files), export());
        assertEquals("virus", entity("virus", "name"));
    }

    @Test
    void importingTheSameFileTwice_addsNothingTheSecondTime() {
        Path a = TestData.triples(dir, "a.tsv", "a r b; b r c; a r b; c s a");
        ImportResult first = importFiles(null, a);
        assertEquals(3, first.factsAdded());
        assertEquals(1, first.factsUnchanged(), "the repeated line");
        Set<String> before = export();
        ImportResult second = importFiles(null, a);
        assertEquals(0, second.factsAdded());
        assertEquals(0, second.factsConfirmed());
        assertEquals(4, second.factsUnchanged());
        assertEquals(0, second.entitiesAdded());
        assertEquals(before, export());
        assertEquals(1, fact("a", "r", "b", "support"));
        assertTrue(second.nothingImported(), "nothing new: no delta");
        assertEquals(1, store.history().size(), "an import that changes nothing records no delta");
    }

    @Test
    void anEmptyFile_importsNothing_andRecordsNoDelta() throws IOException {
        importFiles(null, TestData.triples(dir, "base.tsv", "a r b"));
        Set<String> before = export();
        Path empty = dir.resolve("empty.tsv");
        Files.writeString(empty, "\n\n");
        ImportResult r = importFiles(null, empty);
        assertTrue(r.nothingImported());
        assertEquals(0, r.lines());
        assertEquals(1, store.history().size());
        assertEquals(before, export());
    }

    @Test
    void aByteOrderMark_isDropped_notReadAsPartOfTheFirstEntity() throws IOException {
        Path marked = dir.resolve("bom.tsv");
        Files.write(marked, ("\uFEFFa\tr\tb\nb\tr\tc\n").getBytes(StandardCharsets.UTF_8));
        ImportResult r = importFiles(null, marked);
        assertEquals(List.of(marked), r.byteOrderMarks());
        assertEquals(3, r.entitiesAdded(), "a, b and c: no second 'a' with a mark in front");
        assertEquals(Set.of("a\tr\tb", "b\tr\tc"), export());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fields", "empty", "utf8", "long", "missing"})
    void badInput_failsNamingFileAndLine_andLeavesAStoreWithDataExactlyAsBefore(String kind) throws IOException {
        importFiles(null, TestData.triples(dir, "base.tsv", "a r b; b r c"));
        Set<String> before = export();
        List<DeltaRecord> history = store.history();
        Path good = TestData.triples(dir, "good.tsv", "x r y; y r z; a r z");
        Path bad = dir.resolve("bad.tsv");
        String expected;
        switch (kind) {
            case "fields" -> {
                Files.writeString(bad, "p\tr\tq\np\tr\n");
                expected = bad + ":2: expected 3 tab-separated fields, got 2";
            }
            case "empty" -> {
                Files.writeString(bad, "p\tr\tq\n\tr\tq\n");
                expected = bad + ":2: field 1 (head) is empty";
            }
            case "utf8" -> {
                Files.write(bad, new byte[] {'p', '\t', 'r', '\t', (byte) 0xC3, '(', '\n'});
                expected = bad + ":1: invalid UTF-8 at byte 5";
            }
            case "long" -> {
                Files.writeString(bad, "p\tr\tq\np\tr\t" + "q".repeat(70_000) + "\n");
                expected = bad + ":2: line is longer than 65536 bytes";
            }
            default -> expected = bad + ": cannot read: no such file";
        }
        InputException e = assertThrows(InputException.class, () -> importFiles(null, good, bad));
        assertEquals(expected, e.getMessage());
        assertEquals(before, export());
        assertEquals(history, store.history());
        assertFalse(hasEntity("x"));
    }

    @Test
    void everyFactRecordsItsSources_fileAndLine() {
        importFiles(null, TestData.triples(dir, "a.tsv", "a r b; b r c"));
        assertEquals("d1.1:2", fact("b", "r", "c", "source"));
        assertEquals("STABLE", fact("b", "r", "c", "state"));
        assertEquals(1.0, fact("b", "r", "c", "confidence"));
        Path b1 = TestData.triples(dir, "b1.tsv", "x r y; b r c");
        Path b2 = TestData.triples(dir, "b2.tsv", "b r c; b r c");
        ImportResult r = importFiles(null, b1, b2);
        assertEquals(1, r.factsAdded());
        assertEquals(2, r.factsConfirmed(), "b1 and b2 each confirm 'b r c' once");
        assertEquals(1, r.factsUnchanged(), "the repeated line in b2");
        assertEquals("d1.1:2 d2.1:2 d2.2:1", fact("b", "r", "c", "source"));
        assertEquals(3, fact("b", "r", "c", "support"));
        List<DeltaRecord> h = store.history();
        assertEquals(List.of("d1", "d2"), h.stream().map(DeltaRecord::id).toList());
        assertEquals(2L, h.get(1).counts().get("files"));
        assertEquals("test import", h.get(1).command());
    }

    @Test
    void undo_removesWhatTheDeltaAdded_butNotWhatAnotherDeltaAlsoAsserted() {
        Path a = TestData.triples(dir, "a.tsv", "a r b; b r c");
        Path b = TestData.triples(dir, "b.tsv", "b r c; c r d");
        String d1 = importFiles(null, a).deltaId();
        importFiles(null, b);
        assertEquals(Set.of("a\tr\tb", "b\tr\tc", "c\tr\td"), export());
        UndoResult u = store.undo(d1, "undo d1", ProgressListener.NONE);
        assertEquals(1, u.factsRemoved());
        assertEquals(1, u.factsReverted());
        assertEquals(1, u.entitiesRemoved(), "a has no fact left");
        assertEquals(Set.of("b\tr\tc", "c\tr\td"), export());
        assertFalse(hasEntity("a"));
        assertEquals("d2.1:1", fact("b", "r", "c", "source"));
        assertEquals(1, fact("b", "r", "c", "support"));
        List<DeltaRecord> h = store.history();
        assertEquals(DeltaState.UNDONE, h.get(0).state());
        assertEquals(DeltaKind.UNDO, h.get(2).kind());
        assertEquals(d1, h.get(2).target());
        assertEquals(1L, h.get(2).counts().get("factsRemoved"));
        IllegalStateException again = assertThrows(IllegalStateException.class,
                () -> store.undo(d1, "again", ProgressListener.NONE));
        assertEquals("delta d1 is undone, only a committed delta can be undone", again.getMessage());
        assertThrows(IllegalStateException.class, () -> store.undo(h.get(2).id(), "undo an undo", ProgressListener.NONE));
        assertThrows(IllegalArgumentException.class, () -> store.undo("d99", "unknown", ProgressListener.NONE));
    }

    /**
     * A rule change finds its rule by the whole text among the rules of the same head, changes only that one,
     * and its undo restores what it had; a change naming no stored rule is refused before anything is written.
     */
    @Test
    void ruleChanges_reachTheRuleOfTheirText_andUndoRestoresIt() {
        importFiles(null, TestData.triples(dir, "a.tsv", "a r b; b r c"));
        store.writeRules(List.of(new RuleRecord("r(X,Y) <= r(Y,X)", "r", "cyclic", 10, 5, 0.5),
                new RuleRecord("r(X,b) <= r(X,A)", "r", "acyclic", 10, 2, 0.2),
                new RuleRecord("s(X,Y) <= r(X,Y)", "s", "cyclic", 10, 8, 0.8)), "rules", ProgressListener.NONE);
        java.util.function.Function<String, RuleStateRecord> rule = text -> store.rules().stream()
                .filter(r -> r.text().equals(text)).findFirst().orElseThrow();
        RuleStateRecord before = rule.apply("r(X,b) <= r(X,A)");
        RuleStateRecord sameHead = rule.apply("r(X,Y) <= r(Y,X)");
        RuleStateRecord otherHead = rule.apply("s(X,Y) <= r(X,Y)");
        String d = store.apply(new ChangeSet().rule("r(X,b) <= r(X,A)", java.util.Map.of("state", "STABLE",
                "confirmations", 4)), DeltaKind.RULES, "change one rule", ProgressListener.NONE);
        assertEquals(LifecycleState.STABLE, rule.apply("r(X,b) <= r(X,A)").state());
        assertEquals(4, rule.apply("r(X,b) <= r(X,A)").confirmations());
        assertEquals(sameHead, rule.apply("r(X,Y) <= r(Y,X)"), "the other rule of r is untouched");
        assertEquals(otherHead, rule.apply("s(X,Y) <= r(X,Y)"));
        store.undo(d, "undo the change", ProgressListener.NONE);
        assertEquals(before, rule.apply("r(X,b) <= r(X,A)"));
        int deltas = store.history().size();
        assertThrows(IllegalArgumentException.class, () -> store.apply(new ChangeSet()
                .rule("r(X,Y) <= r(Y,X)", java.util.Map.of("state", "STABLE"))
                .rule("r(X,c) <= r(X,A)", java.util.Map.of("state", "STABLE")), DeltaKind.RULES, "unknown rule",
                ProgressListener.NONE));
        assertEquals(deltas, store.history().size(), "nothing recorded");
        assertEquals(sameHead, rule.apply("r(X,Y) <= r(Y,X)"), "nothing written");
    }

    @Test
    void undoOfTheLaterDelta_restoresTheEarlierState() {
        Path a = TestData.triples(dir, "a.tsv", "a r b; b r c");
        importFiles(null, a);
        Set<String> afterFirst = export();
        String d2 = importFiles(null, TestData.triples(dir, "b.tsv", "b r c; c r d")).deltaId();
        store.undo(d2, "undo d2", ProgressListener.NONE);
        assertEquals(afterFirst, export());
        assertFalse(hasEntity("d"));
        assertEquals("d1.1:2", fact("b", "r", "c", "source"));
        assertEquals(1, fact("b", "r", "c", "support"));
        // the same file can come back after its delta was undone
        String d4 = importFiles(null, TestData.triples(dir, "b.tsv", "b r c; c r d")).deltaId();
        assertEquals("d4", d4);
        assertTrue(export().contains("c\tr\td"));
    }

    @Test
    void names_areSetOncePerEntity_andClearedByUndo() {
        Path a = TestData.triples(dir, "a.tsv", "a r b");
        String d1 = importFiles(null, a).deltaId();
        assertNull(entity("a", "name"));
        Path names = TestData.write(dir, "names.tsv", "a\tAlpha\nb\tBee\nzz\tNot in the graph\n");
        ImportResult named = importFiles(names, a);
        assertEquals(2, named.namesSet());
        assertEquals(0, named.factsAdded());
        assertEquals("Alpha", entity("a", "name"));
        Path other = TestData.write(dir, "other.tsv", "a\tAnother\nc\tCee\n");
        ImportResult second = importFiles(other, TestData.triples(dir, "c.tsv", "a r c"));
        assertEquals(1, second.namesSet());
        assertEquals(1, second.namesConflicting());
        assertEquals("Alpha", entity("a", "name"), "an existing name is never overwritten");
        assertEquals("Cee", entity("c", "name"));
        store.undo(named.deltaId(), "undo names", ProgressListener.NONE);
        assertNull(entity("a", "name"));
        assertNull(entity("b", "name"));
        assertEquals("Cee", entity("c", "name"));
        assertEquals(Set.of("a\tr\tb", "a\tr\tc"), export());
        assertEquals("d1", d1);
    }

    @Test
    void reservedRelationName_isAnInputErrorAtItsFirstLine() {
        Path a = TestData.triples(dir, "a.tsv", "a r b; a uid b");
        InputException e = assertThrows(InputException.class, () -> importFiles(null, a));
        assertTrue(e.getMessage().startsWith(a + ":2: relation 'uid' is a name the store reserves"), e.getMessage());
        assertEquals(Set.of(), export());
        assertEquals(List.of(), store.history());
    }

    @Test
    void stats_countEntitiesFactsRelationsAndDegrees() {
        importFiles(null, TestData.triples(dir, "a.tsv", "a r b; a r c; a s d; b r c"));
        StoreStats s = StoreStats.of(store.project(ProgressListener.NONE), 5);
        assertEquals(4, s.entities());
        assertEquals(4, s.facts());
        assertEquals(2, s.relations());
        assertEquals(List.of(new StoreStats.RelationCount("r", 3), new StoreStats.RelationCount("s", 1)), s.topRelations());
        // degrees: a 3, b 2, c 2, d 1
        assertEquals(2.0, s.degreeMean());
        assertEquals(2, s.degreeP50());
        assertEquals(3, s.degreeP99());
        assertEquals(3, s.degreeMax());
    }

    @Test
    void entitiesMadeThroughTheGraph_areADelta_thatOutlivesTheUndoOfLaterImports() {
        GraphTraversalSource g = store.graph().traversal();
        g.addV("Entity").property("uid", "manual").iterate();
        g.tx().commit();
        DeltaRecord manual = store.history().get(store.history().size() - 1);
        assertEquals(DeltaKind.GREMLIN, manual.kind());
        assertEquals(1L, manual.counts().get("entitiesAdded"));
        String d2 = importFiles(null, TestData.triples(dir, "a.tsv", "manual r b")).deltaId();
        ImportResult second = importFiles(null, TestData.triples(dir, "b.tsv", "manual r b"));
        assertEquals(1, second.factsConfirmed());
        store.undo(d2, "undo", ProgressListener.NONE);
        store.undo(second.deltaId(), "undo", ProgressListener.NONE);
        assertEquals(Set.of(), export());
        assertTrue(hasEntity("manual"), "an entity a live delta created is not removed by another delta's undo");
        assertFalse(hasEntity("b"));
        store.undo(manual.id(), "undo", ProgressListener.NONE);
        assertFalse(hasEntity("manual"), "undoing its own delta removes it");
    }

    @Test
    void aSnapshot_readsInOneScanWhatProjectAndFactsRead() {
        importFiles(null, TestData.triples(dir, "a.tsv", "a r b; b r c; c s a; d s a; b s d"));
        store.apply(new ChangeSet().fact("b", "r", "c", java.util.Map.of("state", "CANDIDATE")), DeltaKind.CONSOLIDATE,
                "test", ProgressListener.NONE);
        FactSnapshot snapshot = store.snapshot(ProgressListener.NONE);
        assertEquals(describe(store.project(ProgressListener.NONE)), describe(snapshot.believed()));
        assertEquals(4, snapshot.believed().factCount(), "the CANDIDATE fact is not believed");
        assertEquals(store.facts(ProgressListener.NONE), snapshot.facts());
    }

    /** A projection as its entities, relations and facts by id, in order. */
    private static List<String> describe(org.strata.graph.projection.Projection p) {
        List<String> out = new java.util.ArrayList<>();
        for (int e = 0; e < p.entityCount(); e++) {
            out.add("entity " + e + " " + p.entities().name(e));
        }
        for (int r = 0; r < p.relationCount(); r++) {
            out.add("relation " + r + " " + p.relations().name(r));
        }
        for (int f = 0; f < p.factCount(); f++) {
            out.add("fact " + p.head(f) + " " + p.relation(f) + " " + p.tail(f));
        }
        return out;
    }

    @Test
    void traversalsOnTheStoreGraph_keepJanusGraphsOptimizations() {
        importFiles(null, TestData.triples(dir, "a.tsv", "a r b"));
        // the store's graph is a subclass of JanusGraph's; TinkerPop looks strategies up by exact class
        String plan = store.graph().traversal().V().has("uid", "a").out().explain().toString();
        assertTrue(plan.contains("JanusGraphStep"), "an index lookup became a scan: " + plan);
        if (store.graph().tx().isOpen()) {
            store.graph().tx().rollback();
        }
    }

    @Test
    void aReadOnlyStore_refusesEveryWriteThroughTheGraph_andWritesNothing() {
        importFiles(null, TestData.triples(dir, "a.tsv", "a r b"));
        StoreDump before = StoreDump.of(store);
        int deltas = store.history().size();
        store.clientWriteMode(ClientWriteMode.READ_ONLY);
        try {
            GraphTraversalSource g = store.graph().traversal();
            g.addV("Entity").property("uid", "c").iterate();
            Exception e = assertThrows(Exception.class, () -> g.tx().commit());
            assertTrue(causeChain(e).contains("read-only"), causeChain(e));
            g.V().has("uid", "a").drop().iterate();
            assertThrows(Exception.class, () -> g.tx().commit());
        } finally {
            store.clientWriteMode(ClientWriteMode.GOVERNED);
        }
        assertEquals(before, StoreDump.of(store));
        assertEquals(deltas, store.history().size());
    }

    private static String causeChain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append(" / ");
        }
        return sb.toString();
    }
}
