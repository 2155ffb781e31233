package org.strata.rules.combine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
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
        Update u = new Update(net);
        double loss = new Gradients().gradient(net, query(), u);
        assertEquals(Math.log(z) - s[1], loss, 1e-12);
        double[] g = new double[6];
        for (int i = 0; i < u.size; i++) {
            g[u.rules[i]] = u.deltas[i];
        }
        double[] rules = {p[0] + p[1] - 1, p[1] + p[2] - 1, p[3]};
        // each rule is alone in its group (weight 1): a group's gradient is its rule's times the rule's weight
        assertArrayEquals(new double[] {rules[0], rules[1], rules[2], rules[0] * -Math.log(0.2),
            rules[1] * -Math.log(0.6), rules[2] * -Math.log(0.6)}, g, 1e-12);
        assertEquals(p[4], u.biasDelta, 1e-12);
    }

    /**
     * The phase update by hand, on one candidate (rule 0 alone in its group) and the unit for 3 unreached
     * entities, with one settling step and a large nudge: the free phase gives p = softmax(w0, -10 + log 3);
     * nudged by +-beta, the candidate's error is e = -+beta (p - 1), its group unit moves by v e, and the
     * energy slopes are -e h for the group weight and -v e for the rule weight; their difference over
     * 2 beta is (p - 1) w0 and (p - 1) v, the unreached unit's p(rest): exactly the gradient, for any beta.
     */
    @Test
    void phaseUpdate_equalsTheHandCalculation() {
        RuleNetwork net = RuleNetwork.start(engine(), 5);
        Query q = new Query(0, Direction.OUT, new int[] {1}, new int[][] {{0}}, 0, 3);
        double w0 = -Math.log(0.2);
        double p = Math.exp(w0) / (Math.exp(w0) + 3 * Math.exp(-10));
        Update u = new Update(net);
        new Gradients().phase(net, q, 0.5, 1, u);
        double[] g = new double[6];
        for (int i = 0; i < u.size; i++) {
            g[u.rules[i]] = u.deltas[i];
        }
        assertArrayEquals(new double[] {p - 1, 0, 0, (p - 1) * w0, 0, 0}, g, 1e-12);
        assertEquals(1 - p, u.biasDelta, 1e-12);
    }

    /** A network over the three rules with random weights; rules 1 and 2 share a group when {@code grouped}. */
    private static RuleNetwork randomNetwork(Random rnd, double decay, double groupDecay, boolean grouped) {
        RuleGroups groups = grouped ? new RuleGroups(3, new int[] {0, 1, 1}) : null;
        RuleNetwork net = RuleNetwork.start(engine(), 5, new RuleNetwork.Shape(decay, groupDecay, decay < 1), groups);
        for (int r = 0; r < 3; r++) {
            net.weights[r] = rnd.nextGaussian();
        }
        for (int g = 0; g < net.groups(); g++) {
            net.groupWeights[g] = 0.5 + rnd.nextDouble();
        }
        net.bias[0] = rnd.nextGaussian() - 2;
        return net;
    }

    /**
     * The same network scoring candidates already linked to the asking entity at {@code factor}, and those
     * that fill the answer's place of the query relation at {@code filled}; and the query with some of its
     * candidates (drawn from {@code links}) marked linked, some filled.
     */
    private static RuleNetwork linkedFactor(RuleNetwork net, double factor, double filled) {
        double[] filledFactors = new double[net.bias.length];
        Arrays.fill(filledFactors, filled);
        return new RuleNetwork(net.weights, net.start, net.groupOf, net.groupWeights, net.groupStart, net.bias,
                net.shape().withLinked(factor), filledFactors);
    }

    private static Query withLinks(Query q, Random links) {
        boolean[] linked = new boolean[q.candidates().length];
        boolean[] filled = new boolean[q.candidates().length];
        for (int c = 0; c < linked.length; c++) {
            linked[c] = links.nextBoolean();
            filled[c] = links.nextBoolean();
        }
        return new Query(q.relation(), q.direction(), q.candidates(), q.rules(), q.target(), q.unreached(), linked,
                filled);
    }

    /**
     * The gradient (rule weights, group weights, bias) against central finite differences of the loss, on
     * random queries, decays and groupings, and with linked candidates scored at a factor of 0.4 and those
     * that fill the answer's place at 0.25 (both: 0.1).
     */
    @Test
    void gradient_matchesFiniteDifferences() {
        Random rnd = new Random(7);
        Random links = new Random(70);
        for (double decay : new double[] {1, 0.3}) {
            for (boolean grouped : new boolean[] {false, true}) {
                for (int trial = 0; trial < 40; trial++) {
                    boolean linked = trial >= 20;
                    RuleNetwork drawn = randomNetwork(rnd, decay, 0.6, grouped);
                    Query asked = randomQuery(rnd);
                    RuleNetwork net = linked ? linkedFactor(drawn, 0.4, 0.25) : drawn;
                    Query q = linked ? withLinks(asked, links) : asked;
                    Update u = new Update(net);
                    new Gradients().gradient(net, q, u);
                    int checked = 0;
                    for (int i = 0; i < u.size; i++) {
                        int k = u.rules[i];
                        double[] w = k < 3 ? net.weights : net.groupWeights;
                        int at = k < 3 ? k : k - 3;
                        double h = 1e-6;
                        double old = w[at];
                        w[at] = old + h;
                        double up = loss(net, q);
                        w[at] = old - h;
                        double down = loss(net, q);
                        w[at] = old;
                        assertEquals((up - down) / (2 * h), u.deltas[i], 1e-6, "weight " + k + ", decay " + decay);
                        checked++;
                    }
                    if (q.unreached() > 0) {
                        double old = net.bias[0];
                        net.bias[0] = old + 1e-6;
                        double up = loss(net, q);
                        net.bias[0] = old - 1e-6;
                        double down = loss(net, q);
                        net.bias[0] = old;
                        assertEquals((up - down) / 2e-6, u.biasDelta, 1e-6, "bias");
                    }
                    assertTrue(checked > 0 || Arrays.stream(q.rules()).allMatch(r -> r.length == 0));
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

    /**
     * As the nudge shrinks, the phase learner's update (group units settling between rules and candidates)
     * turns into the gradient: cosine above 0.99.
     */
    @Test
    void phaseUpdate_becomesTheGradient_asTheNudgeShrinks() {
        double previous = -1;
        for (double beta : new double[] {1, 0.1, 0.001}) {
            Random same = new Random(12);
            Random links = new Random(120);
            double worst = 1;
            for (int trial = 0; trial < 50; trial++) {
                RuleNetwork net = randomNetwork(same, 0.5, 0.7, trial % 2 == 0);
                Query q = randomQuery(same);
                if (trial % 3 == 0) {
                    // candidates already linked to the asking entity, scored at a factor of 0.4, and those
                    // that fill the answer's place at 0.25
                    net = linkedFactor(net, 0.4, 0.25);
                    q = withLinks(q, links);
                }
                Update phase = new Update(net);
                Update exact = new Update(net);
                new Gradients().phase(net, q, beta, 30, phase);
                new Gradients().gradient(net, q, exact);
                worst = Math.min(worst, phase.cosine(exact));
            }
            assertTrue(worst >= previous - 1e-9, "the cosine should not fall as beta shrinks: " + worst + " at " + beta);
            previous = worst;
        }
        assertTrue(previous > 0.99, "cosine at beta 0.001: " + previous);
    }

    /**
     * With a large nudge the phase update is not the gradient (the energy is not quadratic in the loss), so
     * the test above measures something; and the kinase learner's update, from one nudged phase and two
     * traces, always points downhill (positive cosine with the gradient) without being the gradient.
     */
    @Test
    void largeNudgeAndKinase_differFromTheGradient_butDescend() {
        Random rnd = new Random(13);
        double worstLarge = 1;
        double worstKinase = 1;
        for (int trial = 0; trial < 50; trial++) {
            RuleNetwork net = randomNetwork(rnd, 0.5, 0.7, true);
            Query q = randomQuery(rnd);
            if (q.candidates().length == 0 || Arrays.stream(q.rules()).allMatch(r -> r.length == 0)) {
                continue;
            }
            Update exact = new Update(net);
            new Gradients().gradient(net, q, exact);
            Update large = new Update(net);
            new Gradients().phase(net, q, 3, 30, large);
            worstLarge = Math.min(worstLarge, large.cosine(exact));
            Update kinase = new Update(net);
            new Gradients().kinase(net, q, 0.01, 8, kinase);
            double c = kinase.cosine(exact);
            assertTrue(c > 0, "kinase update against the gradient: cosine " + c);
            worstKinase = Math.min(worstKinase, c);
        }
        assertTrue(worstLarge < 0.999, "a nudge of 3 should bend the update: worst cosine " + worstLarge);
        assertTrue(worstKinase < 0.9999, "kinase should not be the exact gradient: worst cosine " + worstKinase);
    }

    /** A candidate's explanation: each rule's contribution, and they add up to its score. */
    @Test
    void contributions_sumToTheScore() {
        Random rnd = new Random(17);
        for (int trial = 0; trial < 100; trial++) {
            RuleNetwork net = randomNetwork(rnd, rnd.nextDouble(), rnd.nextDouble(), rnd.nextBoolean());
            int[] rules = rnd.ints(0, 3).distinct().limit(1 + rnd.nextInt(3)).toArray();
            double[] c = net.contributions(rules);
            assertEquals(net.score(rules), Arrays.stream(c).sum(), 1e-12);
        }
        // by hand: rules 1 and 2 in one group (weight 2), decay 0.5 inside it, group decay 0.25 after the first
        RuleNetwork net = RuleNetwork.start(engine(), 5, new RuleNetwork.Shape(0.5, 0.25, true),
                new RuleGroups(3, new int[] {0, 1, 1}));
        net.groupWeights[1] = 2;
        // rules 0 (0.8, group 0 first), 1 (0.4, group 1: 0.25 * 2 * 0.4), 2 (0.4, group 1 again: 0.25 * 2 * 0.5 * 0.4)
        assertArrayEquals(new double[] {0.8, 0.2, 0.1}, net.contributions(new int[] {0, 1, 2}), 1e-12);
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

    /** No training queries (the budget went on building the rest): the start, and no epoch run for nothing. */
    @Test
    void training_withoutQueries_keepsTheStart_andRunsNoEpoch() {
        RuleNetwork start = RuleNetwork.start(engine(), 5);
        int[] validations = {0};
        CombinationTrainer.Result r = new CombinationTrainer(CombinationTrainer.Parameters.defaults(Learner.PHASE, 5))
                .train(start, List.of(), net -> ++validations[0], ProgressListener.NONE, TerminationFlag.running());
        assertEquals(1, r.epochs().size(), "only the start's validation");
        assertEquals(1, validations[0]);
        assertEquals(0, r.bestEpoch());
        assertArrayEquals(start.weights, r.network().weights);
    }
}
