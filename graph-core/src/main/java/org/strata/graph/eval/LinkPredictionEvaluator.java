package org.strata.graph.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.projection.Dataset;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.graph.projection.TripleList;

/**
 * The one filtered link-prediction evaluation that every path (rules, embeddings, local learning,
 * baselines) is measured with.
 *
 * <p>For each triple of the split it asks a tail query {@code (h, r, ?)} and a head query
 * {@code (?, r, t)}, ranks the true answer among all entities of the dataset after removing every other
 * known true answer of train, valid and test, counts ties at the mean position of the tied block
 * ({@link FilteredRanker}), and reports MRR and Hits@1/3/10 per direction and over both. A query whose
 * entities or relation never occur in training stays in and counts as a miss (rank +&infin;), as LibKGE
 * does.
 *
 * <p>Runs on {@code parallelism} workers of the given pool, one scorer session each. The ranks do not
 * depend on the number of workers, and the metrics are summed in query order, so the result is the same
 * for any parallelism. Cost: O(n) per query for dense scorers, plus the scorer's own.
 */
public final class LinkPredictionEvaluator {

    private static final int CHUNK = 64;

    private final ExecutorService pool;
    private final int parallelism;
    private final ProgressListener progress;

    public LinkPredictionEvaluator(ExecutorService pool, int parallelism, ProgressListener progress) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        this.pool = pool;
        this.parallelism = parallelism;
        this.progress = progress;
    }

    /** Evaluates a scorer on a split ({@code test} or {@code valid}) of a dataset. */
    public EvaluationResult evaluate(Dataset dataset, String split, LinkScorer scorer) {
        long start = System.nanoTime();
        double[] ranks = ranks(dataset, split, scorer);
        double seconds = (System.nanoTime() - start) / 1e9;
        Metrics all = Metrics.of(ranks, 0, 1);
        int unseen = 0;
        for (double r : ranks) {
            if (Double.isInfinite(r)) {
                unseen++;
            }
        }
        return new EvaluationResult(dataset.name(), scorer.name(), split, all.queries(), all.mrr(), all.hits1(),
                all.hits3(), all.hits10(), seconds, Metrics.of(ranks, 0, 2), Metrics.of(ranks, 1, 2), unseen);
    }

    /**
     * The filtered rank of every query: position {@code 2i} is the tail query of triple {@code i},
     * {@code 2i + 1} its head query; +&infin; marks a query counted as a miss.
     */
    public double[] ranks(Dataset dataset, String split, LinkScorer scorer) {
        TripleList triples = dataset.split(split);
        Projection known = dataset.allProjection();
        int n = dataset.entities().size();
        int seenEntities = dataset.trainEntityCount();
        int seenRelations = dataset.trainRelationCount();
        double[] ranks = new double[triples.size() * 2];
        AtomicInteger next = new AtomicInteger();
        progress.begin("evaluate " + scorer.name(), ranks.length, "queries");
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < parallelism; w++) {
                workers.add(pool.submit(() -> {
                    LinkScorer.Session session = scorer.newSession();
                    FilteredRanker ranker = new FilteredRanker(n);
                    int from;
                    while ((from = next.getAndAdd(CHUNK)) < triples.size()) {
                        int to = Math.min(triples.size(), from + CHUNK);
                        for (int i = from; i < to; i++) {
                            int h = triples.heads()[i];
                            int r = triples.relations()[i];
                            int t = triples.tails()[i];
                            boolean seen = h < seenEntities && t < seenEntities && r < seenRelations;
                            if (!seen) {
                                ranks[2 * i] = Double.POSITIVE_INFINITY;
                                ranks[2 * i + 1] = Double.POSITIVE_INFINITY;
                                continue;
                            }
                            ranks[2 * i] = ranker.rank(session.score(h, r, Direction.OUT), t,
                                    known.index(r, Direction.OUT), h);
                            ranks[2 * i + 1] = ranker.rank(session.score(t, r, Direction.IN), h,
                                    known.index(r, Direction.IN), t);
                        }
                        progress.advance(2L * (to - from));
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("evaluation failed: " + cause, cause);
        } finally {
            progress.end();
        }
        return ranks;
    }
}
