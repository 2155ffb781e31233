package org.strata.rules.judge;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The rules' judge's two thresholds, chosen on the out-of-fold probabilities of its calibration triples:
 * the least probability that confirms (the precision it can promise reaches the target) and the greatest
 * that doubts (corruptions make up the required share below it).
 */
final class JudgeThresholds {

    /** z of a one-sided 95 % bound. */
    private static final double Z95 = 1.6448536;

    private JudgeThresholds() {
    }

    /**
     * The one-sided 95 % lower bound (Wilson's score interval) of a precision measured as {@code correct}
     * of {@code accepted}: what the calibration can promise of confirmations it has not seen. The lowest
     * threshold whose measured precision reaches a target is chosen where the measurement happens to be
     * high, so the measured precision itself over-promises (on CoDEx-S, 0.97 measured out of fold gave
     * 0.96 on new triples).
     */
    static double precisionLowerBound(int correct, int accepted) {
        if (accepted == 0) {
            return 0;
        }
        double n = accepted;
        double p = correct / n;
        double z2 = Z95 * Z95;
        return (p + z2 / (2 * n) - Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))) / (1 + z2 / n);
    }

    /**
     * The thresholds, from out-of-fold probabilities of the calibration rows: a confirmation where the
     * lower bound of the precision of everything at or above the threshold reaches the confirmation
     * precision ({@link #precisionLowerBound}), the lowest such threshold; a doubt where the share of
     * corruptions at or below it reaches the doubt precision, the highest such threshold.
     */
    static RuleJudge.Calibration choose(double[] prob, List<Boolean> labels, int facts, JudgeParameters parameters) {
        int m = prob.length;
        int positives = 0;
        int negatives = 0;
        for (int i = 0; i < m; i++) {
            if (labels.get(i)) {
                positives++;
            } else {
                negatives++;
            }
        }
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -prob[i]));
        // confirmation: the lowest threshold whose acceptances' precision bound reaches the target (ties together)
        double confirm = 2;
        double confirmPrecision = Double.NaN;
        double confirmRecall = 0;
        int tp = 0;
        int fp = 0;
        for (int k = 0; k < m; k++) {
            if (labels.get(order[k])) {
                tp++;
            } else {
                fp++;
            }
            boolean lastOfTie = k == m - 1 || prob[order[k + 1]] < prob[order[k]];
            double precision = tp / (double) (tp + fp);
            if (lastOfTie && tp >= RuleJudge.MIN_CONFIRMED
                    && precisionLowerBound(tp, tp + fp) >= parameters.confirmPrecision()) {
                confirm = prob[order[k]];
                confirmPrecision = precision;
                confirmRecall = tp / (double) Math.max(1, positives);
            }
        }
        // doubt: the highest threshold under which corruptions make up the required share
        double doubt = -1;
        double doubtedTrue = 0;
        double doubtedFalse = 0;
        int neg = 0;
        int pos = 0;
        for (int k = m - 1; k >= 0; k--) {
            if (labels.get(order[k])) {
                pos++;
            } else {
                neg++;
            }
            boolean lastOfTie = k == 0 || prob[order[k - 1]] > prob[order[k]];
            if (lastOfTie && neg >= RuleJudge.MIN_CONFIRMED && neg / (double) (neg + pos) >= parameters.doubtPrecision()
                    && prob[order[k]] < confirm) {
                doubt = prob[order[k]];
                doubtedTrue = pos / (double) Math.max(1, positives);
                doubtedFalse = neg / (double) Math.max(1, negatives);
            }
        }
        return new RuleJudge.Calibration(facts, confirm, confirmPrecision, confirmRecall, doubt, doubtedTrue, doubtedFalse);
    }
}
