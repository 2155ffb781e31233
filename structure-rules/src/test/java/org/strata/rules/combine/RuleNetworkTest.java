package org.strata.rules.combine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.rules.Graphs;
import org.strata.rules.apply.Aggregation;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.model.Rule;
import org.strata.rules.model.RuleFormat;

/**
 * The rule network and its learners on cases small enough to check by hand, against finite differences,
 * and against each other: the phase learner's update becomes the gradient as the nudge shrinks.
 */
class RuleNetworkTest {

    /** Three rules with confidences 0.8, 0.4, 0.4 (pc 0), as in the engine's own hand-checked case. */
    private static RuleEngine engine() {
        Projection p = Graphs.of("a p b; a p c; a s c; a s d; a t x; z q e");
        List<Rule> rules = List.of(
                RuleFormat.parse("q(X,Y) <= p(X,Y)", p.entities(), p.relations()).withCounts(5, 4),
                RuleFormat.parse("q(X,Y) <= s(X,Y)", p.entities(), p.relations()).withCounts(5, 2),
                RuleFormat.parse("q(X,e) <= t(X,A)", p.entities(), p.relations()).withCounts(5, 2));
        return new RuleEngine(p, rules, 0, Aggregation.NOISY_OR, 1);
    }

    /** Candidates b (rule 0), c (rules 0, 1), d (rule 1), e (rule 2); the answer c; 3 entities unreached. */
    private static Query query() {
        return new Query(0, Direction.OUT, new int[] {1, 2, 3, 4}, new int[][] {{0}, {0, 1}, {1}, {2}}, 1, 3);
    }

    private static double loss(RuleNetwork net, Query q) {
        return new Gradients().loss(net, q);
    }

    /**
     * By hand: weights start at -log(1 - c): w0 = -log 0.2 = 1.6094, w1 = w2 = -log 0.6 = 0.5108; scores b
     * 1.6094, c 2.1203, d 0.5108, e 0.5108, the rest -10 + log 3. Softmax; the gradient of rule 0 is
     * p(b) + p(c) - 1, of rule 1 p(c) + p(d) - 1, of rule 2 p(e).
     */
    @Test
    void gradient_equalsTheHandCalculation() {
        RuleNetwork net = RuleNetwork.start(engine(), 5);
        assertEquals(-Math.log(0.2), net.weight(0), 1e-12);
        double[] s = {-Math.log(0.2), -Math.log(0.2) - Math.log(0.6), -Math.log(0.6), -Math.log(0.6), -10 + Math.log(3)};
        double z = 0;
        for (double v : s) {
            z += Math.exp(v);
        }
        double[] p = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            p[i] = Math.exp(s[i]) / z;
        }
        Update u = new Update(3);
        double loss = new Gradients().gradient(net, query(), u);
        assertEquals(Math.log(z) - s[1], loss, 1e-12);
        double[] g = new double[3];
        for (int i = 0; i < u.size; i++) {
            g[u.rules[i]] = u.deltas[i];
        }
        assertArrayEquals(new double[] {p[0] + p[1] - 1, p[1] + p[2] - 1, p[3]}, g, 1e-12);
        assertEquals(p[4], u.biasDelta, 1e-12);
    }

    /** The gradient against central finite differences of the loss, on random queries and decays. */
    @Test
    void gradient_matchesFiniteDifferences() {
        Random rnd = new Random(7);
        for (double decay : new double[] {1, 0.3}) {
            RuleNetwork net = RuleNetwork.start(engine(), 5, decay, decay < 1);
            for (int trial = 0; trial < 20; trial++) {
                for (int r = 0; r < 3; r++) {
                    net.weights[r] = rnd.nextGaussian();
                }
                Query q = randomQuery(rnd);
                Update u = new Update(3);
                new Gradients().gradient(net, q, u);
                for (int i = 0; i < u.size; i++) {
                    int r = u.rules[i];
                    double h = 1e-6;
                    double w = net.weights[r];
                    net.weights[r] = w + h;
                    double up = loss(net, q);
                    net.weights[r] = w - h;
                    double down = loss(net, q);
                    net.weights[r] = w;
                    assertEquals((up - down) / (2 * h), u.deltas[i], 1e-6, "rule " + r + ", decay " + decay);
                }
            }
        }
    }

    private static Query randomQuery(Random rnd) {
        int n = 2 + rnd.nextInt(5);
        int[] candidates = new int[n];
        int[][] rules = new int[n][];
        for (int c = 0; c < n; c++) {
            candidates[c] = c;
            List<Integer> rs = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                if (rnd.nextBoolean()) {
                    rs.add(r);
                }
            }
            rules[c] = rs.stream().mapToInt(Integer::intValue).toArray();
        }
        int target = rnd.nextInt(n + 1) - 1;
        // an answer no rule reaches is one of the unreached: there is at least one then
        return new Query(0, Direction.OUT, candidates, rules, target, (target < 0 ? 1 : 0) + rnd.nextInt(4));
    }

    /** As the nudge shrinks, the phase learner's update turns into the gradient (cosine above 0.99). */
    @Test
    void phaseUpdate_becomesTheGradient_asTheNudgeShrinks() {
        Random rnd = new Random(11);
        RuleNetwork net = RuleNetwork.start(engine(), 5);
        double previous = -1;
        for (double beta : new double[] {1, 0.1, 0.001}) {
            double worst = 1;
            for (int trial = 0; trial < 50; trial++) {
                Query q = randomQuery(rnd);
                Update phase = new Update(3);
                Update exact = new Update(3);
                new Gradients().phase(net, q, beta, 20, phase);
                new Gradients().gradient(net, q, exact);
                worst = Math.min(worst, phase.cosine(exact));
            }
            assertTrue(worst >= previous - 1e-9, "the cosine should not fall as beta shrinks: " + worst + " at " + beta);
            previous = worst;
        }
        assertTrue(previous > 0.99, "cosine at beta 0.001: " + previous);
    }

    /** Same seed, same queries: the same weights, bit for bit. */
    @Test
    void training_isDeterministicForASeed() {
        Random rnd = new Random(3);
        List<Query> queries = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            queries.add(randomQuery(rnd));
        }
        double[][] weights = new double[2][];
        for (int run = 0; run < 2; run++) {
            CombinationTrainer.Result r = new CombinationTrainer(CombinationTrainer.Parameters.defaults(Learner.PHASE, 5))
                    .train(RuleNetwork.start(engine(), 5), queries, net -> -new Gradients().loss(net, queries.get(0)),
                            ProgressListener.NONE, TerminationFlag.running());
            weights[run] = r.network().weights.clone();
        }
        assertArrayEquals(weights[0], weights[1]);
    }
}
