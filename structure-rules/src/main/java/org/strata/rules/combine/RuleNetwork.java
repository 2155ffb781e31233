package org.strata.rules.combine;

import java.util.Arrays;
import org.strata.graph.projection.Direction;
import org.strata.rules.apply.RuleEngine;

/**
 * How the rules of a relation combine, learned: a candidate's score is the sum of the weights of the rules
 * that predict it, and a softmax over the candidates and one unit for every entity no rule reaches (whose
 * score is a per-relation, per-direction bias plus the log of how many they are) gives the probability of
 * each answer. A score stays a sum over the rules that fired, so every answer keeps its explanation: each
 * rule's share is its weight.
 *
 * <p>A candidate's i-th rule (most confident first) counts {@code decay^i} times its weight: with decay 1
 * every rule counts alike, and weights starting at {@code -log(1 - confidence)} rank exactly as noisy-or
 * (noisy-or is {@code 1 - exp(-score)}); with a small decay and weights starting at the confidences, the best
 * rule decides and the next ones break ties, close to max-plus. Learning starts from the known aggregation
 * and moves from there.
 *
 * <p>Not thread-safe while learning; reading scores concurrently is safe once learning is done.
 */
public final class RuleNetwork {

    /** The highest confidence a start weight is taken from (a rule that was always right would start at infinity). */
    static final double MAX_CONFIDENCE = 0.999;


    final double[] weights;
    final double[] start;
    final double[] bias;
    /** The factor of the i-th rule of a candidate (most confident first): {@code decay^i}. */
    final double decay;

    private RuleNetwork(double[] weights, double[] start, double[] bias, double decay) {
        this.weights = weights;
        this.start = start;
        this.bias = bias;
        this.decay = decay;
    }

    /** The starting network for an engine's rules: noisy-or's ranking, unreached entities at the bottom. */
    public static RuleNetwork start(RuleEngine engine, int relations) {
        return start(engine, relations, 1, false);
    }

    /**
     * A starting network whose candidate score weighs its i-th rule (most confident first) by
     * {@code decay^i}: 1 sums every rule alike; a small decay lets the best rule decide and the next ones
     * break ties, as max-plus does. Weights start at the rules' confidences ({@code linear}) or at
     * {@code -log(1 - confidence)}.
     */
    public static RuleNetwork start(RuleEngine engine, int relations, double decay, boolean linear) {
        int n = engine.rules().size();
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double c = Math.min(MAX_CONFIDENCE, engine.confidence(i));
            w[i] = linear ? c : -Math.log1p(-c);
        }
        double[] b = new double[2 * relations];
        Arrays.fill(b, -10);
        return new RuleNetwork(w, w.clone(), b, decay);
    }

    /** A copy (the best weights so far, while learning goes on). */
    public RuleNetwork copy() {
        return new RuleNetwork(weights.clone(), start, bias.clone(), decay);
    }

    /** The factor of a candidate's {@code i}-th rule. */
    double factor(int i) {
        return decay == 1 ? 1 : Math.pow(decay, i);
    }

    /** The learned weight of rule {@code index}. */
    public double weight(int index) {
        return weights[index];
    }

    /** How many rules the network weighs. */
    public int size() {
        return weights.length;
    }

    int biasIndex(int relation, Direction direction) {
        return 2 * relation + direction.ordinal();
    }

    /** A candidate's score: the sum of the weights of its rules. */
    public double score(int[] rules) {
        double s = 0;
        double f = 1;
        for (int r : rules) {
            s += f * weights[r];
            f *= decay;
        }
        return s;
    }

    /**
     * The scores of a query's candidates into {@code out}; returns the score of the unreached unit
     * ({@code -infinity} when there is nothing unreached).
     */
    double logits(Query q, double[] out) {
        for (int i = 0; i < q.candidates().length; i++) {
            out[i] = score(q.rules()[i]);
        }
        return q.unreached() > 0 ? bias[biasIndex(q.relation(), q.direction())] + Math.log(q.unreached())
                : Double.NEGATIVE_INFINITY;
    }

    /**
     * The softmax of {@code logits[0..n)} and {@code rest} into {@code p[0..n]} ({@code p[n]} for the rest);
     * returns the log of the normaliser.
     */
    static double softmax(double[] logits, int n, double rest, double[] p) {
        double max = rest;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, logits[i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        p[n] = rest == Double.NEGATIVE_INFINITY ? 0 : Math.exp(rest - max);
        sum += p[n];
        for (int i = 0; i <= n; i++) {
            p[i] /= sum;
        }
        return max + Math.log(sum);
    }
}
