package org.strata.graph.eval;

/**
 * The outcome of one filtered link-prediction evaluation.
 *
 * @param dataset       the dataset's name
 * @param scorer        the scorer's name
 * @param split         the split evaluated ({@code test} or {@code valid})
 * @param queries       the number of queries: two per triple (a tail and a head query)
 * @param mrr           mean reciprocal rank over all queries
 * @param hits1         Hits@1 over all queries
 * @param hits3         Hits@3 over all queries
 * @param hits10        Hits@10 over all queries
 * @param seconds       wall time of the evaluation
 * @param tail          metrics of the tail queries {@code (h, r, ?)}
 * @param head          metrics of the head queries {@code (?, r, t)}
 * @param unseenQueries queries counted as misses because an entity or relation never occurs in training
 * @param relations     the metrics of each relation's queries, the relations with the most queries first
 */
public record EvaluationResult(String dataset, String scorer, String split, int queries, double mrr, double hits1,
                               double hits3, double hits10, double seconds, Metrics tail, Metrics head,
                               int unseenQueries, java.util.List<RelationMetrics> relations) {
}
