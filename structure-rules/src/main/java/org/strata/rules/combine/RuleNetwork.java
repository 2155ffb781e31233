package org.strata.rules.combine;

import java.util.Arrays;
import org.strata.graph.projection.Direction;
import org.strata.rules.apply.RuleEngine;

/**
 * How the rules of a relation combine, learned. Three layers of units: the rules that fire for a query,
 * group units (rules whose predictions overlap, so that redundant rules count once, as in SAFRAN's
 * non-redundant noisy-or), and the candidate answers, with one more unit for every entity no rule reaches
 * (its score a per-relation, per-direction bias plus the log of how many they are). A softmax over the
 * candidate units gives the probability of each answer.
 *
 * <p>A group unit's activity is the decayed sum of the weights of its rules that fired: its i-th rule (most
 * confident first) counts {@code decay^i} times its weight, so with a small decay the group's best rule
 * decides. A candidate's score is the decayed sum of its groups' activities times their group weights: its
 * j-th group counts {@code groupDecay^j}. So a score stays a sum over the rules that fired, each contributing
 * {@code groupDecay^j * groupWeight * decay^i * weight}: every answer keeps its explanation.
 *
 * <p>The known aggregations are starting points of this network. Every rule its own group, decay and
 * group decay 1 and weights {@code -log(1 - confidence)}: noisy-or ({@code 1 - exp(-score)}); the same over
 * the first k rules: noisy-or of the top k; groups by prediction overlap, decay 0 and group decay 1:
 * SAFRAN's non-redundant noisy-or; a small decay with weights at the confidences: close to max-plus.
 * Learning starts from one of them and moves from there.
 *
 * <p>Not thread-safe while learning; reading scores concurrently is safe once learning is done.
 */
public final class RuleNetwork {

    /** The highest confidence a start weight is taken from (a rule that was always right would start at infinity). */
    static final double MAX_CONFIDENCE = 0.999;

    /**
     * The fixed shape of a network.
     *
     * @param decay      the factor of a group's i-th rule: {@code decay^i}
     * @param groupDecay the factor of a candidate's j-th group: {@code groupDecay^j}
     * @param linear     whether rule weights start at the confidences (else at {@code -log(1 - confidence)})
     * @param linked     the factor of a candidate's score when a training fact already links it to the asking
     *                   entity (1: such candidates count as any other)
     */
    public record Shape(double decay, double groupDecay, boolean linear, double linked) {
        public Shape {
            if (!(decay >= 0 && decay <= 1 && groupDecay >= 0 && groupDecay <= 1)) {
                throw new IllegalArgumentException("decay and group decay must be in [0, 1], got " + decay + " and "
                        + groupDecay);
            }
            if (!(linked >= 0) || Double.isInfinite(linked)) {
                throw new IllegalArgumentException("the factor of linked candidates must be finite and not negative, got "
                        + linked);
            }
        }

        /** A shape in which linked candidates count as any other. */
        public Shape(double decay, double groupDecay, boolean linear) {
            this(decay, groupDecay, linear, 1);
        }

        /** The same with another factor for linked candidates. */
        public Shape withLinked(double factor) {
            return new Shape(decay, groupDecay, linear, factor);
        }

        /** Noisy-or: every rule counts alike. */
        public static Shape noisyOr() {
            return new Shape(1, 1, false);
        }
    }

    final double[] weights;
    final double[] start;
    /** The group unit each rule feeds. */
    final int[] groupOf;
    final double[] groupWeights;
    final double[] groupStart;
    final double[] bias;
    final double decay;
    final double groupDecay;
    final boolean linear;
    /** The factor of a candidate already linked to the asking entity. */
    final double linkedFactor;
    /**
     * Per relation and direction ({@link #directionIndex}), the factor of a candidate that already fills the
     * answer's place in another fact of the relation; empty (or shorter than an index): 1.
     */
    final double[] filledFactors;
    /** The order its queries read a candidate's rules in, once asked for ({@link #readingOrder}). */
    private ReadingOrder readingOrder;
    /** {@link #startingPoint}, once asked for. */
    private RuleNetwork startingPoint;

    RuleNetwork(double[] weights, double[] start, int[] groupOf, double[] groupWeights, double[] groupStart,
                double[] bias, Shape shape) {
        this(weights, start, groupOf, groupWeights, groupStart, bias, shape, new double[0]);
    }

    RuleNetwork(double[] weights, double[] start, int[] groupOf, double[] groupWeights, double[] groupStart,
                double[] bias, Shape shape, double[] filledFactors) {
        this.filledFactors = filledFactors;
        this.weights = weights;
        this.start = start;
        this.groupOf = groupOf;
        this.groupWeights = groupWeights;
        this.groupStart = groupStart;
        this.bias = bias;
        this.decay = shape.decay();
        this.groupDecay = shape.groupDecay();
        this.linear = shape.linear();
        this.linkedFactor = shape.linked();
    }

    /** The starting network for an engine's rules: noisy-or's ranking, unreached entities at the bottom. */
    public static RuleNetwork start(RuleEngine engine, int relations) {
        return start(engine, relations, Shape.noisyOr(), null);
    }

    /**
     * A starting network of the given shape; {@code groups} assigns each rule its group unit (null: every
     * rule alone). Group weights start at 1, biases at -10.
     */
    public static RuleNetwork start(RuleEngine engine, int relations, Shape shape, RuleGroups groups) {
        return start(engine, relations, shape, groups, null);
    }

    /**
     * A starting network of the given shape whose weights are read from the rules by {@code calibration}
     * (null: the engine's own confidences).
     */
    public static RuleNetwork start(RuleEngine engine, int relations, Shape shape, RuleGroups groups,
                                    Calibration calibration) {
        int n = engine.rules().size();
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double c = Math.min(MAX_CONFIDENCE, calibration == null ? engine.confidence(i)
                    : calibration.confidence(engine.rules().get(i)));
            w[i] = shape.linear() ? c : -Math.log1p(-c);
        }
        int[] groupOf;
        if (groups == null) {
            groupOf = new int[n];
            for (int i = 0; i < n; i++) {
                groupOf[i] = i;
            }
        } else {
            if (groups.rules() != n) {
                throw new IllegalArgumentException("groups for " + groups.rules() + " rules, the engine has " + n);
            }
            groupOf = groups.groupOf();
        }
        int count = 0;
        for (int g : groupOf) {
            count = Math.max(count, g + 1);
        }
        double[] v = new double[count];
        Arrays.fill(v, 1);
        double[] b = new double[2 * relations];
        Arrays.fill(b, -10);
        return new RuleNetwork(w, w.clone(), groupOf, v, v.clone(), b,
                calibration == null ? shape : shape.withLinked(calibration.linked()),
                calibration == null ? new double[0] : calibration.filled());
    }

    /**
     * The network learning started from, without its groups (every rule alone, group weights 1): what picks
     * a query's candidates, during training and when answering alike, so that the learned network always
     * ranks the candidates it was trained to rank. Built on the first call and shared after (with it, the
     * {@link #readingOrder} its queries compute once).
     */
    public synchronized RuleNetwork startingPoint() {
        if (startingPoint == null) {
            startingPoint = newStartingPoint();
        }
        return startingPoint;
    }

    private RuleNetwork newStartingPoint() {
        int[] alone = new int[start.length];
        for (int i = 0; i < alone.length; i++) {
            alone[i] = i;
        }
        double[] ones = new double[start.length];
        Arrays.fill(ones, 1);
        return new RuleNetwork(start, start, alone, ones, ones, bias, shape(), filledFactors);
    }

    /**
     * The order in which queries built on this network read a candidate's rules (by the starting weights),
     * computed on the first call; {@code engine} must be the engine whose rules the network weighs.
     */
    synchronized ReadingOrder readingOrder(RuleEngine engine) {
        if (readingOrder == null) {
            readingOrder = ReadingOrder.of(engine, start);
        }
        return readingOrder;
    }

    /** A copy (the best weights so far, while learning goes on). */
    public RuleNetwork copy() {
        return new RuleNetwork(weights.clone(), start, groupOf, groupWeights.clone(), groupStart, bias.clone(), shape(),
                filledFactors);
    }

    /** The fixed shape. */
    public Shape shape() {
        return new Shape(decay, groupDecay, linear, linkedFactor);
    }

    /**
     * The factor of candidate {@code c}'s score in {@code q}: the linked factor where it is linked, times the
     * relation's filled factor where it already fills the answer's place.
     */
    double gain(Query q, int c) {
        return gain(q.relation(), q.direction(), q.isLinked(c), q.isFilled(c));
    }

    /** The factor of a candidate's score in a query of {@code relation} asked in {@code direction}. */
    double gain(int relation, Direction direction, boolean linked, boolean filled) {
        return (linked ? linkedFactor : 1) * (filled ? filledFactor(relation, direction) : 1);
    }

    /**
     * The factor of a candidate that already fills the answer's place in another fact of {@code relation}, in
     * queries asked in {@code direction} (1: such candidates count as any other).
     */
    public double filledFactor(int relation, Direction direction) {
        int i = directionIndex(relation, direction);
        return i < filledFactors.length ? filledFactors[i] : 1;
    }

    /** The learned weight of rule {@code index}. */
    public double weight(int index) {
        return weights[index];
    }

    /** The group unit of rule {@code index}. */
    public int group(int index) {
        return groupOf[index];
    }

    /** The learned weight of group unit {@code group}. */
    public double groupWeight(int group) {
        return groupWeights[group];
    }

    /** How many rules the network weighs. */
    public int size() {
        return weights.length;
    }

    /** How many group units. */
    public int groups() {
        return groupWeights.length;
    }

    /** The place of a relation asked in one direction in the per-direction arrays (biases, filled factors). */
    static int directionIndex(int relation, Direction direction) {
        return 2 * relation + direction.ordinal();
    }

    /** A candidate's score from its rules (most confident first): the sum of {@link #contributions}. */
    public double score(int[] rules) {
        return score(rules, new Layout());
    }

    double score(int[] rules, Layout l) {
        return score(rules, 1, l);
    }

    /** Candidate {@code c}'s score in {@code q}. */
    double score(Query q, int c, Layout l) {
        return score(q.rules()[c], gain(q, c), l);
    }

    /** A candidate's score from its rules, its groups' factors times {@code gain}. */
    double score(int[] rules, double gain, Layout l) {
        l.fill(this, rules, gain);
        double s = 0;
        for (int i = 0; i < rules.length; i++) {
            int j = l.rank[i];
            s += l.outFactor[j] * groupWeights[l.group[j]] * l.inFactor[i] * weights[rules[i]];
        }
        return s;
    }

    /** What each of a candidate's rules adds to its score; they sum to {@link #score}. */
    public double[] contributions(int[] rules) {
        return contributions(rules, 1);
    }

    /** The contributions of a candidate's rules, its groups' factors times {@code gain}. */
    double[] contributions(int[] rules, double gain) {
        Layout l = new Layout();
        l.fill(this, rules, gain);
        double[] c = new double[rules.length];
        for (int i = 0; i < rules.length; i++) {
            int j = l.rank[i];
            c[i] = l.outFactor[j] * groupWeights[l.group[j]] * l.inFactor[i] * weights[rules[i]];
        }
        return c;
    }

    /** The score of the unit for the unreached, in a query of {@code relation} asked in {@code direction}. */
    public double restScore(int relation, Direction direction, int unreached) {
        int b = directionIndex(relation, direction);
        return unreached > 0 ? (b < bias.length ? bias[b] : -10) + Math.log(unreached) : Double.NEGATIVE_INFINITY;
    }

    /**
     * The scores of a query's candidates into {@code out}; returns the score of the unreached unit
     * ({@code -infinity} when there is nothing unreached).
     */
    double logits(Query q, double[] out, Layout l) {
        for (int i = 0; i < q.candidates().length; i++) {
            out[i] = score(q, i, l);
        }
        return restScore(q.relation(), q.direction(), q.unreached());
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
