package org.strata.graph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.TestData;
import org.strata.graph.io.TripleFormat;
import org.strata.graph.progress.ProgressListener;

/** Governance change sets: applied as one delta, read back, refused when wrong, undone exactly. */
class ChangeSetTest {

    @TempDir
    Path dir;

    GraphStore store;

    @BeforeEach
    void open() {
        store = Stores.open(StoreSpec.inMemory());
        store.importFacts(ImportRequest.of(List.of(TestData.triples(dir, "a.tsv", "a r b; b r c; c s a; d s a")),
                TripleFormat.TSV, null, "test import"), ProgressListener.NONE);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ChangeSet partition(String aCommunity) {
        return new ChangeSet()
                .community("c0-1", Map.of("communityLevel", 0, "name", "first", "state", "CANDIDATE", "firstCycle", 1))
                .community("c0-2", Map.of("communityLevel", 0, "name", "second", "state", "CANDIDATE", "firstCycle", 1))
                .community("c1-1", Map.of("communityLevel", 1, "state", "CANDIDATE", "firstCycle", 1))
                .memberships(Map.of("a", aCommunity, "b", "c0-1", "c", "c0-2", "d", "c0-2"),
                        Map.of("c0-1", "c1-1", "c0-2", "c1-1"));
    }

    @Test
    void changes_areReadBack_andEachUndoRestoresTheStateBeforeIt() {
        StoreDump s0 = StoreDump.of(store);
        String d1 = store.apply(partition("c0-1"), DeltaKind.PARTITION, "test", ProgressListener.NONE);
        StoreDump s1 = StoreDump.of(store);
        List<CommunityRecord> cs = store.communities();
        assertEquals(3, cs.size());
        assertEquals(List.of("a", "b"), cs.get(0).members());
        assertEquals(List.of("c0-1", "c0-2"), cs.get(2).members());

        // a second step: a moves, a community is renamed and promoted, a fact changes state, one is
        // proposed, one gains evidence
        ChangeSet second = partition("c0-2")
                .community("c0-1", Map.of("name", "renamed", "state", "STABLE", "lastCycle", 2))
                .fact("a", "r", "b", Map.of("state", "SOLIDIFIED", "confirmations", 3))
                .addFact("a", "r", "c", "rules", Map.of("confidence", 0.7))
                .evidence("b", "r", "c", "embedding model m.bin")
                .shortcuts(List.of(new ChangeSet.Shortcut("a", "c", "r(X,Y) <= r(X,A), r(A,Y)", "r")));
        String d2 = store.apply(second, DeltaKind.CONSOLIDATE, "test", ProgressListener.NONE);
        StoreDump s2 = StoreDump.of(store);
        assertNotEquals(s1, s2);
        FactRecord added = store.facts(ProgressListener.NONE).stream()
                .filter(f -> f.head().equals("a") && f.tail().equals("c")).findFirst().orElseThrow();
        assertEquals(LifecycleState.CANDIDATE, added.state());
        FactRecord bc = store.facts(ProgressListener.NONE).stream()
                .filter(f -> f.head().equals("b") && f.tail().equals("c")).findFirst().orElseThrow();
        assertEquals(2, bc.distinctSources());
        // a CANDIDATE fact is not believed yet, and a shortcut is no fact: the projection leaves both out
        assertEquals(4, store.project(ProgressListener.NONE).factCount());
        assertEquals(1, store.shortcutCount());

        store.undo(d2, "test undo", ProgressListener.NONE);
        assertEquals(List.of(), StoreDump.diff(s1, StoreDump.of(store)));
        store.undo(d1, "test undo", ProgressListener.NONE);
        assertEquals(List.of(), StoreDump.diff(s0, StoreDump.of(store)));
    }

    @Test
    void aChangeNamingWhatDoesNotExist_isRefused_andWritesNothing() {
        StoreDump s0 = StoreDump.of(store);
        int deltas = store.history().size();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.apply(
                new ChangeSet().community("c0-9", Map.of("communityLevel", 0)).fact("a", "r", "zzz", Map.of("state",
                        "STABLE")), DeltaKind.CONSOLIDATE, "test", ProgressListener.NONE));
        assertTrue(e.getMessage().contains("no fact a r zzz"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.apply(new ChangeSet().addFact("a", "r", "nobody",
                "rules", Map.of()), DeltaKind.ADMIT, "test", ProgressListener.NONE));
        assertThrows(IllegalArgumentException.class, () -> new ChangeSet().fact("a", "r", "b", Map.of("uid", "x")));
        assertEquals(s0, StoreDump.of(store));
        assertEquals(deltas, store.history().size());
    }

    @Test
    void membershipsLargerThanOneBatch_areReplacedAndUndone() throws Exception {
        StringBuilder chain = new StringBuilder();
        for (int i = 0; i < 2_600; i++) {
            chain.append('n').append(i).append("\tnext\tn").append(i + 1).append('\n');
        }
        Path file = dir.resolve("chain.tsv");
        java.nio.file.Files.writeString(file, chain.toString());
        store.importFacts(ImportRequest.of(List.of(file), TripleFormat.TSV, null, "chain"), ProgressListener.NONE);
        StoreDump s0 = StoreDump.of(store);
        Map<String, String> first = new java.util.HashMap<>();
        Map<String, String> second = new java.util.HashMap<>();
        for (int i = 0; i <= 2_600; i++) {
            first.put("n" + i, "c0-" + (i % 2));
            second.put("n" + i, "c0-" + (i % 3));
        }
        ChangeSet one = new ChangeSet().community("c0-0", Map.of("communityLevel", 0))
                .community("c0-1", Map.of("communityLevel", 0)).memberships(first, Map.of());
        String d1 = store.apply(one, DeltaKind.PARTITION, "test", ProgressListener.NONE);
        StoreDump s1 = StoreDump.of(store);
        ChangeSet two = new ChangeSet().community("c0-2", Map.of("communityLevel", 0)).memberships(second, Map.of());
        String d2 = store.apply(two, DeltaKind.PARTITION, "test", ProgressListener.NONE);
        assertEquals(867, store.communities().stream().filter(c -> c.id().equals("c0-2")).findFirst().orElseThrow()
                .members().size());
        store.undo(d2, "test undo", ProgressListener.NONE);
        assertEquals(List.of(), StoreDump.diff(s1, StoreDump.of(store)));
        store.undo(d1, "test undo", ProgressListener.NONE);
        assertEquals(List.of(), StoreDump.diff(s0, StoreDump.of(store)));
    }
}
