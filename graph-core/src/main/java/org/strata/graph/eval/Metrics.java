package org.strata.graph.eval;

/**
 * Ranking metrics over a set of queries: mean reciprocal rank and Hits@1/3/10. A query that counts as a
 * miss (an entity or relation unseen in training) has rank +&infin;, so it adds 0 to every metric.
 *
 * @param queries how many queries
 * @param mrr     mean of 1/rank
 * @param hits1   share of queries with rank &le; 1
 * @param hits3   share with rank &le; 3
 * @param hits10  share with rank &le; 10
 */
public record Metrics(int queries, double mrr, double hits1, double hits3, double hits10) {

    /** Metrics of the ranks at positions {@code from, from + step, ...} below {@code to}. */
    public static Metrics of(double[] ranks, int from, int step) {
        int n = 0;
        double rr = 0;
        int h1 = 0;
        int h3 = 0;
        int h10 = 0;
        for (int i = from; i < ranks.length; i += step) {
            double rank = ranks[i];
            n++;
            rr += 1.0 / rank;
            if (rank <= 1) {
                h1++;
            }
            if (rank <= 3) {
                h3++;
            }
            if (rank <= 10) {
                h10++;
            }
        }
        if (n == 0) {
            return new Metrics(0, 0, 0, 0, 0);
        }
        return new Metrics(n, rr / n, (double) h1 / n, (double) h3 / n, (double) h10 / n);
    }
}
