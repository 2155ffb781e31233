package org.strata.graph.eval;

/**
 * Several plausibility scores of a triple fused into one by logistic regression, fitted on labelled
 * validation triples: features standardised (mean 0, variance 1 on the fitting data), weights by full-batch
 * gradient descent on the L2-regularised log loss. Non-finite feature values (a score of a triple nobody
 * can score) are replaced by the feature's smallest finite value.
 *
 * <p>Deterministic; immutable once fitted.
 */
public final class LogisticFusion implements Fusion {

    private final double[] mean;
    private final double[] scale;
    private final double[] floor;
    private final double[] weights;
    private final double bias;

    private LogisticFusion(double[] mean, double[] scale, double[] floor, double[] weights, double bias) {
        this.mean = mean;
        this.scale = scale;
        this.floor = floor;
        this.weights = weights;
        this.bias = bias;
    }

    /**
     * Fits the weights on {@code features[i]} (one row per triple) and their labels.
     *
     * @param l2         the regularisation strength on the weights (not the bias)
     * @param iterations gradient steps (step size 0.5 on standardised features)
     */
    public static LogisticFusion fit(double[][] features, boolean[] labels, double l2, int iterations) {
        int n = features.length;
        if (n == 0 || labels.length != n) {
            throw new IllegalArgumentException("one label per row and at least one row, got " + n + " rows and "
                    + labels.length + " labels");
        }
        int d = features[0].length;
        double[] floor = new double[d];
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double lo = Double.POSITIVE_INFINITY;
            for (double[] row : features) {
                if (Double.isFinite(row[j])) {
                    lo = Math.min(lo, row[j]);
                }
            }
            floor[j] = Double.isFinite(lo) ? lo : 0;
        }
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = Double.isFinite(features[i][j]) ? features[i][j] : floor[j];
                mean[j] += x[i][j] / n;
            }
        }
        for (int j = 0; j < d; j++) {
            double v = 0;
            for (double[] row : x) {
                v += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
            scale[j] = v > 0 ? Math.sqrt(v) : 1;
            for (double[] row : x) {
                row[j] = (row[j] - mean[j]) / scale[j];
            }
        }
        double[] w = new double[d];
        double b = 0;
        double step = 0.5;
        for (int it = 0; it < iterations; it++) {
            double[] gw = new double[d];
            double gb = 0;
            for (int i = 0; i < n; i++) {
                double z = b;
                for (int j = 0; j < d; j++) {
                    z += w[j] * x[i][j];
                }
                double err = 1 / (1 + Math.exp(-z)) - (labels[i] ? 1 : 0);
                for (int j = 0; j < d; j++) {
                    gw[j] += err * x[i][j] / n;
                }
                gb += err / n;
            }
            for (int j = 0; j < d; j++) {
                w[j] -= step * (gw[j] + l2 * w[j]);
            }
            b -= step * gb;
        }
        return new LogisticFusion(mean, scale, floor, w, b);
    }

    @Override
    public double score(double[] features) {
        double z = bias;
        for (int j = 0; j < weights.length; j++) {
            double v = Double.isFinite(features[j]) ? features[j] : floor[j];
            z += weights[j] * (v - mean[j]) / scale[j];
        }
        return z;
    }

    /** What each feature adds to {@link #score}: its weight times its standardised value. */
    @Override
    public double[] contributions(double[] features) {
        double[] out = new double[weights.length];
        for (int j = 0; j < weights.length; j++) {
            double v = Double.isFinite(features[j]) ? features[j] : floor[j];
            out[j] = weights[j] * (v - mean[j]) / scale[j];
        }
        return out;
    }

    /** The weights on the standardised features. */
    public double[] weights() {
        return weights.clone();
    }
}
