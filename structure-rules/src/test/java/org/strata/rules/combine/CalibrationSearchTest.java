package org.strata.rules.combine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.rules.Graphs;
import org.strata.rules.apply.Aggregation;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.model.Rule;
import org.strata.rules.model.RuleFormat;

/**
 * The calibration of a network's start: its classes, its search on hand-made validation queries where one
 * class of rules misleads, and that the MRR it reports is the network's own on the same queries.
 */
class CalibrationSearchTest {

    /**
     * One rule per class, confidences (pc 1) 0.818, 0.455, 0.364, 0.273, 0.182, 0.636, 0.091: the
     * restating rule (length 1) is the most confident.
     */
    private static RuleEngine engine() {
        Projection p = Graphs.of("a p b; a s c; c u d; a t e; e u b; z q e");
        String[] texts = {"q(X,Y) <= p(X,Y)", "q(X,Y) <= s(X,A), u(A,Y)", "q(X,Y) <= t(X,A), u(A,B), s(B,Y)",
            "q(X,e) <= t(X,e)", "q(X,e) <= s(X,A), u(A,d)", "q(X,b) <= t(X,A)", "q(X,e) <="};
        long[] correct = {9, 5, 4, 3, 2, 7, 1};
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            rules.add(RuleFormat.parse(texts[i], p.entities(), p.relations()).withCounts(10, correct[i]));
        }
        return new RuleEngine(p, rules, 1, Aggregation.NOISY_OR, 1);
    }

    @Test
    void classes_ofEachKindAndLength() {
        RuleEngine e = engine();
        int[] expected = {0, 1, 2, 3, 4, 5, 7};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], Calibration.classOf(e.rules().get(i)), e.rules().get(i).toString());
        }
        assertEquals("cyclic/1", Calibration.className(0));
        assertEquals("zero", Calibration.className(7));
    }

    /**
     * Validation queries in which the restating rule (0) always names a wrong candidate above the answer that
     * the length-2 rule (1) names, and queries it answers alone: only a calibration that puts rule 0 below
     * rule 1 ranks every answer first.
     */
    @Test
    void misleadingClass_isWeighedDown() {
        RuleEngine e = engine();
        List<Query> queries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            queries.add(new Query(0, Direction.OUT, new int[] {1, 2}, new int[][] {{0}, {1}}, 1, 5));
            queries.add(new Query(0, Direction.OUT, new int[] {1}, new int[][] {{0}}, 0, 6));
        }
        RuleNetwork.Shape shape = new RuleNetwork.Shape(0.1, 0.7, true);
        CalibrationSearch.Choice c = CalibrationSearch.choose(e, queries, Calibration.none(1), 8, shape, null, 1);
        assertEquals(0.75, c.before(), 1e-12);
        assertEquals(1.0, c.after(), 1e-12);
        assertTrue(c.calibration().confidence(e.rules().get(0)) < c.calibration().confidence(e.rules().get(1)),
                c.calibration().toString());
        // a network started from it ranks these answers first, as the search said
        RuleNetwork net = RuleNetwork.start(e, 1, shape, null, c.calibration());
        assertEquals(1.0, QueryRanks.mrr(net, reordered(net, queries, 8)), 1e-12);
    }

    /**
     * On seeded random queries: the chosen calibration is never worse than the start on the queries it was
     * chosen on, the MRR the search reports is the MRR of the network it gives, on the same queries with
     * each candidate's rules in that network's order, and ranking the queries in parts on workers changes
     * neither.
     */
    @Test
    void reportedMrr_isTheNetworksOwn_andNeverBelowTheStart() {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            rounds(engine(), new Random(7), pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void rounds(RuleEngine e, Random rnd, ExecutorService pool) {
        for (int round = 0; round < 20; round++) {
            List<Query> queries = new ArrayList<>();
            for (int k = 0; k < 60; k++) {
                int n = 1 + rnd.nextInt(6);
                int[][] rules = new int[n][];
                int[] cands = new int[n];
                for (int c = 0; c < n; c++) {
                    cands[c] = c;
                    rules[c] = rnd.ints(0, 7).distinct().limit(1 + rnd.nextInt(4)).toArray();
                }
                int target = rnd.nextInt(8) == 0 ? -1 : rnd.nextInt(n);
                queries.add(new Query(0, Direction.OUT, cands, rules, target, rnd.nextInt(5)));
            }
            int maxRules = 1 + rnd.nextInt(3);
            boolean linear = rnd.nextBoolean();
            RuleNetwork.Shape shape = new RuleNetwork.Shape(linear ? 0.1 : 1, 0.3 + 0.7 * rnd.nextDouble(), linear);
            CalibrationSearch.Choice c = CalibrationSearch.choose(e, queries, Calibration.none(1), maxRules, shape,
                    null, 1);
            assertTrue(c.after() >= c.before(), "round " + round);
            // ranked in parts on workers, the search chooses the same
            CalibrationSearch.Choice parts = CalibrationSearch.choose(e, queries, Calibration.none(1), maxRules, shape,
                    pool, 3);
            assertEquals(c.calibration(), parts.calibration(), "round " + round);
            assertEquals(c.after(), parts.after(), 1e-12, "round " + round);
            RuleNetwork net = RuleNetwork.start(e, 1, shape, null, c.calibration());
            assertEquals(c.after(), QueryRanks.mrr(net, reordered(net, queries, maxRules)), 1e-9, "round " + round);
        }
    }

    /**
     * Two candidates predicted by the same rule tie, whatever the rule's class weight; where the wrong one is
     * already linked to the asking entity, only a factor below 1 on linked candidates ranks the answer first,
     * and the network read from the calibration does so.
     */
    @Test
    void linkedCandidatesThatAreNeverTheAnswer_areWeighedDown() {
        RuleEngine e = engine();
        List<Query> queries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            queries.add(new Query(0, Direction.OUT, new int[] {1, 2}, new int[][] {{1}, {1}}, 1, 5,
                    new boolean[] {true, false}));
        }
        RuleNetwork.Shape shape = new RuleNetwork.Shape(0.1, 0.7, true);
        CalibrationSearch.Choice c = CalibrationSearch.choose(e, queries, Calibration.none(1), 8, shape, null, 1);
        assertEquals(2 / 3.0, c.before(), 1e-12);
        assertEquals(1.0, c.after(), 1e-12);
        assertTrue(c.calibration().linked() < 1, c.calibration().toString());
        RuleNetwork net = RuleNetwork.start(e, 1, shape, null, c.calibration());
        assertEquals(c.calibration().linked(), net.shape().linked());
        assertEquals(1.0, QueryRanks.mrr(net, reordered(net, queries, 8)), 1e-12);
    }

    /**
     * Two candidates predicted by the same rule tie; in tail queries the wrong one already fills the answer's
     * place in another fact of the relation, in head queries the answer does: the search weighs filled
     * candidates down in the one direction and up in the other, each on its own queries; a relation direction
     * with fewer than {@link CalibrationSearch#MIN_FILLED_QUERIES} queries keeps 1. The network read from the
     * calibration ranks the answers of both directions first.
     */
    @Test
    void filledCandidates_areWeighedPerRelationAndDirection() {
        RuleEngine e = engine();
        List<Query> queries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            queries.add(new Query(0, Direction.OUT, new int[] {1, 2}, new int[][] {{1}, {1}}, 1, 5, null,
                    new boolean[] {true, false}));
            queries.add(new Query(0, Direction.IN, new int[] {1, 2}, new int[][] {{1}, {1}}, 0, 5, null,
                    new boolean[] {true, false}));
        }
        for (int i = 0; i < CalibrationSearch.MIN_FILLED_QUERIES - 1; i++) {
            queries.add(new Query(1, Direction.OUT, new int[] {1, 2}, new int[][] {{1}, {1}}, 1, 5, null,
                    new boolean[] {true, false}));
        }
        RuleNetwork.Shape shape = new RuleNetwork.Shape(0.1, 0.7, true);
        CalibrationSearch.Choice c = CalibrationSearch.choose(e, queries, Calibration.none(1), 8, shape, null, 1);
        assertEquals(2 / 3.0, c.before(), 1e-12);
        int n = queries.size();
        assertEquals((40 + (n - 40) * 2 / 3.0) / n, c.after(), 1e-12);
        Calibration chosen = c.calibration();
        assertTrue(chosen.filled(0) < 1, chosen.toString());
        assertTrue(chosen.filled(1) > 1, chosen.toString());
        assertEquals(1, chosen.filled(2), chosen.toString());
        RuleNetwork net = RuleNetwork.start(e, 2, shape, null, chosen);
        assertEquals(chosen.filled(0), net.filledFactor(0, Direction.OUT));
        assertEquals(chosen.filled(1), net.filledFactor(0, Direction.IN));
        assertEquals(1.0, QueryRanks.mrr(net, reordered(net, queries.subList(0, 40), 8)), 1e-12);
    }

    @Test
    void invalidCalibrations_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Calibration(0, new double[8]));
        assertThrows(IllegalArgumentException.class, () -> new Calibration(1, new double[7]));
        double[] negative = new double[8];
        negative[3] = -1;
        assertThrows(IllegalArgumentException.class, () -> new Calibration(1, negative));
        assertThrows(IllegalArgumentException.class, () -> new Calibration(1, new double[8], -0.5));
        assertThrows(IllegalArgumentException.class, () -> new Calibration(1, new double[8], 1, new double[] {1, -0.1}));
    }

    /** The queries with each candidate's rules heaviest first by {@code net}'s start, the first {@code max} kept. */
    private static List<Query> reordered(RuleNetwork net, List<Query> queries, int max) {
        List<Query> out = new ArrayList<>();
        for (Query q : queries) {
            int[][] rules = new int[q.rules().length][];
            for (int c = 0; c < rules.length; c++) {
                rules[c] = Arrays.stream(q.rules()[c]).boxed()
                        .sorted((a, b) -> net.start[a] != net.start[b] ? Double.compare(net.start[b], net.start[a])
                                : Integer.compare(a, b))
                        .limit(max).mapToInt(Integer::intValue).toArray();
            }
            out.add(q.withRules(rules));
        }
        return out;
    }
}
