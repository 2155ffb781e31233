package org.strata.graph.eval;

import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.projection.Dataset;

/** One evaluation run with a pool of its own, released when it ends (for callers that hold no pool). */
public final class EvaluationJob {

    private EvaluationJob() {
    }

    /**
     * Evaluates {@code scorer} on the split ({@code valid} or {@code test}) of {@code data} with
     * {@code threads} workers.
     */
    public static EvaluationResult run(Dataset data, LinkScorer scorer, String split, int threads,
                                       ProgressListener progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            return new LinkPredictionEvaluator(pool, threads, progress).evaluate(data, split.toLowerCase(Locale.ROOT),
                    scorer);
        } finally {
            pool.shutdownNow();
        }
    }
}
