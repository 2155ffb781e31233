package org.strata.rules.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.rules.Graphs;
import org.strata.rules.learn.LearnParameters;
import org.strata.rules.learn.RuleLearner;
import org.strata.rules.model.Rule;
import org.strata.rules.model.RuleFormat;

class RuleEngineTest {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

    /** Brute-force groundings by rule (they do not depend on the query); one test's rules at a time. */
    private final Map<Rule, List<int[]>> groundings = new java.util.IdentityHashMap<>();

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    private static Rule rule(Projection p, String text, long predicted, long correct) {
        return RuleFormat.parse(text, p.entities(), p.relations()).withCounts(predicted, correct);
    }

    /**
     * With pc 0: R1 {@code q(X,Y) <= p(X,Y)} has confidence 0.8, R2 {@code q(X,Y) <= s(X,Y)} and R3
     * {@code q(X,e) <= t(X,A)} 0.4. From a: R1 predicts b and c, R2 c and d, R3 e. Max-plus: c (0.8, 0.4),
     * b (0.8), then d and e tied at (0.4). Noisy-or: c 1 - 0.2 * 0.6 = 0.88, b 0.8, d and e 0.4.
     */
    @Test
    void maxPlus_ordersByBestConfidenceThenTheNext_noisyOrCombines() {
        Projection p = Graphs.of("a p b; a p c; a s c; a s d; a t x; z q e");
        List<Rule> rules = List.of(rule(p, "q(X,Y) <= p(X,Y)", 5, 4), rule(p, "q(X,Y) <= s(X,Y)", 5, 2),
                rule(p, "q(X,e) <= t(X,A)", 5, 2));
        int a = p.entities().id("a");
        int q = p.relations().id("q");
        RuleSession maxPlus = new RuleEngine(p, rules, 0, Aggregation.MAX_PLUS, 10).newSession(10, 1000, null);
        List<Prediction> mp = maxPlus.predict(a, q, Direction.OUT);
        assertEquals(List.of("c", "b"), names(p, mp).subList(0, 2));
        assertEquals(java.util.Set.of("d", "e"), java.util.Set.copyOf(names(p, mp).subList(2, 4)));
        assertTrue(maxPlus.tied(mp.get(2), mp.get(3)));
        assertFalse(maxPlus.tied(mp.get(0), mp.get(1)));
        assertEquals(0.8, mp.get(0).score(), 1e-12);
        assertEquals(2, mp.get(0).rules().length, "c was predicted by R1 and R2");
        List<Prediction> no = new RuleEngine(p, rules, 0, Aggregation.NOISY_OR, 10).newSession(10, 1000, null)
                .predict(a, q, Direction.OUT);
        assertEquals(List.of("c", "b"), names(p, no).subList(0, 2));
        assertEquals(1 - 0.2 * 0.6, no.get(0).score(), 1e-12);
        assertEquals(0.4, no.get(3).score(), 1e-12);
    }

    /**
     * A reflexive rule answers the query entity itself, in both directions, and only when its body holds
     * from it; other rules never do (object identity). Its explanation is a path from the query entity.
     * With pc 0: {@code p(X,X) <= in(X,s)} 0.75, {@code p(X,Y) <= q(X,Y)} 0.5, {@code p(X,X) <=} 0.6 ranked
     * after every rule with a body.
     */
    @Test
    void reflexiveRules_answerTheQueryEntity_inBothDirections() {
        Projection p = Graphs.of("f in s; f q f; f q g; h q h; a p a");
        List<Rule> rules = List.of(rule(p, "p(X,X) <= in(X,s)", 4, 3), rule(p, "p(X,Y) <= q(X,Y)", 4, 2),
                rule(p, "p(X,X) <= ", 5, 3));
        RuleEngine engine = new RuleEngine(p, rules, 0, Aggregation.MAX_PLUS, 10);
        RuleSession session = engine.newSession(10, 1000, p);
        int f = p.entities().id("f");
        int rel = p.relations().id("p");
        for (Direction d : Direction.values()) {
            List<Prediction> out = session.predict(f, rel, d);
            assertEquals("f", names(p, out).get(0), d + ": " + names(p, out));
            assertEquals(0.75, out.get(0).score(), 1e-12);
            assertEquals(2, out.get(0).rules().length, "the rule with a body, then the zero rule");
            assertEquals(0.6, out.get(0).confidences()[1], 1e-12);
            assertEquals(d == Direction.OUT ? List.of("f", "g") : List.of("f"), names(p, out), d.toString());
            List<int[]> atoms = new Explainer(engine, 0, 1000).explain(f, d, out.get(0)).because().get(0).atoms();
            assertEquals(1, atoms.size());
            assertEquals(List.of("f", "in", "s"), List.of(p.entities().name(atoms.get(0)[0]),
                    p.relations().name(atoms.get(0)[1]), p.entities().name(atoms.get(0)[2])));
        }
        int h = p.entities().id("h");
        assertEquals(List.of("h"), names(p, session.predict(h, rel, Direction.OUT)),
                "only the reflexive zero rule fires for h; q(h,h) gives nothing under object identity");
        assertEquals(List.of(), names(p, session.predict(p.entities().id("a"), rel, Direction.OUT)),
                "a p a is a training fact: excluded");
    }

    private static List<String> names(Projection p, List<Prediction> ps) {
        return ps.stream().map(x -> p.entities().name(x.entity())).toList();
    }

    @Test
    void knownFacts_areNotProposed_whenExcluded() {
        Projection p = Graphs.of("a p b; a p c; a q b");
        List<Rule> rules = List.of(rule(p, "q(X,Y) <= p(X,Y)", 2, 1));
        int a = p.entities().id("a");
        int q = p.relations().id("q");
        RuleEngine e = new RuleEngine(p, rules, 0, Aggregation.MAX_PLUS, 10);
        assertEquals(List.of("b", "c"), names(p, e.newSession(10, 1000, null).predict(a, q, Direction.OUT)).stream().sorted().toList());
        assertEquals(List.of("c"), names(p, e.newSession(10, 1000, p).predict(a, q, Direction.OUT)));
        assertEquals(List.of("a"), names(p, e.newSession(10, 1000, null).predict(p.entities().id("c"), q, Direction.IN)));
    }

    /**
     * The early stop (k candidates, then only ties among the first {@code settle}) gives the same first
     * ranks as applying every rule to every candidate, computed naively from the groundings.
     */
    @Test
    void earlyStopping_matchesApplyingEveryRule_onSeededRandomGraphs() {
        for (long seed = 1; seed <= 3; seed++) {
            Projection p = Graphs.random(seed, 40, 3, 260);
            List<Rule> rules = new RuleLearner(p, new LearnParameters(0, 4, 2, seed, 500, 100_000, 5, 2, 0.0001, 3, 2,
                    1_000_000, true), POOL, ProgressListener.NONE, TerminationFlag.running()).learn().rules();
            RuleEngine engine = new RuleEngine(p, rules, 5, Aggregation.MAX_PLUS, 1000);
            assertTrue(engine.sharedBodies > 0, "rules with constants share bodies, so the per-query memo of a "
                    + "body's groundings is exercised across the queries below");
            int k = 5;
            int settle = 3;
            RuleSession session = engine.newSession(k, settle, 1_000_000, p);
            for (int e = 0; e < p.entityCount(); e++) {
                for (int r = 0; r < p.relationCount(); r++) {
                    for (Direction d : Direction.values()) {
                        List<Prediction> fast = session.predict(e, r, d);
                        List<double[]> naive = naiveVectors(p, rules, e, r, d);
                        int n = Math.min(settle, Math.min(fast.size(), naive.size()));
                        for (int i = 0; i < n; i++) {
                            double[] expected = naive.get(i);
                            double[] got = fast.get(i).confidences();
                            assertTrue(java.util.Arrays.equals(expected, got) || isPrefixTie(expected, got),
                                    "seed " + seed + " query " + e + "/" + r + "/" + d + " rank " + (i + 1) + ": expected "
                                            + java.util.Arrays.toString(expected) + ", got " + java.util.Arrays.toString(got)
                                            + "; all fast " + fast.stream().map(x -> java.util.Arrays.toString(x.confidences())).toList()
                                            + "; all naive " + naive.stream().map(java.util.Arrays::toString).toList());
                        }
                        if (naive.size() >= 1) {
                            assertFalse(fast.isEmpty(), "the fast path lost all candidates");
                        }
                    }
                }
            }
        }
    }

    /**
     * With k = 2, rules predict b (0.9), c (0.8) and d (0.7) for a. When b and c are known answers (the
     * evaluation will filter them), they still come first, but the budget of two goes to d, which a plain
     * session never reaches.
     */
    @Test
    void knownAnswers_doNotUseUpTheBudget() {
        Projection p = Graphs.of("a p b; a s c; a t d; z q z2");
        List<Rule> rules = List.of(rule(p, "q(X,Y) <= p(X,Y)", 10, 9), rule(p, "q(X,Y) <= s(X,Y)", 10, 8),
                rule(p, "q(X,Y) <= t(X,Y)", 10, 7));
        Projection known = Graphs.of("a p b; a s c; a t d; z q z2; a q b; a q c"); // the same ids as p
        RuleEngine engine = new RuleEngine(p, rules, 0, Aggregation.MAX_PLUS, 10);
        int a = p.entities().id("a");
        int q = p.relations().id("q");
        assertEquals(List.of("b", "c"), names(p, engine.newSession(2, 2, 1000, p).predict(a, q, Direction.OUT)));
        assertEquals(List.of("b", "c", "d"), names(p, engine.newSession(2, 2, 1000, p, known).predict(a, q, Direction.OUT)));
    }

    /**
     * With known answers, the early stop still gives the first ranks that applying every rule gives, once
     * the known answers are taken out of both lists (as the evaluation's filter does).
     */
    @Test
    void earlyStoppingWithKnownAnswers_matchesApplyingEveryRule_afterFiltering() {
        for (long seed = 1; seed <= 3; seed++) {
            Projection p = Graphs.random(seed, 40, 3, 260, 4);
            Projection known = Graphs.random(seed + 100, 40, 3, 400);
            List<Rule> rules = new RuleLearner(p, new LearnParameters(0, 4, 2, seed, 500, 100_000, 5, 2, 0.0001, 2, 2,
                    1_000_000, true), POOL, ProgressListener.NONE, TerminationFlag.running()).learn().rules();
            RuleEngine engine = new RuleEngine(p, rules, 5, Aggregation.MAX_PLUS, 1000);
            int k = 4;
            int settle = 3;
            RuleSession session = engine.newSession(k, settle, 1_000_000, p, known);
            int compared = 0;
            for (int e = 0; e < p.entityCount(); e++) {
                for (int r = 0; r < p.relationCount(); r++) {
                    for (Direction d : Direction.values()) {
                        int query = e;
                        int rel = r;
                        java.util.function.IntPredicate isKnown = x -> d == Direction.OUT ? known.contains(query, rel, x)
                                : known.contains(x, rel, query);
                        List<double[]> fast = session.predict(e, r, d).stream().filter(x -> !isKnown.test(x.entity()))
                                .map(Prediction::confidences).toList();
                        List<double[]> naive = naiveCandidates(p, rules, e, r, d).entrySet().stream()
                                .filter(x -> !isKnown.test(x.getKey())).map(Map.Entry::getValue)
                                .sorted(RuleEngineTest::byVector).map(RuleEngineTest::confidences).toList();
                        int n = Math.min(settle, Math.min(fast.size(), naive.size()));
                        assertTrue(fast.size() >= Math.min(k, naive.size()), "seed " + seed + " query " + e + "/" + r
                                + "/" + d + ": " + fast.size() + " unknown candidates of " + naive.size());
                        for (int i = 0; i < n; i++) {
                            assertTrue(java.util.Arrays.equals(naive.get(i), fast.get(i))
                                    || isPrefixTie(naive.get(i), fast.get(i)), "seed " + seed + " query " + e + "/" + r
                                    + "/" + d + " rank " + (i + 1));
                            compared++;
                        }
                    }
                }
            }
            assertTrue(compared > 100, "only " + compared + " ranks compared");
        }
    }

    private static boolean isPrefixTie(double[] expected, double[] got) {
        return got.length <= expected.length && java.util.Arrays.equals(got, java.util.Arrays.copyOf(expected, got.length));
    }

    /** Every candidate's full, sorted confidence vector from every rule, by brute-force groundings; best first. */
    private List<double[]> naiveVectors(Projection p, List<Rule> rules, int entity, int relation, Direction d) {
        return naiveCandidates(p, rules, entity, relation, d).values().stream().sorted(RuleEngineTest::byVector)
                .map(RuleEngineTest::confidences).toList();
    }

    /** Max-plus order of confidence vectors: lexicographic, best first, a longer vector before its prefix. */
    private static int byVector(double[] x, double[] y) {
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Double.compare(y[i], x[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(y.length, x.length);
    }

    /**
     * Each candidate with its full vector of rule ranks (confidences, a zero rule's minus one), best
     * first, from every rule, by brute-force groundings.
     */
    private Map<Integer, double[]> naiveCandidates(Projection p, List<Rule> rules, int entity, int relation,
                                                          Direction d) {
        Map<Integer, Map<Integer, Double>> byCandidate = new HashMap<>();
        for (int ri = 0; ri < rules.size(); ri++) {
            Rule rule = rules.get(ri);
            if (rule.head() != relation) {
                continue;
            }
            for (int[] g : groundings.computeIfAbsent(rule, x -> Graphs.groundings(p, x))) {
                int query;
                int answer;
                if (rule.kind() == Rule.Kind.CYCLIC) {
                    query = d == Direction.OUT ? g[0] : g[rule.length()];
                    answer = d == Direction.OUT ? g[rule.length()] : g[0];
                } else if (rule.reflexive()) {
                    query = g[0];
                    answer = g[0];
                } else if (rule.constantIsTail() == (d == Direction.OUT)) {
                    query = g[0];
                    answer = rule.headConstant();
                } else {
                    query = rule.headConstant();
                    answer = g[0];
                }
                boolean known = d == Direction.OUT ? p.contains(entity, relation, answer) : p.contains(answer, relation, entity);
                if (query == entity && (answer != entity || rule.reflexive()) && !known) {
                    // max-plus ranks a zero rule below every rule with a body: its confidence minus one
                    double rank = rule.confidence(5) - (rule.kind() == Rule.Kind.ZERO ? 1 : 0);
                    byCandidate.computeIfAbsent(answer, x -> new HashMap<>()).put(ri, rank);
                }
            }
        }
        Map<Integer, double[]> out = new HashMap<>();
        byCandidate.forEach((candidate, fired) -> out.put(candidate,
                fired.values().stream().sorted(Comparator.reverseOrder()).mapToDouble(Double::doubleValue).toArray()));
        return out;
    }

    /** From ranks back to confidences, as predictions report them (a zero rule ranks at confidence - 1). */
    private static double[] confidences(double[] ranks) {
        double[] v = ranks.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] < 0 ? v[i] + 1 : v[i];
        }
        return v;
    }
}
