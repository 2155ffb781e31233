package org.strata.graph.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fusion of scores learns which score carries the label, and the threshold mode is chosen by folds. */
class LogisticFusionTest {

    @Test
    void theInformativeScore_getsTheWeight_andNonFiniteValuesAreFloored() {
        Random random = new Random(3);
        int n = 2_000;
        double[][] x = new double[n][2];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2 == 0;
            x[i][0] = (y[i] ? 1 : -1) + random.nextGaussian() * 0.5; // informative
            x[i][1] = random.nextGaussian(); // noise
        }
        x[7][0] = Double.NEGATIVE_INFINITY; // a triple nobody could score
        LogisticFusion f = LogisticFusion.fit(x, y, 1e-3, 500);
        double[] w = f.weights();
        assertTrue(w[0] > 2 && Math.abs(w[1]) < 0.2, java.util.Arrays.toString(w));
        int correct = 0;
        for (int i = 0; i < n; i++) {
            correct += (f.score(x[i]) > 0) == y[i] ? 1 : 0;
        }
        assertTrue(correct > 0.95 * n, correct + " of " + n);
        assertTrue(Double.isFinite(f.score(x[7])) && f.score(x[7]) < 0, "floored to the least finite value");
    }

    @Test
    void choose_keepsPerRelationThresholds_whenRelationsDiffer_andDropsThemWhenTheyDoNot() {
        // relation 0 is true above 0.7, relation 1 above 0.3: per-relation thresholds generalise across folds
        Random random = new Random(5);
        int n = 1_000;
        int[] r = new int[n];
        boolean[] y = new boolean[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = i % 2;
            s[i] = random.nextDouble();
            y[i] = s[i] >= (r[i] == 0 ? 0.7 : 0.3);
        }
        TripleClassification.Labelled l = new TripleClassification.Labelled(new int[n], r, new int[n], y);
        TripleClassification.Thresholds t = TripleClassification.choose(l, s, 2, 5, 1);
        assertEquals(0.7, t.of(0), 0.02);
        assertEquals(0.3, t.of(1), 0.02);
        assertTrue(!Double.isNaN(t.perRelation()[0]) && !Double.isNaN(t.perRelation()[1]));
        // one true boundary for both relations: the per-relation thresholds buy nothing, the global one serves
        for (int i = 0; i < n; i++) {
            y[i] = s[i] >= 0.5;
        }
        TripleClassification.Thresholds same = TripleClassification.choose(l, s, 2, 5, 1);
        assertEquals(0.5, same.of(0), 0.02);
        assertEquals(0.5, same.of(1), 0.02);
        assertTrue(Double.isNaN(same.perRelation()[0]) && Double.isNaN(same.perRelation()[1]),
                "the global threshold alone: " + java.util.Arrays.toString(same.perRelation()));
    }
}
