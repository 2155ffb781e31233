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
        return new LearnParameters(0, rounds, threads, seed, 500, 1_000_000, 5, 2, 0.0001, 3, 2, 1_000_000, true);
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

    /**
     * Zero rules by hand. The heads of g are a, b, c, d and m: five entities ask for g's tail. For the tail
     * m, m itself does not count (object identity): 4 asked, b, c and d right, confidence 3 / (4 + 5). For
     * the tail f, all five ask and a and m are right: 2 of 5. On the head side the tails f and m ask, and
     * every head constant is right at most once: below support 2, nothing kept.
     */
    @Test
    void zeroRules_haveTheirExactCounts_andAreOnlyKeptWithSupport() {
        Projection p = Graphs.of("a g f; b g m; c g m; d g m; m g f");
        LearnResult r = learn(p, rounds(1, 1, 3));
        Rule tailM = find(r, p, "g(X,m) <= ");
        assertTrue(tailM != null, "rules found: " + r.rules().stream()
                .map(x -> RuleFormat.text(x, p.entities(), p.relations())).toList());
        assertEquals(Rule.Kind.ZERO, tailM.kind());
        assertEquals(4, tailM.predicted(), "a, b, c, d ask for g's tail; m is the constant itself");
        assertEquals(3, tailM.correct());
        assertEquals(3.0 / 9, tailM.confidence(5), 1e-12);
        Rule tailF = find(r, p, "g(X,f) <= ");
        assertTrue(tailF != null);
        assertEquals(5, tailF.predicted(), "all five heads ask; f is not one of them");
        assertEquals(2, tailF.correct());
        assertTrue(r.rules().stream().noneMatch(x -> x.kind() == Rule.Kind.ZERO && !x.constantIsTail()),
                "every head constant answers once only: below support 2");
        LearnResult off = learn(p, new LearnParameters(0, 1, 1, 3, 500, 1_000_000, 5, 2, 0.0001, 3, 2, 1_000_000,
                false));
        assertTrue(off.rules().stream().noneMatch(x -> x.kind() == Rule.Kind.ZERO), "zero rules can be switched off");
    }

    /**
     * Reflexive rules by hand. p holds for a, b and c to themselves; a, b, c and d are in s; d has p to e.
     * {@code p(X,X) <=} asks every entity that occurs in p (a, b, c, d, e) and is right for a, b, c: 3 of
     * 5, confidence 3 / (5 + 5). {@code p(X,X) <= in(X,s)} and {@code p(X,X) <= in(X,A)} ground on a, b,
     * c, d: 3 of 4, confidence 3 / 9. No rule gives p(X,e): e answers only once.
     */
    @Test
    void reflexiveRules_haveTheirExactCounts() {
        Projection p = Graphs.of("a p a; b p b; c p c; a in s; b in s; c in s; d in s; d p e");
        LearnResult r = learn(p, rounds(20, 2, 5));
        List<String> texts = r.rules().stream().map(x -> RuleFormat.text(x, p.entities(), p.relations())).toList();
        Rule zero = find(r, p, "p(X,X) <= ");
        assertTrue(zero != null, "rules found: " + texts);
        assertTrue(zero.reflexive());
        assertEquals(5, zero.predicted());
        assertEquals(3, zero.correct());
        assertEquals(0.3, zero.confidence(5), 1e-12);
        for (String text : List.of("p(X,X) <= in(X,s)", "p(X,X) <= in(X,A)")) {
            Rule rule = find(r, p, text);
            assertTrue(rule != null, text + " not in " + texts);
            assertEquals(4, rule.predicted(), text);
            assertEquals(3, rule.correct(), text);
        }
        assertTrue(r.rules().stream().noneMatch(x -> x.kind() == Rule.Kind.CYCLIC && x.head() == p.relations().id("p")),
                "a reflexive fact closes no cycle under object identity: " + texts);
    }

    @Test
    void measuredCounts_equalBruteForce_onSeededRandomGraphs() {
        int reflexive = 0;
        for (long seed = 1; seed <= 4; seed++) {
            Projection p = Graphs.random(seed, 25, 3, 140, 8);
            LearnResult r = learn(p, rounds(4, 2, seed));
            assertFalse(r.rules().isEmpty(), "seed " + seed + " learned nothing");
            int checked = 0;
            for (Rule rule : r.rules()) {
                long[] naive = Graphs.counts(p, rule);
                assertEquals(naive[0], rule.predicted(), () -> "predictions of " + RuleFormat.text(rule, p.entities(), p.relations()));
                assertEquals(naive[1], rule.correct(), () -> "correct of " + RuleFormat.text(rule, p.entities(), p.relations()));
                assertTrue(rule.correct() >= 2, "kept rules meet the support threshold");
                checked++;
                reflexive += rule.reflexive() && rule.length() > 0 ? 1 : 0;
            }
            for (Rule.Kind kind : Rule.Kind.values()) {
                assertTrue(r.rules().stream().anyMatch(x -> x.kind() == kind), "seed " + seed + " found no " + kind);
            }
            assertTrue(checked > 0);
        }
        assertTrue(reflexive > 0, "no reflexive rule with a body was checked");
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
        LearnParameters forever = new LearnParameters(0, 1_000_000, 2, 1, 500, 1000, 5, 2, 0.0001, 3, 2, 100_000, true);
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
        LearnResult timed = learn(p, new LearnParameters(0.2, 0, 2, 1, 500, 1000, 5, 2, 0.0001, 3, 2, 100_000, true));
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
