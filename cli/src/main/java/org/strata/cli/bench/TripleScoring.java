package org.strata.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.strata.graph.eval.HardNegatives;
import org.strata.graph.eval.LinkScorer;
import org.strata.graph.eval.Scores;
import org.strata.graph.eval.TripleClassification;
import org.strata.graph.projection.Dataset;
import org.strata.graph.projection.Direction;

/**
 * What the benchmarks that judge triples share: a split with its negatives (the dataset's file, or hard
 * ones made by corruption), and features of labelled triples computed on several workers.
 */
final class TripleScoring {

    private TripleScoring() {
    }

    static TripleClassification.Labelled labelled(Dataset data, String split, long seed) {
        Path file = data.folder().resolve(split + "_negatives.txt");
        return Files.isRegularFile(file) ? TripleClassification.withNegatives(data, split, file)
                : TripleClassification.withNegatives(data, split, HardNegatives.of(data, split, seed));
    }

    /**
     * Per triple: the model's mean log-probability of the triple's tail and head, that of the tail, that of
     * the head (softmax over all entities).
     */
    static double[][] embedding(TripleClassification.Labelled l, LinkScorer scorer, ExecutorService pool,
                                        int threads) throws InterruptedException {
        return features(l, 3, pool, threads, () -> {
            LinkScorer.Session session = scorer.newSession();
            return (h, r, t, out, i) -> {
                double tail = Scores.logSoftmax(session.score(h, r, Direction.OUT), t);
                double head = Scores.logSoftmax(session.score(t, r, Direction.IN), h);
                out[0][i] = (tail + head) / 2;
                out[1][i] = tail;
                out[2][i] = head;
            };
        });
    }

    /** Fills the features of triple {@code i} (h, r, t all known) into {@code out[feature][i]}. */
    interface TripleFeatures {
        void fill(int h, int r, int t, double[][] out, int i);
    }

    /**
     * {@code count} features of every triple, computed on {@code threads} workers, each with its own
     * {@link TripleFeatures} (they hold per-thread sessions); a triple naming an unknown entity or relation
     * gets -infinity everywhere.
     */
    static double[][] features(TripleClassification.Labelled l, int count, ExecutorService pool, int threads,
                                       java.util.function.Supplier<TripleFeatures> perThread)
            throws InterruptedException {
        double[][] out = new double[count][l.size()];
        List<Future<?>> parts = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int from = w;
            parts.add(pool.submit(() -> {
                TripleFeatures f = perThread.get();
                for (int i = from; i < l.size(); i += threads) {
                    if (l.heads()[i] < 0 || l.relations()[i] < 0 || l.tails()[i] < 0) {
                        for (double[] feature : out) {
                            feature[i] = Double.NEGATIVE_INFINITY;
                        }
                    } else {
                        f.fill(l.heads()[i], l.relations()[i], l.tails()[i], out, i);
                    }
                }
            }));
        }
        join(parts);
        return out;
    }

    static void join(List<Future<?>> parts) throws InterruptedException {
        for (Future<?> f : parts) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("scoring failed: " + e.getCause(), e.getCause());
            }
        }
    }
}
