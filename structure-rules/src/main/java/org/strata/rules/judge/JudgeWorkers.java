package org.strata.rules.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.strata.graph.eval.LinkScorer;
import org.strata.rules.apply.RuleEngine;

/**
 * Computes the judge's features of many triples on a pool of workers, each with its own
 * {@link TripleFeatures} (they hold a rule session), taking the triples in the order of the query they ask
 * so that a worker fires a query shared by neighbouring triples once.
 */
final class JudgeWorkers {

    private JudgeWorkers() {
    }

    /** Work on the triple {@code i}, with a worker's own features (they hold a rule session). */
    interface Work {
        void run(TripleFeatures features, int i);
    }

    /**
     * Runs {@code work} on items 0..n-1 on {@code threads} workers, each with its own features. With
     * {@code keys} (null: none), items are taken in the order of their keys, in runs of consecutive ones:
     * items that ask the same query (key: its relation and head) then meet on one worker one after the other,
     * which fires it once (see {@link TripleFeatures}).
     */
    static void run(int n, int threads, ExecutorService pool, RuleEngine engine, double pc, LinkScorer opinion,
                    TripleFeatures.Kinds kinds, long[] keys, Work work)
            throws InterruptedException {
        if (n == 0) {
            return;
        }
        int[] order = keys == null ? null : orderOf(keys);
        if (pool == null || threads == 1) {
            TripleFeatures features = new TripleFeatures(engine, pc, RuleJudge.MAX_VISITS, opinion, kinds);
            for (int i = 0; i < n; i++) {
                work.run(features, order == null ? i : order[i]);
            }
            return;
        }
        int run = order == null ? 1 : RUN;
        List<Future<?>> parts = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        for (int w = 0; w < threads; w++) {
            parts.add(pool.submit(() -> {
                TripleFeatures features = new TripleFeatures(engine, pc, RuleJudge.MAX_VISITS, opinion, kinds);
                for (int from = next.getAndAdd(run); from < n; from = next.getAndAdd(run)) {
                    for (int i = from; i < Math.min(n, from + run); i++) {
                        work.run(features, order == null ? i : order[i]);
                    }
                }
            }));
        }
        for (Future<?> f : parts) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("judging failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /** Items a worker takes at a time when they are ordered by query. */
    private static final int RUN = 32;

    /** The items' indices in the order of their keys (equal keys in index order). */
    static int[] orderOf(long[] keys) {
        Integer[] boxed = new Integer[keys.length];
        for (int i = 0; i < keys.length; i++) {
            boxed[i] = i;
        }
        java.util.Arrays.sort(boxed, java.util.Comparator.comparingLong(i -> keys[i]));
        int[] out = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            out[i] = boxed[i];
        }
        return out;
    }

    /** The key of the query (h, r, ?): items with equal keys share their tail-side firing. */
    static long queryKey(int h, int r) {
        return ((long) r << 32) | (h & 0xffffffffL);
    }

    /**
     * Per triple (h, r, t), the key of whichever of its queries more of the triples ask: (h, r, ?), shared by
     * the tails of one head and a triple's tail corruption, or (?, r, t), shared by the heads of one tail
     * and a head corruption. Ordered by these keys, each group of triples asking one query comes together.
     */
    static long[] sharedQueryKeys(int[] heads, int[] relations, int[] tails) {
        int n = heads.length;
        java.util.Map<Long, Integer> outs = new java.util.HashMap<>();
        java.util.Map<Long, Integer> ins = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            outs.merge(queryKey(heads[i], relations[i]), 1, Integer::sum);
            ins.merge(queryKey(tails[i], relations[i]), 1, Integer::sum);
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            long out = queryKey(heads[i], relations[i]);
            long in = queryKey(tails[i], relations[i]);
            // the side in the lowest bit keeps the two kinds of key apart
            keys[i] = outs.get(out) >= ins.get(in) ? out << 1 : (in << 1) | 1;
        }
        return keys;
    }
}
