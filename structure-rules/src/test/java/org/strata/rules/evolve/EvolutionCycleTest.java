package org.strata.rules.evolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.OptionValues;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.store.CommunityRecord;
import org.strata.graph.store.FactRecord;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.LifecycleState;
import org.strata.graph.store.StoreDump;

/** Evolution cycles on a real (in-memory JanusGraph) store: dry run, identities across cycles, undo. */
class EvolutionCycleTest {

    @TempDir
    Path dir;

    GraphStore store;
    ExecutorService pool;

    /** Two families of people with parent/sibling/spouse facts, joined by one friendship. */
    @BeforeEach
    void open() throws IOException {
        store = Families.store(dir, List.of("a", "b"), 6, null);
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void close() {
        store.close();
        pool.shutdownNow();
    }

    private EvolutionCycle cycle() {
        EvolveSettings s = settings(0.5, 0);
        return new EvolutionCycle(store, s, pool, ProgressListener.NONE, "test evolve");
    }

    @Test
    void dryRun_writesNothing() {
        StoreDump before = StoreDump.of(store);
        int deltas = store.history().size();
        CycleReport r = cycle().run(true);
        assertTrue(r.dryRun());
        assertTrue(r.counts().get("partition").get("communities") > 0, "a dry run still computes the partition");
        r.deltas().values().forEach(d -> assertNull(d));
        assertEquals(before, StoreDump.of(store));
        assertEquals(deltas, store.history().size());
    }

    @Test
    void twoCycles_keepCommunityIds_promoteThem_andUndoInReverseRestoresEverything() {
        StoreDump s0 = StoreDump.of(store);
        CycleReport first = cycle().run(false);
        List<CommunityRecord> c1 = store.communities();
        assertTrue(c1.stream().filter(c -> c.level() == 0).count() >= 2, "the two families split: " + c1);
        assertTrue(c1.stream().allMatch(c -> c.state() == LifecycleState.CANDIDATE));
        StoreDump s1 = StoreDump.of(store);

        CycleReport second = cycle().run(false);
        List<CommunityRecord> c2 = store.communities();
        assertEquals(c1.stream().map(CommunityRecord::id).toList(), c2.stream().map(CommunityRecord::id).toList(),
                "the unchanged graph keeps every community id");
        assertEquals(1.0, second.stability().get("ariLevel0"), 1e-12);
        assertTrue(c2.stream().allMatch(c -> c.state() == LifecycleState.STABLE), "confirmed twice: STABLE");
        assertNotEquals(s1, StoreDump.of(store));

        List<String> deltas = new ArrayList<>();
        first.deltas().values().stream().filter(d -> d != null).forEach(deltas::add);
        List<String> later = new ArrayList<>();
        second.deltas().values().stream().filter(d -> d != null).forEach(later::add);
        for (int i = later.size() - 1; i >= 0; i--) {
            store.undo(later.get(i), "test undo", ProgressListener.NONE);
        }
        assertEquals(List.of(), StoreDump.diff(s1, StoreDump.of(store)));
        for (int i = deltas.size() - 1; i >= 0; i--) {
            store.undo(deltas.get(i), "test undo", ProgressListener.NONE);
        }
        assertEquals(List.of(), StoreDump.diff(s0, StoreDump.of(store)));
    }

    /**
     * The states a cycle reports, counted from its one read of the facts and its writes, are the store's,
     * fact by fact (what evolve --truth checks without reading the store again).
     */
    @Test
    void theStatesACycleReports_areTheStoresAfterItsWrites() {
        EvolutionCycle cycle = new EvolutionCycle(store, settings(0.3, 5), pool, ProgressListener.NONE, "test evolve");
        java.util.Map<String, LifecycleState> before = byKey(store.facts(ProgressListener.NONE));
        CycleReport r = cycle.run(false);
        assertTrue(r.counts().get("admit").values().stream().mapToLong(Long::longValue).sum() > 0,
                "the cycle admitted proposals, so states changed: " + r);
        java.util.Map<String, Long> stored = new java.util.TreeMap<>();
        List<FactRecord> after = store.facts(ProgressListener.NONE);
        after.forEach(f -> stored.merge(f.state().name(), 1L, Long::sum));
        assertEquals(stored, r.states().get("facts"));
        assertEquals(byKey(after), cycle.factStates());
        assertNotEquals(before, cycle.factStates(), "the cycle changed some fact's state or added facts");
    }

    private static java.util.Map<String, LifecycleState> byKey(List<FactRecord> facts) {
        java.util.Map<String, LifecycleState> m = new java.util.HashMap<>();
        facts.forEach(f -> m.put(f.key(), f.state()));
        return m;
    }

    /**
     * With a combination budget, a cycle proposes from the learned combination: the proposed facts carry
     * that source, each with a probability at least the admission score, and the cycle's admissions undo
     * like any other delta.
     */
    @Test
    void learnedCombination_proposesWithItsProbability_andUndoes() {
        StoreDump s0 = StoreDump.of(store);
        EvolveSettings s = settings(0.3, 5);
        CycleReport r = new EvolutionCycle(store, s, pool, ProgressListener.NONE, "test evolve").run(false);
        List<FactRecord> learned = store.facts(ProgressListener.NONE).stream()
                .filter(f -> f.sources().stream().anyMatch(x -> x.startsWith("learned rule combination"))).toList();
        assertTrue(r.gate().get("proposals") > 0, "the learned combination should propose on this graph: " + r);
        assertTrue(learned.stream().allMatch(f -> f.confidence() >= 0.3), learned.toString());
        assertTrue(store.facts(ProgressListener.NONE).stream().flatMap(f -> f.sources().stream())
                .noneMatch(x -> x.startsWith("rules (cycle")), "no max-plus proposal when a combination is learned");
        List<String> deltas = new ArrayList<>();
        r.deltas().values().stream().filter(d -> d != null).forEach(deltas::add);
        for (int i = deltas.size() - 1; i >= 0; i--) {
            store.undo(deltas.get(i), "test undo", ProgressListener.NONE);
        }
        assertEquals(List.of(), StoreDump.diff(s0, StoreDump.of(store)));
    }

    @Test
    void withRuleRounds_aCycleWritesTheSameOnEveryRun() throws IOException {
        EvolveSettings rounds = EvolveOptions.settings(OptionValues.DEFAULTS.with(EvolveOptions.RESOLUTION, 1.0)
                .with(EvolveOptions.MAX_LEVELS, 3).with(EvolveOptions.RULE_ROUNDS, 3)
                .with(EvolveOptions.RULES_KEPT, 100).with(EvolveOptions.PROPOSAL_QUERIES, 50)
                .with(EvolveOptions.ADMIT_SCORE, 0.5).with(GraphOptions.THREADS, 2));
        List<String> after = new ArrayList<>();
        List<Map<String, Map<String, Long>>> counts = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Path runDir = Files.createDirectories(dir.resolve("run" + run));
            try (GraphStore fresh = Families.store(runDir, List.of("a", "b"), 6, null)) {
                counts.add(new EvolutionCycle(fresh, rounds, pool, ProgressListener.NONE, "test evolve").run(false).counts());
                // what the cycle decided, without the times it was written at
                after.add(fresh.facts(ProgressListener.NONE).stream().map(FactRecord::toString).sorted().toList() + "\n"
                        + fresh.rules().stream().map(Object::toString).sorted().toList() + "\n"
                        + fresh.communities().stream().map(Object::toString).sorted().toList());
            }
        }
        assertTrue(counts.get(0).get("rules").getOrDefault("rulesAdded", 0L) > 0, counts.get(0).toString());
        assertEquals(counts.get(0), counts.get(1));
        assertEquals(after.get(0), after.get(1), "the same facts and states, rules and communities");
    }

    /** Small settings for a small graph: half a second of rule learning, 50 queries, two threads. */
    private static EvolveSettings settings(double admitScore, double combineSeconds) {
        return EvolveOptions.settings(OptionValues.DEFAULTS.with(EvolveOptions.RESOLUTION, 1.0)
                .with(EvolveOptions.MAX_LEVELS, 3).with(EvolveOptions.RULE_SECONDS, 0.5)
                .with(EvolveOptions.RULES_KEPT, 100).with(EvolveOptions.PROPOSAL_QUERIES, 50)
                .with(EvolveOptions.ADMIT_SCORE, admitScore).with(EvolveOptions.SHORTCUT_MIN_USES, 1)
                .with(EvolveOptions.SHORTCUTS_PER_RULE, 100).with(EvolveOptions.COMBINE_BUDGET, combineSeconds)
                .with(GraphOptions.THREADS, 2));
    }
}
