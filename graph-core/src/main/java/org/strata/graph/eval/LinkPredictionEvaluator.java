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
import org.strata.graph.projection.RelationIndex;
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
 * for any parallelism. Cost: O(n) per distinct query for dense scorers, plus the scorer's own.
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
                all.hits3(), all.hits10(), seconds, Metrics.of(ranks, 0, 2), Metrics.of(ranks, 1, 2), unseen,
                RelationMetrics.of(dataset.split(split), ranks, r -> dataset.relations().name(r)));
    }

    /**
     * The filtered rank of every query: position {@code 2i} is the tail query of triple {@code i},
     * {@code 2i + 1} its head query; +&infin; marks a query counted as a miss. A query that several
     * triples ask ({@code (h, r, ?)} for two triples with the same head and relation) is scored once and
     * each triple's answer ranked against those scores, as if it were asked again.
     */
    public double[] ranks(Dataset dataset, String split, LinkScorer scorer) {
        TripleList triples = dataset.split(split);
        Projection known = dataset.allProjection();
        int n = dataset.entities().size();
        double[] ranks = new double[triples.size() * 2];
        long[] keyed = askedQueries(dataset, triples, ranks);
        int[] groups = groups(keyed, ranks.length);
        int[] order = new int[keyed.length];
        for (int q = 0; q < keyed.length; q++) {
            order[q] = (int) (keyed[q] % ranks.length);
        }
        AtomicInteger next = new AtomicInteger();
        progress.begin("evaluate " + scorer.name(), ranks.length, "queries");
        progress.advance(ranks.length - order.length); // the misses by unseen entities or relations
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < parallelism; w++) {
                workers.add(pool.submit(() -> {
                    LinkScorer.Session session = scorer.newSession();
                    FilteredRanker ranker = new FilteredRanker(n);
                    int[] chunkEntities = new int[CHUNK];
                    int[] chunkRelations = new int[CHUNK];
                    Direction[] chunkDirections = new Direction[CHUNK];
                    int from;
                    while ((from = next.getAndAdd(CHUNK)) < groups.length - 1) {
                        int to = Math.min(groups.length - 1, from + CHUNK);
                        for (int g = from; g < to; g++) {
                            int first = order[groups[g]];
                            chunkEntities[g - from] = queryEntity(triples, first);
                            chunkRelations[g - from] = triples.relations()[first / 2];
                            chunkDirections[g - from] = direction(first);
                        }
                        session.expect(chunkEntities, chunkRelations, chunkDirections, to - from);
                        for (int g = from; g < to; g++) {
                            Direction d = chunkDirections[g - from];
                            int entity = chunkEntities[g - from];
                            int r = chunkRelations[g - from];
                            Scores scores = session.score(entity, r, d);
                            RelationIndex knownAnswers = known.index(r, d);
                            for (int q = groups[g]; q < groups[g + 1]; q++) {
                                int query = order[q];
                                int i = query / 2;
                                int answer = d == Direction.OUT ? triples.tails()[i] : triples.heads()[i];
                                ranks[query] = ranker.rank(scores, answer, knownAnswers, entity);
                            }
                        }
                        progress.advance(groups[to] - groups[from]);
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

    private static Direction direction(int query) {
        return query % 2 == 0 ? Direction.OUT : Direction.IN;
    }

    private static int queryEntity(TripleList triples, int query) {
        return query % 2 == 0 ? triples.heads()[query / 2] : triples.tails()[query / 2];
    }

    /**
     * The queries to score, each as its query's identity (relation, direction, entity) times the number
     * of query positions plus its position, sorted, so that equal queries are neighbours; a query of a
     * triple with an entity or relation unseen in training is left out and its rank set to +&infin;.
     */
    private static long[] askedQueries(Dataset dataset, TripleList triples, double[] ranks) {
        int seenEntities = dataset.trainEntityCount();
        int seenRelations = dataset.trainRelationCount();
        long[] keyed = new long[ranks.length];
        int count = 0;
        for (int i = 0; i < triples.size(); i++) {
            int h = triples.heads()[i];
            int r = triples.relations()[i];
            int t = triples.tails()[i];
            if (h >= seenEntities || t >= seenEntities || r >= seenRelations) {
                ranks[2 * i] = Double.POSITIVE_INFINITY;
                ranks[2 * i + 1] = Double.POSITIVE_INFINITY;
                continue;
            }
            keyed[count++] = key(triples, 2 * i, seenEntities) * ranks.length + 2 * i;
            keyed[count++] = key(triples, 2 * i + 1, seenEntities) * ranks.length + 2 * i + 1;
        }
        long[] sorted = java.util.Arrays.copyOf(keyed, count);
        java.util.Arrays.sort(sorted);
        return sorted;
    }

    /** A query's identity as a number: relation, direction, entity. */
    private static long key(TripleList triples, int query, int entities) {
        long relationSide = 2L * triples.relations()[query / 2] + query % 2;
        return relationSide * entities + queryEntity(triples, query);
    }

    /** Where each run of equal queries starts in {@code keyed}, and its end as the last element. */
    private static int[] groups(long[] keyed, int positions) {
        int[] starts = new int[keyed.length + 1];
        int count = 0;
        for (int q = 0; q < keyed.length; q++) {
            if (q == 0 || keyed[q - 1] / positions != keyed[q] / positions) {
                starts[count++] = q;
            }
        }
        starts[count++] = keyed.length;
        return java.util.Arrays.copyOf(starts, count);
    }
}
