package org.strata.rules.evolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.OptionValues;
import org.strata.graph.govern.Admission;
import org.strata.graph.govern.Gate;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Projection;
import org.strata.graph.store.DeltaKind;
import org.strata.graph.store.FactRecord;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.LifecycleState;
import org.strata.graph.store.Proposal;
import org.strata.graph.store.StoreDump;
import org.strata.rules.judge.RuleJudge;
import org.strata.rules.learn.RuleLearner;

/**
 * Hand-made proposals with known answers, through the gate with the rules' judge and one evolve cycle, on
 * a real (in-memory JanusGraph) store of six families: a child's missing mother (true: her siblings have
 * her) is admitted with a confirmation and STABLE after the cycle; a second mother for a child (false: every
 * child has one) is LEFTOVER by the functional invariant; a mother of a child of the other family (false:
 * nothing in the structure supports it) is LEFTOVER, doubted by the judge. Each LEFTOVER carries its
 * counter-evidence, and the admission undoes.
 */
class JudgedLifecycleTest {

    @TempDir
    Path dir;

    GraphStore store;
    ExecutorService pool;

    @BeforeEach
    void open() throws IOException {
        store = Families.store(dir, List.of("a", "b", "c", "d", "e", "f"), 8, "akid3"); // akid3's mother is proposed
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void close() {
        store.close();
        pool.shutdownNow();
    }

    @Test
    void handMadeProposals_reachTheirExpectedStates_withTheirEvidence() throws Exception {
        EvolveSettings settings = EvolveOptions.settings(OptionValues.DEFAULTS.with(EvolveOptions.RESOLUTION, 1.0)
                .with(EvolveOptions.MAX_LEVELS, 3).with(EvolveOptions.RULE_SECONDS, 1.0)
                .with(EvolveOptions.PROPOSAL_QUERIES, 0).with(EvolveOptions.COMBINE_BUDGET, 0.0)
                .with(EvolveOptions.CONFIRM_PRECISION, 0.9).with(GraphOptions.THREADS, 2))
                .withRules(org.strata.rules.learn.LearnParameters.ofRounds(5, 1, 42)); // one thread: repeatable
        StoreDump before = StoreDump.of(store);
        Projection believed = store.project(ProgressListener.NONE);
        RuleJudge judge = RuleJudge.fit(believed, new RuleLearner(believed, settings.rules(), pool,
                ProgressListener.NONE, TerminationFlag.running()).learn().rules(), settings.rules().pc(),
                settings.judge(), pool, ProgressListener.NONE);
        assertTrue(judge.calibration().confirmThreshold() <= 1, "the judge confirms something: " + judge.calibration());

        Proposal missingMother = new Proposal("akid3", "child_of", "amum", 0.5, "hand", null);
        Proposal secondMother = new Proposal("akid5", "child_of", "bmum", 0.5, "hand", null);
        Proposal strangersChild = new Proposal("amum", "parent_of", "bkid4", 0.5, "hand", null);
        Admission.Result admitted = new Admission(new Gate(store.facts(ProgressListener.NONE), settings.gate()), judge)
                .judge(List.of(missingMother, secondMother, strangersChild));
        String delta = Admission.write(store, admitted.changes(), DeltaKind.ADMIT, "test", ProgressListener.NONE);
        Map<String, FactRecord> facts = facts();
        FactRecord mother = facts.get("akid3 child_of amum");
        assertEquals(LifecycleState.CANDIDATE, mother.state(), admitted.verdicts().get(0).toString());
        assertEquals(1, mother.confirmations(), "the judge confirmed it at the gate: " + admitted.verdicts().get(0));
        FactRecord second = facts.get("akid5 child_of bmum");
        assertEquals(LifecycleState.LEFTOVER, second.state());
        assertTrue(second.counterEvidence().contains("functional relation child_of"), second.counterEvidence());
        FactRecord stranger = facts.get("amum parent_of bkid4");
        assertEquals(LifecycleState.LEFTOVER, stranger.state(), "doubted: " + admitted.verdicts().get(2));
        assertTrue(stranger.counterEvidence().startsWith("doubted by the rules' judge")
                && (stranger.counterEvidence().contains("no rule with a body predicts it")
                || stranger.counterEvidence().contains("only weak rules predict it")), stranger.counterEvidence());
        assertEquals(Gate.Against.JUDGE, Gate.Against.of(stranger.counterEvidence()));
        assertEquals(Gate.Against.FUNCTIONAL, Gate.Against.of(second.counterEvidence()));

        EvolutionCycle evolution = new EvolutionCycle(store, settings, pool, ProgressListener.NONE, "test evolve");
        CycleReport cycle = evolution.run(false);
        facts = facts();
        assertEquals(LifecycleState.STABLE, evolution.factStates().get(FactRecord.key("akid3", "child_of", "amum")),
                "the cycle's own record of its promotion");
        Map<String, LifecycleState> stored = new java.util.HashMap<>();
        store.facts(ProgressListener.NONE).forEach(f -> stored.put(f.key(), f.state()));
        assertEquals(stored, evolution.factStates());
        assertEquals(LifecycleState.STABLE, facts.get("akid3 child_of amum").state(), facts.get("akid3 child_of amum")
                + " " + cycle.stability());
        assertEquals(2, facts.get("akid3 child_of amum").confirmations());
        for (String leftover : List.of("akid5 child_of bmum", "amum parent_of bkid4")) {
            FactRecord f = facts.get(leftover);
            assertEquals(LifecycleState.LEFTOVER, f.state(), f.toString());
            assertNotNull(f.counterEvidence());
            assertTrue(!f.counterEvidence().isBlank(), "a LEFTOVER carries its counter-evidence: " + f);
        }

        // the admission undoes like any delta (the cycle's deltas first)
        List<String> cycleDeltas = cycle.deltas().values().stream().filter(d -> d != null).toList();
        for (int i = cycleDeltas.size() - 1; i >= 0; i--) {
            store.undo(cycleDeltas.get(i), "test undo", ProgressListener.NONE);
        }
        store.undo(delta, "test undo", ProgressListener.NONE);
        assertEquals(List.of(), StoreDump.diff(before, StoreDump.of(store)));
    }

    private Map<String, FactRecord> facts() {
        return store.facts(ProgressListener.NONE).stream().collect(Collectors.toMap(
                f -> f.head() + " " + f.relation() + " " + f.tail(), Function.identity()));
    }
}
