package org.strata.rules.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Projection;
import org.strata.rules.Graphs;
import org.strata.rules.model.Rule;
import org.strata.rules.model.RuleFormat;

class RuleLearnerTest {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(3);

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    @TempDir
    Path dir;

    private static LearnParameters rounds(int rounds, int threads, long seed) {
        return new LearnParameters(0, rounds, threads, seed, 500, 1_000_000, 5, 2, 0.0001, 3, 2, 1_000_000);
    }

    private static LearnResult learn(Projection p, LearnParameters params) {
        return new RuleLearner(p, params, POOL, ProgressListener.NONE, TerminationFlag.running()).learn();
    }

    private static Rule find(LearnResult r, Projection p, String text) {
        for (Rule rule : r.rules()) {
            if (RuleFormat.text(rule, p.entities(), p.relations()).equals(text)) {
                return rule;
            }
        }
        return null;
    }

    /**
     * Three chains x -p-> y -p-> z; two of them also have x -q-> z. The rule q(X,Y) <= p(X,A), p(A,Y) has
     * three body groundings of which two are facts: confidence 2 / (3 + 5).
     */
    @Test
    void tinyGraph_findsTheKnownRule_withItsExactCounts() {
        Projection p = Graphs.of("x1 p y1; y1 p z1; x1 q z1; x2 p y2; y2 p z2; x2 q z2; x3 p y3; y3 p z3");
        LearnResult r = learn(p, rounds(20, 2, 7));
        Rule rule = find(r, p, "q(X,Y) <= p(X,A), p(A,Y)");
        assertTrue(rule != null, "rules found: " + r.rules().stream()
                .map(x -> RuleFormat.text(x, p.entities(), p.relations())).toList());
        assertEquals(3, rule.predicted());
        assertEquals(2, rule.correct());
        assertEquals(0.25, rule.confidence(5), 1e-12);
    }

    @Test
    void measuredCounts_equalBruteForce_onSeededRandomGraphs() {
        for (long seed = 1; seed <= 4; seed++) {
            Projection p = Graphs.random(seed, 25, 3, 140);
            LearnResult r = learn(p, rounds(4, 2, seed));
            assertFalse(r.rules().isEmpty(), "seed " + seed + " learned nothing");
            int checked = 0;
            for (Rule rule : r.rules()) {
                long[] naive = Graphs.counts(p, rule);
                assertEquals(naive[0], rule.predicted(), () -> "predictions of " + RuleFormat.text(rule, p.entities(), p.relations()));
                assertEquals(naive[1], rule.correct(), () -> "correct of " + RuleFormat.text(rule, p.entities(), p.relations()));
                assertTrue(rule.correct() >= 2, "kept rules meet the support threshold");
                checked++;
            }
            for (Rule.Kind kind : Rule.Kind.values()) {
                assertTrue(r.rules().stream().anyMatch(x -> x.kind() == kind), "seed " + seed + " found no " + kind);
            }
            assertTrue(checked > 0);
        }
    }

    @Test
    void sameSeedAndRounds_giveTheSameRuleFile_withAnyNumberOfThreads() throws Exception {
        Projection p = Graphs.random(11, 60, 4, 500);
        Path one = dir.resolve("one.txt");
        Path three = dir.resolve("three.txt");
        Path again = dir.resolve("again.txt");
        RuleFormat.write(learn(p, rounds(6, 1, 99)).rules(), 5, p.entities(), p.relations(), one);
        RuleFormat.write(learn(p, rounds(6, 3, 99)).rules(), 5, p.entities(), p.relations(), three);
        RuleFormat.write(learn(p, rounds(6, 3, 99)).rules(), 5, p.entities(), p.relations(), again);
        byte[] bytes = Files.readAllBytes(one);
        assertTrue(bytes.length > 0);
        assertArrayEquals(bytes, Files.readAllBytes(three));
        assertArrayEquals(bytes, Files.readAllBytes(again));
        Path other = dir.resolve("other.txt");
        RuleFormat.write(learn(p, rounds(6, 3, 100)).rules(), 5, p.entities(), p.relations(), other);
        assertFalse(java.util.Arrays.equals(bytes, Files.readAllBytes(other)), "another seed samples other paths");
    }

    @Test
    void aStoppedRun_endsAtTheNextRoundBoundary_withWhatItFound() {
        Projection p = Graphs.random(3, 200, 5, 3000);
        TerminationFlag flag = TerminationFlag.running();
        LearnParameters forever = new LearnParameters(0, 1_000_000, 2, 1, 500, 1000, 5, 2, 0.0001, 3, 2, 100_000);
        int[] calls = {0};
        LearnResult r = new RuleLearner(p, forever, POOL, new ProgressListener() {
            @Override
            public void begin(String task, long total, String unit) {
            }

            @Override
            public void advance(long amount) {
                if (++calls[0] == 3) {
                    flag.stop();
                }
            }

            @Override
            public void end() {
            }
        }, flag).learn();
        assertEquals(3, r.rounds(), "the round in progress when the flag tripped is the last");
        assertTrue(r.seconds() < 60);
        LearnResult timed = learn(p, new LearnParameters(0.2, 0, 2, 1, 500, 1000, 5, 2, 0.0001, 3, 2, 100_000));
        assertTrue(timed.rounds() >= 1 && timed.seconds() < 30, "a time budget stops the run: " + timed.seconds());
    }

    @Test
    void rulesAreSortedByConfidence() {
        Projection p = Graphs.random(5, 40, 3, 300);
        List<Rule> rules = learn(p, rounds(5, 2, 5)).rules();
        for (int i = 1; i < rules.size(); i++) {
            assertTrue(rules.get(i - 1).confidence(5) >= rules.get(i).confidence(5));
        }
    }
}
