package org.strata.rules.combine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.model.Rule;

/**
 * Chooses a {@link Calibration} on validation queries by coordinate ascent on their MRR: the factor of
 * candidates already linked to the asking entity, the factor of candidates that already fill the answer's
 * place, per relation and direction (each on its own queries, where it has at least {@link #MIN_FILLED_QUERIES}
 * whose answer a rule reaches), the smoothing constant, then each rule class's weight, in turn, over a fixed
 * grid of values, for as many sweeps as one still improves (at most {@link #SWEEPS}). A value is taken only
 * when it raises the MRR (a relation direction's factor: the MRR of its own queries). The queries should
 * hold more rules per candidate than the network will read, so that a calibration that reorders a
 * candidate's rules still sees the ones it moves up.
 */
public final class CalibrationSearch {

    static final double[] PC = {0.5, 1, 2, 3, 5, 10};
    static final double[] CLASS_WEIGHT = {0, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.4, 2, 3, 5};
    static final double[] LINKED = {0, 0.1, 0.3, 0.5, 0.7, 1, 1.4, 2, 3, 5};
    static final double[] FILLED = {0, 0.01, 0.03, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.4, 2};
    /** Least queries with a reached answer a relation direction needs for its own filled factor. */
    static final int MIN_FILLED_QUERIES = 20;
    static final int SWEEPS = 3;

    /**
     * A chosen calibration.
     *
     * @param calibration the calibration
     * @param queries     how many validation queries it was chosen on
     * @param before      the validation MRR of the starting calibration
     * @param after       the validation MRR of the chosen one
     */
    public record Choice(Calibration calibration, int queries, double before, double after) {
    }

    /** The queries' rules, renumbered densely, with what a calibration reads of each. */
    private final int[] classOf;
    private final long[] predicted;
    private final long[] correct;
    /** Per query: candidates' rule lists (dense numbers); the answer's position; the unreached count. */
    private final int[][][] rules;
    private final int[] target;
    private final double[] constant;
    /** Per query: which candidates are linked to the asking entity (null: none). */
    private final boolean[][] linked;
    private double linkedFactor = 1;
    /** Per query: its relation direction ({@link RuleNetwork#directionIndex}), which candidates fill the answer's place. */
    private final int[] key;
    private final boolean[][] filled;
    /** The filled factor of each relation direction, and the queries of each. */
    private final double[] filledFactors;
    private final int[][] byKey;
    private final int count;
    private final int maxRules;
    private final boolean linear;
    private final double groupDecay;
    /** The most rules any candidate holds. */
    private int longest;
    /**
     * Per query and candidate: the classes of its rules (a bit per class), and its score under the rule
     * weights {@link #current} (its rules' decayed sum, before the linked and filled factors). A candidate's
     * score is computed again only when the weight of one of its rules' classes changed: the linked and filled
     * sweeps change no weight, a class weight's sweep only that class's.
     */
    private final int[][] classMask;
    private final double[][] base;
    private double[] current;
    private final Map<Double, double[]> confidences = new HashMap<>();
    /** Workers that rank the queries in parts, or null to rank them here. */
    private final ExecutorService pool;
    private final int threads;

    private CalibrationSearch(RuleEngine engine, List<Query> queries, int maxRules, RuleNetwork.Shape shape,
                              ExecutorService pool, int threads) {
        this.pool = pool;
        this.threads = threads;
        this.maxRules = maxRules;
        this.linear = shape.linear();
        this.groupDecay = shape.groupDecay();
        this.count = queries.size();
        Map<Integer, Integer> dense = new HashMap<>();
        rules = new int[queries.size()][][];
        target = new int[queries.size()];
        constant = new double[queries.size()];
        linked = new boolean[queries.size()][];
        key = new int[queries.size()];
        filled = new boolean[queries.size()][];
        classMask = new int[queries.size()][];
        base = new double[queries.size()][];
        filledFactors = new double[2 * engine.train().relationCount()];
        Arrays.fill(filledFactors, 1);
        int[] perKey = new int[filledFactors.length];
        for (int k = 0; k < queries.size(); k++) {
            Query q = queries.get(k);
            target[k] = q.target();
            linked[k] = q.linked();
            key[k] = RuleNetwork.directionIndex(q.relation(), q.direction());
            filled[k] = q.filled();
            perKey[key[k]] += q.target() >= 0 ? 1 : 0;
            if (q.target() < 0) {
                // an answer no rule reaches ranks the same under every calibration
                constant[k] = 1 / (q.candidates().length + (q.unreached() + 1) / 2.0);
                rules[k] = new int[0][];
                classMask[k] = new int[0];
                base[k] = new double[0];
                continue;
            }
            rules[k] = new int[q.rules().length][];
            classMask[k] = new int[q.rules().length];
            base[k] = new double[q.rules().length];
            for (int c = 0; c < q.rules().length; c++) {
                int[] r = q.rules()[c];
                int[] d = new int[r.length];
                for (int i = 0; i < r.length; i++) {
                    d[i] = dense.computeIfAbsent(r[i], x -> dense.size());
                }
                longest = Math.max(longest, r.length);
                rules[k][c] = d;
            }
        }
        byKey = new int[filledFactors.length][];
        for (int g = 0; g < byKey.length; g++) {
            byKey[g] = new int[perKey[g]];
        }
        Arrays.fill(perKey, 0);
        for (int k = 0; k < queries.size(); k++) {
            if (target[k] >= 0) {
                byKey[key[k]][perKey[key[k]]++] = k;
            }
        }
        classOf = new int[dense.size()];
        predicted = new long[dense.size()];
        correct = new long[dense.size()];
        for (Map.Entry<Integer, Integer> e : dense.entrySet()) {
            Rule r = engine.rules().get(e.getKey());
            classOf[e.getValue()] = Calibration.classOf(r);
            predicted[e.getValue()] = r.predicted();
            correct[e.getValue()] = r.correct();
        }
        for (int k = 0; k < rules.length; k++) {
            for (int c = 0; c < rules[k].length; c++) {
                for (int r : rules[k][c]) {
                    classMask[k][c] |= 1 << classOf[r];
                }
            }
        }
    }

    /**
     * Chooses a calibration for {@code engine}'s rules on {@code queries}, starting from {@code start}.
     *
     * @param maxRules how many rules per candidate the network reads (its most heavily weighted)
     * @param shape    the network's shape: its group decay, and whether its start weights are the confidences
     *                 (else {@code -log(1 - c)}); every rule is its own group
     * @param pool     workers that rank the queries in {@code threads} parts, or null to rank them here
     */
    public static Choice choose(RuleEngine engine, List<Query> queries, Calibration start, int maxRules,
                                RuleNetwork.Shape shape, ExecutorService pool, int threads) {
        return new CalibrationSearch(engine, queries, maxRules, shape, pool, threads).search(start);
    }

    private Choice search(Calibration start) {
        double pc = start.pc();
        double[] w = start.classWeights();
        linkedFactor = start.linked();
        for (int g = 0; g < filledFactors.length; g++) {
            filledFactors[g] = start.filled(g);
        }
        boolean[] present = new boolean[Calibration.CLASSES];
        for (int c : classOf) {
            present[c] = true;
        }
        double before = mrr(pc, w);
        double best = before;
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            double atSweepStart = best;
            double keptLinked = linkedFactor;
            for (double x : LINKED) {
                linkedFactor = x;
                double m = mrr(pc, w);
                if (m > best) {
                    best = m;
                    keptLinked = x;
                }
            }
            linkedFactor = keptLinked;
            chooseFilled(pc, w);
            best = mrr(pc, w);
            for (double x : PC) {
                double m = mrr(x, w);
                if (m > best) {
                    best = m;
                    pc = x;
                }
            }
            for (int c = 0; c < Calibration.CLASSES; c++) {
                if (!present[c]) {
                    continue;
                }
                double kept = w[c];
                for (double x : CLASS_WEIGHT) {
                    w[c] = x;
                    double m = mrr(pc, w);
                    if (m > best) {
                        best = m;
                        kept = x;
                    }
                }
                w[c] = kept;
            }
            if (best <= atSweepStart) {
                break;
            }
        }
        return new Choice(new Calibration(pc, w, linkedFactor, filledFactors), count, before, best);
    }

    /**
     * Each relation direction's filled factor, the best on its own queries (the other factors touch none of
     * them), kept unless another value raises their reciprocal ranks.
     */
    private void chooseFilled(double pc, double[] classWeights) {
        use(weights(pc, classWeights));
        for (int g = 0; g < byKey.length; g++) {
            if (byKey[g].length < MIN_FILLED_QUERIES || !anyFilled(byKey[g])) {
                continue;
            }
            double kept = filledFactors[g];
            double best = sum(byKey[g]);
            for (double x : FILLED) {
                filledFactors[g] = x;
                double m = sum(byKey[g]);
                if (m > best) {
                    best = m;
                    kept = x;
                }
            }
            filledFactors[g] = kept;
        }
    }

    private boolean anyFilled(int[] queries) {
        for (int k : queries) {
            if (filled[k] != null) {
                return true;
            }
        }
        return false;
    }

    /** The sum of the reciprocal ranks of {@code queries} (in order) under the rule weights in use. */
    private double sum(int[] queries) {
        double s = 0;
        for (int k : queries) {
            s += reciprocalRank(k);
        }
        return s;
    }

    /** The rules' weights under one smoothing constant and set of class weights. */
    private double[] weights(double pc, double[] classWeights) {
        double[] conf = confidences.computeIfAbsent(pc, this::confidences);
        double[] weight = new double[conf.length];
        for (int r = 0; r < conf.length; r++) {
            double c = Math.min(RuleNetwork.MAX_CONFIDENCE, conf[r] * classWeights[classOf[r]]);
            weight[r] = linear ? c : -Math.log1p(-c);
        }
        return weight;
    }

    /** The MRR of the queries under one calibration (queries whose answer no rule reaches included). */
    double mrr(double pc, double[] classWeights) {
        use(weights(pc, classWeights));
        // each query's reciprocal rank in its own slot, summed in order: the same sum however the queries are split
        double[] rr = new double[count];
        inParts((from, to) -> {
            for (int k = from; k < to; k++) {
                rr[k] = reciprocalRank(k);
            }
        });
        double sum = 0;
        for (double x : rr) {
            sum += x;
        }
        return count == 0 ? 0 : sum / count;
    }

    /**
     * Makes {@code weight} the rule weights in use: scores again the candidates that hold a rule of a class
     * whose weight changed since the last call (every candidate at the first).
     */
    private void use(double[] weight) {
        int changed = 0;
        for (int r = 0; r < weight.length; r++) {
            if (current == null || Double.doubleToRawLongBits(weight[r]) != Double.doubleToRawLongBits(current[r])) {
                changed |= 1 << classOf[r];
            }
        }
        current = weight;
        if (changed == 0) {
            return;
        }
        int mask = changed;
        inParts((from, to) -> {
            double[] buf = new double[longest];
            for (int k = from; k < to; k++) {
                for (int c = 0; c < base[k].length; c++) {
                    if ((classMask[k][c] & mask) != 0) {
                        base[k][c] = score(rules[k][c], weight, buf);
                    }
                }
            }
        });
    }

    /** A task over a range of queries, {@code [from, to)}. */
    private interface QueryRange {
        void run(int from, int to);
    }

    /** Runs {@code task} over all queries: in {@link #threads} parts on the pool, or here. */
    private void inParts(QueryRange task) {
        if (pool == null || threads < 2 || count < 2 * threads) {
            task.run(0, count);
            return;
        }
        List<Future<?>> parts = new ArrayList<>();
        int per = (count + threads - 1) / threads;
        for (int from = 0; from < count; from += per) {
            int a = from;
            int b = Math.min(count, from + per);
            parts.add(pool.submit(() -> task.run(a, b)));
        }
        try {
            for (Future<?> f : parts) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calibrating", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    /** Query {@code k}'s reciprocal rank under the rule weights in use. */
    private double reciprocalRank(int k) {
        if (target[k] < 0) {
            return constant[k];
        }
        double[] scores = base[k];
        double t = scores[target[k]] * gain(k, target[k]);
        int above = 0;
        int tied = 0;
        for (int c = 0; c < scores.length; c++) {
            if (c != target[k]) {
                double s = scores[c] * gain(k, c);
                if (s > t) {
                    above++;
                } else if (s == t) {
                    tied++;
                }
            }
        }
        return 1 / (1 + above + tied / 2.0);
    }

    /** The factor of candidate {@code c} of query {@code k}: linked, and filling the answer's place. */
    private double gain(int k, int c) {
        boolean[] lk = linked[k];
        boolean[] fl = filled[k];
        return (lk != null && lk[c] ? linkedFactor : 1) * (fl != null && fl[c] ? filledFactors[key[k]] : 1);
    }

    /**
     * The decayed sum of a candidate's {@code maxRules} heaviest rules, heaviest first. Only those are kept
     * in order ({@code top}, heaviest first, by insertion): a candidate's rules arrive most confident
     * first, so most are lighter than the lightest kept one and cost one comparison, where sorting all of
     * them took most of the search's time.
     */
    private double score(int[] rules, double[] weight, double[] top) {
        int cap = Math.min(rules.length, maxRules);
        int kept = 0;
        for (int r : rules) {
            double w = weight[r];
            int i;
            if (kept < cap) {
                i = kept++;
            } else if (w > top[cap - 1]) {
                i = cap - 1;
            } else {
                continue;
            }
            while (i > 0 && top[i - 1] < w) {
                top[i] = top[i - 1];
                i--;
            }
            top[i] = w;
        }
        double s = 0;
        double f = 1;
        for (int i = 0; i < kept; i++) {
            s += f * top[i];
            f *= groupDecay;
        }
        return s;
    }

    private double[] confidences(double pc) {
        double[] c = new double[classOf.length];
        for (int r = 0; r < c.length; r++) {
            c[r] = predicted[r] == 0 ? 0 : correct[r] / (predicted[r] + pc);
        }
        return c;
    }
}
