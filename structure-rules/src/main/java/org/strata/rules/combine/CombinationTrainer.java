package org.strata.rules.combine;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.progress.TerminationFlag;

/**
 * Trains a {@link RuleNetwork} on training queries with one {@link Learner}: epochs of the queries in a
 * seeded order, AdaGrad steps, weights pulled toward their start (L2), and after every epoch the
 * validation MRR; the best network is kept (early stopping). Single-threaded and deterministic for a seed.
 */
public final class CombinationTrainer {

    /**
     * @param learner    how a query becomes a weight change
     * @param epochs     the most passes over the training queries
     * @param rate       the AdaGrad learning rate
     * @param l2         the pull of each weight toward its start
     * @param beta       the nudge of the phase learner
     * @param steps      the settling steps of each nudged phase
     * @param patience   epochs without a better validation MRR before stopping
     * @param seed       the order of the queries
     * @param maxSeconds stop after the epoch during which this many seconds pass (0: no limit)
     */
    public record Parameters(Learner learner, int epochs, double rate, double l2, double beta, int steps, int patience,
                             long seed, double maxSeconds) {
        public Parameters {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            if (rate <= 0 || l2 < 0 || beta <= 0 || steps < 1 || patience < 1) {
                throw new IllegalArgumentException("rate and beta must be positive, l2 not negative, steps and patience "
                        + "at least 1; got rate " + rate + ", l2 " + l2 + ", beta " + beta + ", steps " + steps
                        + ", patience " + patience);
            }
        }

        public static Parameters defaults(Learner learner, long seed) {
            return new Parameters(learner, 10, 0.05, 1e-4, 0.01, 8, 2, seed, 0);
        }
    }

    /** One epoch's figures. */
    public record Epoch(int epoch, double loss, double validMrr, double seconds, double cosine) {
    }

    /** The best network, and the epochs that led to it. */
    public record Result(RuleNetwork network, double validMrr, int bestEpoch, List<Epoch> epochs, long stateBytes) {
    }

    private final Parameters p;

    public CombinationTrainer(Parameters p) {
        this.p = p;
    }

    /**
     * @param validate the validation MRR of a network (higher is better)
     */
    public Result train(RuleNetwork start, List<Query> queries, ToDoubleFunction<RuleNetwork> validate,
                        ProgressListener progress, TerminationFlag termination) {
        RuleNetwork net = start.copy();
        int ruleCount = net.weights.length;
        double[] squares = new double[ruleCount + net.groupWeights.length];
        double[] biasSquares = new double[net.bias.length];
        Gradients g = new Gradients();
        Gradients exact = new Gradients();
        Update u = new Update(net);
        Update reference = new Update(net);
        int[] order = new int[queries.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random rnd = new Random(p.seed());
        List<Epoch> epochs = new ArrayList<>();
        RuleNetwork best = net.copy();
        double bestMrr = validate.applyAsDouble(best);
        int bestEpoch = 0;
        epochs.add(new Epoch(0, Double.NaN, bestMrr, 0, Double.NaN));
        long started = System.nanoTime();
        int sinceBest = 0;
        int units = 0;
        // without training queries (a budget spent on building the rest) an epoch changes nothing: none runs
        for (int epoch = 1; epoch <= p.epochs() && termination.isRunning() && !queries.isEmpty(); epoch++) {
            long t = System.nanoTime();
            shuffle(order, rnd);
            double loss = 0;
            double cosine = 0;
            int cosines = 0;
            progress.begin("epoch " + epoch, order.length, "queries");
            for (int k = 0; k < order.length; k++) {
                Query q = queries.get(order[k]);
                if (q.candidates().length == 0 && q.unreached() == 0) {
                    continue;
                }
                loss += switch (p.learner()) {
                    case BPTT -> g.gradient(net, q, u);
                    case PHASE -> g.phase(net, q, p.beta(), p.steps(), u);
                    case KINASE -> g.kinase(net, q, p.beta(), p.steps(), u);
                };
                units = Math.max(units, g.units);
                if (p.learner() != Learner.BPTT && k % 64 == 0) {
                    exact.gradient(net, q, reference);
                    cosine += u.cosine(reference);
                    cosines++;
                }
                step(net, u, squares, biasSquares, ruleCount);
                progress.advance(1);
            }
            progress.end();
            double mrr = validate.applyAsDouble(net);
            double seconds = (System.nanoTime() - t) / 1e9;
            epochs.add(new Epoch(epoch, loss / Math.max(1, order.length), mrr, seconds,
                    cosines == 0 ? 1 : cosine / cosines));
            if (mrr > bestMrr) {
                bestMrr = mrr;
                best = net.copy();
                bestEpoch = epoch;
                sinceBest = 0;
            } else if (++sinceBest >= p.patience()) {
                break;
            }
            if (p.maxSeconds() > 0 && (System.nanoTime() - started) / 1e9 >= p.maxSeconds()) {
                break;
            }
        }
        // what learning holds besides the weights: the AdaGrad sums, and per query the units' values the
        // learner keeps (bptt: the forward values its backward pass reads; phase: free and nudged states and
        // errors; kinase: states and two traces), at the largest query
        long stateBytes = 8L * (squares.length + biasSquares.length) + (long) units * bytesPerUnit(p.learner());
        return new Result(best, bestMrr, bestEpoch, epochs, stateBytes);
    }

    /** The bytes a learner keeps per unit of the query it learns from. */
    static int bytesPerUnit(Learner learner) {
        return switch (learner) {
            case BPTT -> 16;
            case PHASE -> 24;
            case KINASE -> 32;
        };
    }

    /** One AdaGrad step along {@code -u}, with the pull toward the start. */
    private void step(RuleNetwork net, Update u, double[] squares, double[] biasSquares, int ruleCount) {
        for (int i = 0; i < u.size; i++) {
            int r = u.rules[i];
            double[] w = r < ruleCount ? net.weights : net.groupWeights;
            double[] from = r < ruleCount ? net.start : net.groupStart;
            int at = r < ruleCount ? r : r - ruleCount;
            double grad = u.deltas[i] + p.l2() * (w[at] - from[at]);
            squares[r] += grad * grad;
            w[at] -= p.rate() * grad / Math.sqrt(squares[r] + 1e-8);
        }
        if (u.bias >= 0) {
            double grad = u.biasDelta;
            biasSquares[u.bias] += grad * grad;
            net.bias[u.bias] -= p.rate() * grad / Math.sqrt(biasSquares[u.bias] + 1e-8);
        }
    }

    private static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
