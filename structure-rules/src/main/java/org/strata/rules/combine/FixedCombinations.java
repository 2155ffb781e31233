package org.strata.rules.combine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fixed aggregations a learned combination is compared with, as starting networks with their free
 * settings chosen on the validation queries: noisy-or over each candidate's top k rules, and SAFRAN's
 * non-redundant noisy-or (rules clustered by the overlap of their predictions, the best rule of each cluster
 * counted, clusters combined by noisy-or; the overlap threshold chosen per relation).
 */
public final class FixedCombinations {

    /** The k tried for noisy-or over the top k rules. */
    static final int[] TOP_K = {1, 2, 3, 5, 8, 16};
    /** The overlap thresholds tried per relation for the non-redundant noisy-or (above 1: no clusters). */
    static final double[] THRESHOLDS = {0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.1};

    private FixedCombinations() {
    }

    /**
     * Noisy-or over the top k rules.
     *
     * @param network the noisy-or network (every rule alone, weights {@code -log(1 - confidence)})
     * @param k       how many rules per candidate it reads
     * @param validMrr its MRR on the validation queries
     */
    public record TopK(RuleNetwork network, int k, double validMrr) {
    }

    /**
     * The non-redundant noisy-or.
     *
     * @param network    the network (decay 0 inside a group, 1 across groups)
     * @param thresholds the overlap threshold of each relation
     * @param validMrr   its MRR on the validation queries
     */
    public record NonRedundant(RuleNetwork network, double[] thresholds, double validMrr) {
    }

    /**
     * Noisy-or over the top k rules, k chosen on validation among those the queries hold.
     *
     * @param prep queries prepared without calibration (the fixed aggregations read the rules' own confidences)
     */
    public static TopK topK(CombinationJob.Prepared prep) {
        requireUncalibrated(prep);
        RuleNetwork net = RuleNetwork.start(prep.engine(), prep.engine().train().relationCount(),
                RuleNetwork.Shape.noisyOr(), null);
        int longest = 0;
        for (Query q : prep.validation()) {
            for (int[] r : q.rules()) {
                longest = Math.max(longest, r.length);
            }
        }
        TopK best = null;
        for (int k : TOP_K) {
            if (k > longest && best != null) {
                break;
            }
            double mrr = QueryRanks.mrr(net, truncated(prep.validation(), k));
            if (best == null || mrr > best.validMrr()) {
                best = new TopK(net, k, mrr);
            }
        }
        return best;
    }

    /** The queries with at most {@code k} rules per candidate. */
    static List<Query> truncated(List<Query> queries, int k) {
        List<Query> out = new ArrayList<>(queries.size());
        for (Query q : queries) {
            int[][] rules = new int[q.rules().length][];
            for (int c = 0; c < rules.length; c++) {
                rules[c] = q.rules()[c].length > k ? Arrays.copyOf(q.rules()[c], k) : q.rules()[c];
            }
            out.add(q.withRules(rules));
        }
        return out;
    }

    /** The non-redundant noisy-or, each relation's overlap threshold the best on its validation queries. */
    public static NonRedundant nonRedundant(CombinationJob.Prepared prep) {
        requireUncalibrated(prep);
        int relations = prep.engine().train().relationCount();
        int n = prep.engine().rules().size();
        int[] headOf = new int[n];
        for (int i = 0; i < n; i++) {
            headOf[i] = prep.engine().rules().get(i).head();
        }
        RuleNetwork.Shape shape = new RuleNetwork.Shape(0, 1, false);
        double[] best = new double[relations];
        double[] chosen = new double[relations];
        Arrays.fill(best, -1);
        for (double t : THRESHOLDS) {
            double[] uniform = new double[relations];
            Arrays.fill(uniform, t);
            RuleNetwork net = RuleNetwork.start(prep.engine(), relations, shape, prep.overlaps().group(headOf, uniform));
            double[] mrr = QueryRanks.mrrByRelation(net, prep.validation(), relations);
            for (int r = 0; r < relations; r++) {
                if (!Double.isNaN(mrr[r]) && mrr[r] > best[r]) {
                    best[r] = mrr[r];
                    chosen[r] = t;
                }
                if (best[r] < 0) {
                    chosen[r] = THRESHOLDS[THRESHOLDS.length - 1];
                }
            }
        }
        RuleNetwork net = RuleNetwork.start(prep.engine(), relations, shape, prep.overlaps().group(headOf, chosen));
        return new NonRedundant(net, chosen, QueryRanks.mrr(net, prep.validation()));
    }

    private static void requireUncalibrated(CombinationJob.Prepared prep) {
        if (prep.chosen() != null) {
            throw new IllegalArgumentException("the fixed aggregations need queries prepared without calibration "
                    + "(their candidates and rule order follow the rules' own confidences)");
        }
    }
}
