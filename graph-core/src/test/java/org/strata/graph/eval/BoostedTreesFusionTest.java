package org.strata.graph.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The boosted trees learn what a logistic fusion cannot (a label that needs two features together),
 * their contributions add up to the score, and the same rows give the same trees.
 */
class BoostedTreesFusionTest {

    /** Label: the two signals agree in sign (XOR-like); a third feature is noise. */
    private static double[][] rows(int n, long seed, boolean[] labels) {
        Random random = new Random(seed);
        double[][] x = new double[n][3];
        for (int i = 0; i < n; i++) {
            x[i][0] = random.nextGaussian();
            x[i][1] = random.nextGaussian();
            x[i][2] = random.nextGaussian();
            labels[i] = (x[i][0] > 0) == (x[i][1] > 0);
        }
        return x;
    }

    private static double accuracy(Fusion f, double[][] x, boolean[] y) {
        int correct = 0;
        for (int i = 0; i < x.length; i++) {
            correct += (f.score(x[i]) > 0) == y[i] ? 1 : 0;
        }
        return correct / (double) x.length;
    }

    @Test
    void aLabelThatNeedsTwoFeaturesTogether_isLearnedByTheTrees_notByTheLogisticFusion() {
        boolean[] y = new boolean[2_000];
        double[][] x = rows(2_000, 1, y);
        boolean[] testY = new boolean[1_000];
        double[][] test = rows(1_000, 2, testY);
        BoostedTreesFusion trees = BoostedTreesFusion.fit(x, y, BoostedTreesFusion.Settings.defaults());
        LogisticFusion logistic = LogisticFusion.fit(x, y, 1e-3, 500);
        double treesAccuracy = accuracy(trees, test, testY);
        double logisticAccuracy = accuracy(logistic, test, testY);
        assertTrue(treesAccuracy > 0.9, "trees: " + treesAccuracy);
        assertTrue(logisticAccuracy < 0.6, "logistic: " + logisticAccuracy);
    }

    @Test
    void contributionsAddUpToTheScore_andTheNoiseFeatureContributesLittle() {
        boolean[] y = new boolean[1_000];
        double[][] x = rows(1_000, 3, y);
        BoostedTreesFusion f = BoostedTreesFusion.fit(x, y, BoostedTreesFusion.Settings.defaults());
        double[] total = new double[3];
        for (double[] row : x) {
            double[] c = f.contributions(row);
            assertEquals(f.score(row), f.bias() + c[0] + c[1] + c[2], 1e-9);
            for (int j = 0; j < 3; j++) {
                total[j] += Math.abs(c[j]);
            }
        }
        assertTrue(total[2] < 0.25 * Math.min(total[0], total[1]), java.util.Arrays.toString(total));
    }

    @Test
    void sameRows_sameTrees() {
        boolean[] y = new boolean[500];
        double[][] x = rows(500, 4, y);
        BoostedTreesFusion a = BoostedTreesFusion.fit(x, y, BoostedTreesFusion.Settings.defaults());
        BoostedTreesFusion b = BoostedTreesFusion.fit(x, y, BoostedTreesFusion.Settings.defaults());
        double[] sa = new double[x.length];
        double[] sb = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            sa[i] = a.score(x[i]);
            sb[i] = b.score(x[i]);
        }
        assertArrayEquals(sa, sb, 0.0);
    }

    @Test
    void nonFiniteValues_fallBelowEveryCut_andTheWidthIsChecked() {
        // true exactly when the one feature is at least 0; a triple nobody could score (-inf, NaN) is low
        int n = 400;
        double[][] x = new double[n][1];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = i / (double) n * 2 - 1;
            y[i] = x[i][0] >= 0;
        }
        BoostedTreesFusion f = BoostedTreesFusion.fit(x, y, BoostedTreesFusion.Settings.defaults());
        assertTrue(f.score(new double[] {0.5}) > 2);
        assertTrue(f.score(new double[] {Double.NEGATIVE_INFINITY}) < -2);
        assertEquals(f.score(new double[] {Double.NEGATIVE_INFINITY}), f.score(new double[] {Double.NaN}), 0.0);
        assertTrue(f.score(new double[] {Double.POSITIVE_INFINITY}) > 2);
        assertThrows(IllegalArgumentException.class, () -> f.score(new double[2]));
    }
}
