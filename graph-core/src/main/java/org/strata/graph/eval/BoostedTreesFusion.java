package org.strata.graph.eval;

import java.util.Arrays;

/**
 * Several plausibility scores of a triple fused by gradient-boosted regression trees on the log loss,
 * fitted on labelled triples. Unlike {@link LogisticFusion} it can learn that a score means one thing
 * for one relation and another for the next, or that two weak signals together are strong, which is
 * where a judge that must be very sure finds most of its extra confirmations.
 *
 * <p>Each split compares one feature with a cut point taken from that feature's quantiles on the
 * fitting rows (at most {@link Settings#bins} bins); each leaf is a Newton step, −G / (H + λ) over its
 * rows' log-loss gradients G and curvatures H, shrunk by the learning rate. NaN and −∞ fall below every
 * cut, +∞ above. Contributions are credited along each tree's path: a split adds the change from its
 * node's value to its child's to the feature it tested, so that the score is the bias plus their sum
 * exactly. Deterministic (no sampling); immutable once fitted.
 */
public final class BoostedTreesFusion implements Fusion {

    /**
     * How the trees are grown.
     *
     * @param trees        boosting rounds, one tree each
     * @param depth        the most splits from a tree's root to a leaf
     * @param learningRate the shrinkage of every leaf's Newton step
     * @param minLeaf      the fewest fitting rows a leaf may hold
     * @param l2           λ, the regularisation of a leaf's value
     * @param bins         the most bins a feature's values are cut into
     */
    public record Settings(int trees, int depth, double learningRate, int minLeaf, double l2, int bins) {

        public Settings {
            if (trees < 1 || depth < 1 || minLeaf < 1 || bins < 2) {
                throw new IllegalArgumentException("trees, depth and minLeaf must be at least 1 and bins at least 2, "
                        + "got " + trees + ", " + depth + ", " + minLeaf + ", " + bins);
            }
            if (!(learningRate > 0 && learningRate <= 1) || !(l2 >= 0)) {
                throw new IllegalArgumentException("learningRate must be in (0, 1] and l2 at least 0, got "
                        + learningRate + ", " + l2);
            }
        }

        /**
         * 300 trees of depth 3, learning rate 0.1, leaves of at least 20 rows, λ = 1, 32 bins: chosen by the
         * rules' judge's recall at 97 % precision on CoDEx-S validation triples (5-fold, out of fold).
         */
        public static Settings defaults() {
            return new Settings(300, 3, 0.1, 20, 1.0, 32);
        }
    }

    private final int width;
    private final double prior;
    private final int[] roots;
    private final int[] feature; // -1: a leaf
    private final double[] cut;
    private final int[] left;
    private final int[] right;
    private final double[] value;

    private BoostedTreesFusion(int width, double prior, int[] roots, Nodes nodes) {
        this.width = width;
        this.prior = prior;
        this.roots = roots;
        this.feature = Arrays.copyOf(nodes.feature, nodes.size);
        this.cut = Arrays.copyOf(nodes.cut, nodes.size);
        this.left = Arrays.copyOf(nodes.left, nodes.size);
        this.right = Arrays.copyOf(nodes.right, nodes.size);
        this.value = Arrays.copyOf(nodes.value, nodes.size);
    }

    /** Fits the trees on {@code features[i]} (one row per triple, all of the same width) and their labels. */
    public static BoostedTreesFusion fit(double[][] features, boolean[] labels, Settings settings) {
        int n = features.length;
        if (n == 0 || labels.length != n) {
            throw new IllegalArgumentException("one label per row and at least one row, got " + n + " rows and "
                    + labels.length + " labels");
        }
        int d = features[0].length;
        for (double[] row : features) {
            if (row.length != d) {
                throw new IllegalArgumentException("every row needs " + d + " features, one has " + row.length);
            }
        }
        double[][] cuts = new double[d][];
        int[][] bin = new int[d][];
        for (int j = 0; j < d; j++) {
            cuts[j] = cuts(features, j, settings.bins());
            bin[j] = new int[n];
            for (int i = 0; i < n; i++) {
                bin[j][i] = binOf(cuts[j], features[i][j]);
            }
        }
        int positives = 0;
        for (boolean label : labels) {
            positives += label ? 1 : 0;
        }
        double prior = Math.log((positives + 1.0) / (n - positives + 1.0));
        double[] f = new double[n];
        Arrays.fill(f, prior);
        Grower grower = new Grower(settings, cuts, bin, new double[n], new double[n], f);
        int[] roots = new int[settings.trees()];
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int t = 0; t < settings.trees(); t++) {
            for (int i = 0; i < n; i++) {
                double p = 1 / (1 + Math.exp(-f[i]));
                grower.gradient[i] = p - (labels[i] ? 1 : 0);
                grower.curvature[i] = Math.max(p * (1 - p), 1e-12);
            }
            roots[t] = grower.grow(all, 0);
        }
        return new BoostedTreesFusion(d, prior, roots, grower.nodes);
    }

    @Override
    public double score(double[] features) {
        check(features);
        double s = prior;
        for (int root : roots) {
            int node = root;
            while (feature[node] >= 0) {
                node = features[feature[node]] >= cut[node] ? right[node] : left[node];
            }
            s += value[node];
        }
        return s;
    }

    /** The score of a row with no contributions: the prior log-odds plus every tree's root value. */
    public double bias() {
        double b = prior;
        for (int root : roots) {
            b += value[root];
        }
        return b;
    }

    /** What each feature adds to {@link #score}: the changes of value along the splits that tested it. */
    @Override
    public double[] contributions(double[] features) {
        check(features);
        double[] out = new double[width];
        for (int root : roots) {
            int node = root;
            while (feature[node] >= 0) {
                int next = features[feature[node]] >= cut[node] ? right[node] : left[node];
                out[feature[node]] += value[next] - value[node];
                node = next;
            }
        }
        return out;
    }

    private void check(double[] features) {
        if (features.length != width) {
            throw new IllegalArgumentException("the fusion was fitted on " + width + " features, got " + features.length);
        }
    }

    /** Distinct cut points at the feature's quantiles (finite values only); a value below the least cut is bin 0. */
    private static double[] cuts(double[][] features, int j, int bins) {
        double[] v = new double[features.length];
        int m = 0;
        for (double[] row : features) {
            if (Double.isFinite(row[j])) {
                v[m++] = row[j];
            }
        }
        if (m == 0) {
            return new double[0];
        }
        Arrays.sort(v, 0, m);
        double[] out = new double[bins];
        int k = 0;
        for (int q = 1; q < bins; q++) {
            double c = v[(int) ((long) q * (m - 1) / bins)];
            if (c > v[0] && (k == 0 || c > out[k - 1])) {
                out[k++] = c;
            }
        }
        if (k == 0 && v[m - 1] > v[0]) {
            out[k++] = v[m - 1]; // two values only: cut between them
        }
        return Arrays.copyOf(out, k);
    }

    /** How many cut points are at or below {@code x}: NaN and −∞ none, +∞ all. */
    private static int binOf(double[] cuts, double x) {
        if (Double.isNaN(x)) {
            return 0;
        }
        int lo = 0;
        int hi = cuts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cuts[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The nodes of every tree, in growable arrays. */
    private static final class Nodes {
        int size;
        int[] feature = new int[64];
        double[] cut = new double[64];
        int[] left = new int[64];
        int[] right = new int[64];
        double[] value = new double[64];

        int add(double nodeValue) {
            if (size == feature.length) {
                int c = size * 2;
                feature = Arrays.copyOf(feature, c);
                cut = Arrays.copyOf(cut, c);
                left = Arrays.copyOf(left, c);
                right = Arrays.copyOf(right, c);
                value = Arrays.copyOf(value, c);
            }
            feature[size] = -1;
            value[size] = nodeValue;
            return size++;
        }
    }

    /** Grows one tree a round over the binned rows, adding each leaf's value to its rows' scores. */
    private static final class Grower {
        final Settings settings;
        final double[][] cuts;
        final int[][] bin;
        final double[] gradient;
        final double[] curvature;
        final double[] scores;
        final Nodes nodes = new Nodes();

        Grower(Settings settings, double[][] cuts, int[][] bin, double[] gradient, double[] curvature,
               double[] scores) {
            this.settings = settings;
            this.cuts = cuts;
            this.bin = bin;
            this.gradient = gradient;
            this.curvature = curvature;
            this.scores = scores;
        }

        int grow(int[] rows, int depth) {
            double g = 0;
            double h = 0;
            for (int i : rows) {
                g += gradient[i];
                h += curvature[i];
            }
            double lambda = settings.l2();
            int node = nodes.add(-g / (h + lambda) * settings.learningRate());
            int bestFeature = -1;
            int bestBin = -1;
            double bestGain = 1e-12;
            if (depth < settings.depth() && rows.length >= 2 * settings.minLeaf()) {
                double parent = g * g / (h + lambda);
                for (int j = 0; j < cuts.length; j++) {
                    int bins = cuts[j].length + 1;
                    if (bins < 2) {
                        continue;
                    }
                    double[] gs = new double[bins];
                    double[] hs = new double[bins];
                    int[] cs = new int[bins];
                    int[] b = bin[j];
                    for (int i : rows) {
                        gs[b[i]] += gradient[i];
                        hs[b[i]] += curvature[i];
                        cs[b[i]]++;
                    }
                    double gl = 0;
                    double hl = 0;
                    int cl = 0;
                    for (int k = 0; k < bins - 1; k++) {
                        gl += gs[k];
                        hl += hs[k];
                        cl += cs[k];
                        if (cl < settings.minLeaf() || rows.length - cl < settings.minLeaf()) {
                            continue;
                        }
                        double gain = gl * gl / (hl + lambda) + (g - gl) * (g - gl) / (h - hl + lambda) - parent;
                        if (gain > bestGain) {
                            bestGain = gain;
                            bestFeature = j;
                            bestBin = k;
                        }
                    }
                }
            }
            if (bestFeature < 0) {
                double v = nodes.value[node];
                for (int i : rows) {
                    scores[i] += v;
                }
                return node;
            }
            int[] b = bin[bestFeature];
            int leftCount = 0;
            for (int i : rows) {
                leftCount += b[i] <= bestBin ? 1 : 0;
            }
            int[] lo = new int[leftCount];
            int[] hi = new int[rows.length - leftCount];
            int a = 0;
            int c = 0;
            for (int i : rows) {
                if (b[i] <= bestBin) {
                    lo[a++] = i;
                } else {
                    hi[c++] = i;
                }
            }
            nodes.feature[node] = bestFeature;
            nodes.cut[node] = cuts[bestFeature][bestBin];
            int l = grow(lo, depth + 1);
            int r = grow(hi, depth + 1);
            nodes.left[node] = l;
            nodes.right[node] = r;
            return node;
        }
    }
}
