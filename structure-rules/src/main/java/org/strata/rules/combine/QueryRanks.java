package org.strata.rules.combine;

import java.util.List;

/**
 * The rank of each query's answer under a network, computed on queries built once (validation queries
 * with the evaluation's filter): what model selection reads, many times, without firing the rules again.
 * Ties at the mean; an answer no rule reaches ties with the other unreached entities below every candidate.
 * Validation queries pick their candidates as answering does (the starting network's best) and leave an
 * answer past the cap unscored, so these ranks are the shared evaluator's on the same queries (up to ties
 * that the evaluator's single-precision scores may add); the evaluator stays the judge of test figures.
 */
final class QueryRanks {

    private QueryRanks() {
    }

    /** The rank of {@code q}'s answer (1 is best). */
    static double rank(RuleNetwork net, Query q, Layout l) {
        int n = q.candidates().length;
        if (q.target() < 0) {
            return n + (q.unreached() + 1) / 2.0;
        }
        double t = net.score(q, q.target(), l);
        int above = 0;
        int tied = 0;
        for (int c = 0; c < n; c++) {
            if (c != q.target()) {
                double s = net.score(q, c, l);
                if (s > t) {
                    above++;
                } else if (s == t) {
                    tied++;
                }
            }
        }
        return 1 + above + tied / 2.0;
    }

    /** The mean reciprocal rank over {@code queries} (0 for none). */
    public static double mrr(RuleNetwork net, List<Query> queries) {
        Layout l = new Layout();
        double sum = 0;
        for (Query q : queries) {
            sum += 1 / rank(net, q, l);
        }
        return queries.isEmpty() ? 0 : sum / queries.size();
    }

    /** The mean reciprocal rank per query relation ({@code NaN} where a relation has no query). */
    public static double[] mrrByRelation(RuleNetwork net, List<Query> queries, int relations) {
        Layout l = new Layout();
        double[] sum = new double[relations];
        int[] count = new int[relations];
        for (Query q : queries) {
            sum[q.relation()] += 1 / rank(net, q, l);
            count[q.relation()]++;
        }
        for (int r = 0; r < relations; r++) {
            sum[r] = count[r] == 0 ? Double.NaN : sum[r] / count[r];
        }
        return sum;
    }
}
