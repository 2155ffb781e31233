package org.strata.rules.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.projection.TripleList;
import org.strata.rules.spread.SpreadGraph;
import org.strata.rules.spread.SpreadModel;
import org.strata.rules.spread.Spreader;
import org.strata.rules.spread.StateTape;

/**
 * The phase-based rules against hand calculations and against backprop through the settling steps;
 * backprop against finite differences; the learning-state memory as measured on the tape.
 */
class LocalLearningTest {

    /** One fact (A, r, B): units s(A)=0, s(B)=1, o(A)=2, o(B)=3, every coupling coefficient 1/2. */
    private static SpreadGraph oneFact() {
        return new SpreadGraph(new TripleList(new int[] {0}, new int[] {0}, new int[] {1}), 2, 1);
    }

    /** The direction: the channel gates of q, then the entity biases of q, in one array. */
    private static double[] direction(LocalRule rule, SpreadGraph graph, SpreadModel model, int entity, int q, int target,
                                      double beta, StateTape tape) {
        double[] gates = new double[graph.channels()];
        double[] biases = new double[graph.entities()];
        LocalUpdate.direction(rule, new Spreader(graph, model), entity, q, target, beta, tape, gates, biases,
                new LocalUpdate.Scratch(graph.channels(), graph.entities()));
        double[] out = java.util.Arrays.copyOf(gates, gates.length + biases.length);
        System.arraycopy(biases, 0, out, gates.length, biases.length);
        return out;
    }

    @Test
    void phaseUpdate_onOneFact_isTheHandCalculation() {
        // Gates 0.5, biases 0, gain 1, K = 1, beta 0.1, query (A, r, ?) with answer B; every phase starts
        // from the input b (s(A) = 1) and takes one step a = b + W b - beta dC/da(b).
        // Free: {s(A): 1, o(A): 0.5 * 0.5 = 0.25 (continue channel), o(B): 0.25 (channel r)}.
        // dC/do at b = softmax(0, 0) - y = (0.5, -0.5), so +beta: o(A) 0.2, o(B) 0.3; -beta: o(A) 0.3, o(B) 0.2.
        // Hebbian statistic per channel (both ends of each coupling: 2 * 0.5 * x(u) * x(v)):
        // channel r (s(A)-o(B)): free 0.25, +beta 0.3, -beta 0.2; channel r inverse (s(B)-o(A)): 0 (s(B) silent);
        // continue (o(A)-s(A), o(B)-s(B)): free 0.25, +beta 0.2, -beta 0.3.
        // Readout biases (delta rule at the free state, for every learner): y - p = (-0.5, 0.5).
        SpreadGraph g = oneFact();
        SpreadModel m = new SpreadModel(1, 2, 1, 1f, 0.5f, 0f);
        double[] expected = {(0.3 - 0.25) / 0.2, 0, (0.2 - 0.25) / 0.2, -0.5, 0.5};
        assertArrayEquals(expected, direction(LocalRule.PHASE_PLAIN, g, m, 0, 0, 1, 0.1, new StateTape()), 1e-9);
        double[] centred = direction(LocalRule.PHASE, g, m, 0, 0, 1, 0.1, new StateTape());
        assertArrayEquals(new double[] {(0.3 - 0.2) / 0.4, 0, (0.2 - 0.3) / 0.4, -0.5, 0.5}, centred, 1e-9);
        assertTrue(centred[0] > 0 && centred[2] < 0 && centred[4] > 0,
                "strengthen the channel and the bias of the answer, weaken the path back to A");
        // Backprop through the one step: dC/dgate_r = dC/do(B) * 1/2 * s(A) = -0.25, dC/dgate_continue = +0.25;
        // the biases enter the cost only: -dC/dbias = y - p = (-0.5, 0.5).
        assertArrayEquals(new double[] {0.25, 0, -0.25, -0.5, 0.5},
                direction(LocalRule.BPTT, g, m, 0, 0, 1, 0.1, new StateTape()), 1e-9);
    }

    /** A random graph with random gates, for the gradient comparisons. */
    private static Object[] randomNet(long seed, int steps) {
        Random random = new Random(seed);
        int entities = 12;
        int relations = 3;
        int facts = 30;
        int[] h = new int[facts];
        int[] r = new int[facts];
        int[] t = new int[facts];
        for (int i = 0; i < facts; i++) {
            h[i] = random.nextInt(entities);
            r[i] = random.nextInt(relations);
            t[i] = random.nextInt(entities);
        }
        SpreadGraph g = new SpreadGraph(new TripleList(h, r, t), entities, relations);
        SpreadModel m = new SpreadModel(relations, entities, steps, 4f, 0f, 0f);
        for (int q = 0; q < 2 * relations; q++) {
            float[] gates = m.gates(q);
            for (int c = 0; c < gates.length; c++) {
                gates[c] = 0.2f + 0.4f * random.nextFloat();
            }
            float[] biases = m.biases(q);
            for (int e = 0; e < biases.length; e++) {
                biases[e] = 0.1f * random.nextFloat();
            }
        }
        return new Object[] {g, m, new TripleList(h, r, t)};
    }

    @Test
    void backprop_matchesFiniteDifferences_andCheckpointingChangesNothing() {
        Object[] net = randomNet(7, 5);
        SpreadGraph g = (SpreadGraph) net[0];
        SpreadModel m = (SpreadModel) net[1];
        int entity = 3;
        int q = 4;
        int target = 8;
        double[] bptt = direction(LocalRule.BPTT, g, m, entity, q, target, 0.1, new StateTape());
        double[] checkpointed = direction(LocalRule.BPTT_CHECKPOINT, g, m, entity, q, target, 0.1, new StateTape());
        assertArrayEquals(bptt, checkpointed, 1e-12);
        double worst = 0;
        int index = 0;
        for (float[] weights : new float[][] {m.gates(q), m.biases(q)}) {
            for (int c = 0; c < weights.length; c++, index++) {
                float keep = weights[c];
                double h = 1e-3;
                weights[c] = (float) (keep + h);
                double up = cost(g, m, entity, q, target);
                weights[c] = (float) (keep - h);
                double down = cost(g, m, entity, q, target);
                weights[c] = keep;
                double numeric = -(up - down) / ((float) (keep + h) - (float) (keep - h));
                worst = Math.max(worst, Math.abs(numeric - bptt[index]) / Math.max(1e-3, Math.abs(numeric)));
            }
        }
        assertEquals(g.channels() + g.entities(), index);
        assertTrue(worst < 1e-3, "relative error " + worst);
    }

    private static double cost(SpreadGraph g, SpreadModel m, int entity, int q, int target) {
        Spreader s = new Spreader(g, m);
        s.start(entity, q);
        s.settle(q, m.steps(), 0, -1);
        return s.cost(target);
    }

    @Test
    void symmetricNudging_alignsWithBackprop_asBetaGoesToZero() {
        Object[] net = randomNet(11, 40);
        SpreadGraph g = (SpreadGraph) net[0];
        SpreadModel m = (SpreadModel) net[1];
        TripleList facts = (TripleList) net[2];
        double[] cosines = new double[3];
        double[] betas = {1.0, 0.1, 0.001};
        for (int b = 0; b < betas.length; b++) {
            // the gates only: the readout biases follow the same delta rule in both
            double[][] phase = new double[g.queryRelations()][g.channels()];
            double[][] bptt = new double[g.queryRelations()][g.channels()];
            for (int i = 0; i < facts.size(); i++) {
                int q = facts.relations()[i];
                add(phase[q], java.util.Arrays.copyOf(direction(LocalRule.PHASE, g, m, facts.heads()[i], q,
                        facts.tails()[i], betas[b], new StateTape()), g.channels()));
                add(bptt[q], java.util.Arrays.copyOf(direction(LocalRule.BPTT, g, m, facts.heads()[i], q,
                        facts.tails()[i], betas[b], new StateTape()), g.channels()));
            }
            cosines[b] = LocalTrainer.cosine(new double[][][] {phase}, new double[][][] {bptt});
        }
        assertTrue(cosines[2] > 0.9, "beta 0.001: cosine " + cosines[2]);
        assertTrue(cosines[2] >= cosines[0] - 1e-9, "closer as beta shrinks: " + java.util.Arrays.toString(cosines));
    }

    private static void add(double[] into, double[] x) {
        for (int i = 0; i < x.length; i++) {
            into[i] += x[i];
        }
    }

    @Test
    void learningStateMemory_isMeasured_flatForTheLocalRules_growingForBackprop() {
        Object[] net = randomNet(3, 1);
        SpreadGraph g = (SpreadGraph) net[0];
        long[] phase = new long[4];
        long[] kinase = new long[4];
        long[] bptt = new long[4];
        long[] checkpoint = new long[4];
        int[] ks = {4, 8, 16, 32};
        for (int i = 0; i < ks.length; i++) {
            SpreadModel m = new SpreadModel(g.relations(), g.entities(), ks[i], 4f, 0.4f, 0.01f);
            phase[i] = peak(LocalRule.PHASE, g, m);
            kinase[i] = peak(LocalRule.KINASE, g, m);
            bptt[i] = peak(LocalRule.BPTT, g, m);
            checkpoint[i] = peak(LocalRule.BPTT_CHECKPOINT, g, m);
        }
        for (int i = 1; i < ks.length; i++) {
            assertEquals(phase[i - 1], phase[i], "phase state at K=" + ks[i]);
            assertEquals(kinase[i - 1], kinase[i], "kinase state at K=" + ks[i]);
            assertTrue(bptt[i] > 1.8 * bptt[i - 1], "backprop state doubles with K: " + java.util.Arrays.toString(bptt));
            assertTrue(checkpoint[i] < bptt[i], "checkpoints hold less");
        }
        assertTrue(checkpoint[3] < 0.4 * bptt[3], "K=32: checkpoints every 6 steps: " + checkpoint[3] + " vs " + bptt[3]);
    }

    private static long peak(LocalRule rule, SpreadGraph g, SpreadModel m) {
        StateTape tape = new StateTape();
        direction(rule, g, m, 0, 0, 5, 0.05, tape);
        assertEquals(0, tape.bytes(), "nothing held after the update");
        return tape.peak();
    }

    @Test
    void training_lowersTheCost_forEveryRule_andIsDeterministic() {
        // r2 = r0 then r1 on a chain-like graph: the path channel must be learned
        Random random = new Random(5);
        int n = 40;
        java.util.List<int[]> facts = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int a = random.nextInt(n);
            int b = random.nextInt(n);
            int c = random.nextInt(n);
            facts.add(new int[] {a, 0, b});
            facts.add(new int[] {b, 1, c});
            facts.add(new int[] {a, 2, c});
        }
        TripleList train = new TripleList(facts.stream().mapToInt(f -> f[0]).toArray(),
                facts.stream().mapToInt(f -> f[1]).toArray(), facts.stream().mapToInt(f -> f[2]).toArray());
        SpreadGraph g = new SpreadGraph(train, n, 3);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (LocalRule rule : LocalRule.values()) {
                LocalTrainer.Settings s = new LocalTrainer.Settings(rule, 3, 6, 16, 0.5, 0.05, 8f, 0.3f, 1, 0, 1);
                LocalTrainer.Result r = LocalTrainer.train(g, train, s, pool, 2, ProgressListener.NONE);
                double first = r.epochs().get(0).cost();
                double last = r.epochs().get(r.epochs().size() - 1).cost();
                assertTrue(last < first, rule + ": cost " + first + " -> " + last);
                LocalTrainer.Result again = LocalTrainer.train(g, train, s, pool, 2, ProgressListener.NONE);
                assertEquals(last, again.epochs().get(again.epochs().size() - 1).cost(), 0.0, rule + " deterministic");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
