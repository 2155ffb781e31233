package org.strata.rules.combine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.rules.Graphs;
import org.strata.rules.apply.Aggregation;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.model.Rule;
import org.strata.rules.model.RuleFormat;

/** What a training query holds: its own fact left out, and with it the rules that only that fact made. */
class QueryBuilderTest {

    /**
     * {@code q(X,c) <= p(X,b)} is right for a and d (2 of 3): without the fact q(a,c) it would be right once,
     * below the learner's minimum of 2, so the training query of q(a,c) does not fire it; a rule right 5
     * times keeps firing. The same query asked for validation (the fact left out, the rules as learned) fires
     * both. A rule that predicts only other candidates is not touched, whatever its counts.
     */
    @Test
    void trainingQuery_dropsRulesThatExistOnlyBecauseOfTheAskedFact() {
        Projection p = Graphs.of("a p b; a q c; d p b; d q c; e p b; a s y; f q x");
        List<Rule> rules = List.of(
                RuleFormat.parse("q(X,c) <= p(X,b)", p.entities(), p.relations()).withCounts(3, 2),
                RuleFormat.parse("q(X,c) <= p(X,A)", p.entities(), p.relations()).withCounts(10, 5),
                RuleFormat.parse("q(X,x) <= s(X,A)", p.entities(), p.relations()).withCounts(3, 2));
        RuleEngine engine = new RuleEngine(p, rules, 1, Aggregation.NOISY_OR, 1);
        QueryBuilder b = new QueryBuilder(engine, RuleNetwork.start(engine, p.relationCount()), p, 200, 8, 10_000);
        int a = p.entities().id("a");
        int c = p.entities().id("c");
        int x = p.entities().id("x");
        int q = p.relations().id("q");
        Query training = b.training(a, q, c, Direction.OUT);
        assertArrayEquals(new int[] {1}, rulesOf(training, c));
        assertEquals(training.target(), indexOf(training, c));
        assertArrayEquals(new int[] {2}, rulesOf(training, x));
        Query validation = b.validation(a, q, c, Direction.OUT);
        assertArrayEquals(new int[] {0, 1}, rulesOf(validation, c));
    }

    /**
     * Which candidates are linked to the asking entity by a training fact: x (a t x) is, z is not; the answer
     * c is linked by the asked fact itself, which a training query leaves out, so it is linked there only
     * when another fact links a and c too, and never when the query leaves out the pair. A validation query
     * counts every training fact.
     */
    @Test
    void linkedCandidates_countTheTrainingFactsTheQueryKeeps() {
        for (boolean secondLink : new boolean[] {false, true}) {
            Projection p = Graphs.of("a q c; a s b; a t x; d q c; d s b; d q z; e s w; e q z" + (secondLink ? "; c t a" : ""));
            List<Rule> rules = List.of(
                    RuleFormat.parse("q(X,c) <= s(X,A)", p.entities(), p.relations()).withCounts(10, 6),
                    RuleFormat.parse("q(X,x) <= s(X,A)", p.entities(), p.relations()).withCounts(10, 5),
                    RuleFormat.parse("q(X,z) <= s(X,A)", p.entities(), p.relations()).withCounts(10, 4));
            RuleEngine engine = new RuleEngine(p, rules, 1, Aggregation.NOISY_OR, 1);
            QueryBuilder b = new QueryBuilder(engine, RuleNetwork.start(engine, p.relationCount()), p, 200, 8, 10_000);
            int a = p.entities().id("a");
            int c = p.entities().id("c");
            int x = p.entities().id("x");
            int z = p.entities().id("z");
            int q = p.relations().id("q");
            for (boolean pair : new boolean[] {false, true}) {
                Query training = b.training(a, q, c, Direction.OUT, pair);
                assertEquals(3, training.candidates().length, "pair " + pair);
                assertTrue(training.isLinked(indexOf(training, x)));
                assertFalse(training.isLinked(indexOf(training, z)));
                assertEquals(secondLink && !pair, training.isLinked(indexOf(training, c)),
                        "second link " + secondLink + ", pair " + pair);
            }
            Query validation = b.validation(a, q, c, Direction.OUT);
            assertTrue(validation.isLinked(indexOf(validation, c)));
            assertTrue(validation.isLinked(indexOf(validation, x)));
            assertFalse(validation.isLinked(indexOf(validation, z)));
        }
    }

    /**
     * Which candidates already fill the answer's place of q: in a tail query, those that are the tail of some
     * q fact. z is (d q z), x is not; the answer c is the tail of the asked fact a q c, which a training query
     * leaves out, so c fills the place there only when another fact (d q c) makes it so. A validation query
     * of a fact that is not a training fact (f q x) counts every training fact; a head query looks at heads.
     */
    @Test
    void filledCandidates_countTheOtherFactsOfTheRelation() {
        for (boolean secondTail : new boolean[] {false, true}) {
            Projection p = Graphs.of("a q c; a s b; d s b; d q z; e s w; e q z; a t x; f s b"
                    + (secondTail ? "; d q c" : ""));
            List<Rule> rules = List.of(
                    RuleFormat.parse("q(X,c) <= s(X,A)", p.entities(), p.relations()).withCounts(10, 6),
                    RuleFormat.parse("q(X,x) <= s(X,A)", p.entities(), p.relations()).withCounts(10, 5),
                    RuleFormat.parse("q(X,z) <= s(X,A)", p.entities(), p.relations()).withCounts(10, 4),
                    RuleFormat.parse("q(X,Y) <= s(X,A), s(Y,A)", p.entities(), p.relations()).withCounts(10, 4));
            RuleEngine engine = new RuleEngine(p, rules, 1, Aggregation.NOISY_OR, 1);
            QueryBuilder b = new QueryBuilder(engine, RuleNetwork.start(engine, p.relationCount()), p, 200, 8, 10_000);
            int a = p.entities().id("a");
            int c = p.entities().id("c");
            int d = p.entities().id("d");
            int f = p.entities().id("f");
            int x = p.entities().id("x");
            int z = p.entities().id("z");
            int q = p.relations().id("q");
            Query training = b.training(a, q, c, Direction.OUT);
            assertTrue(training.isFilled(indexOf(training, z)));
            assertFalse(training.isFilled(indexOf(training, x)));
            assertEquals(secondTail, training.isFilled(indexOf(training, c)), "second tail " + secondTail);
            assertEquals(secondTail, training.isFilled(training.target()), "second tail " + secondTail);
            Query validation = b.validation(f, q, x, Direction.OUT);
            assertTrue(validation.isFilled(indexOf(validation, c)));
            assertTrue(validation.isFilled(indexOf(validation, z)));
            assertFalse(validation.isFilled(indexOf(validation, x)));
            // (?, q, d): a and f share d's s-neighbour b; a is the head of a q fact, f of none
            Query head = b.validation(f, q, d, Direction.IN);
            assertTrue(head.isFilled(indexOf(head, a)));
            assertFalse(head.isFilled(indexOf(head, f)));
        }
    }

    private static int indexOf(Query q, int entity) {
        for (int i = 0; i < q.candidates().length; i++) {
            if (q.candidates()[i] == entity) {
                return i;
            }
        }
        return -1;
    }

    private static int[] rulesOf(Query q, int entity) {
        int i = indexOf(q, entity);
        int[] r = i < 0 ? new int[0] : q.rules()[i].clone();
        Arrays.sort(r);
        return r;
    }

    @Test
    void topByScore_isThePrefixOfTheStableDescendingOrder() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int n : new int[] {0, 1, 2, 3, 17, 64, 1000}) {
            double[] score = new double[n];
            for (int i = 0; i < n; i++) {
                score[i] = rng.nextInt(5) * 0.25; // many ties: the order among them is the positions'
            }
            Integer[] expected = new Integer[n];
            Arrays.setAll(expected, i -> i);
            Arrays.sort(expected, Comparator.comparingDouble((Integer i) -> -score[i])); // stable
            int[] all = Arrays.stream(expected).mapToInt(Integer::intValue).toArray();
            for (int t : new int[] {0, Math.min(1, n), n / 3, n}) { // every prefix the query builder may ask for
                assertArrayEquals(Arrays.copyOf(all, t), QueryBuilder.topByScore(score, t), "n = " + n + ", t = " + t);
            }
        }
    }
}
