package org.strata.graph.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.TestData;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.projection.Dataset;
import org.strata.graph.projection.TripleList;

class LinkPredictionEvaluatorTest {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(4);

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    @TempDir
    Path dir;

    private static LinkPredictionEvaluator evaluator(int parallelism) {
        return new LinkPredictionEvaluator(POOL, parallelism, ProgressListener.NONE);
    }

    /**
     * Entities a, x, b, c, y (train), d (test only). Test triple "d r x" has an unseen entity: two misses.
     * Test triple "a r y": tail query ranks y first (x filtered, frequency 2 vs 1); head query ties a with b
     * at frequency 1 (c filtered): rank 1.5.
     */
    @Test
    void frequencyBaseline_tinyDataset_handComputed() {
        TestData.triples(dir, "train.txt", "a r x; b r x; c r y; a s b");
        TestData.triples(dir, "valid.txt", "c r x");
        TestData.triples(dir, "test.txt", "d r x; a r y");
        Dataset ds = Dataset.load(dir);
        EvaluationResult r = evaluator(1).evaluate(ds, "test", new FrequencyScorer(ds.trainProjection()));
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 1.0, 1.5},
                evaluator(1).ranks(ds, "test", new FrequencyScorer(ds.trainProjection())));
        assertEquals(4, r.queries());
        assertEquals(2, r.unseenQueries());
        assertEquals((1.0 + 1 / 1.5) / 4, r.mrr(), 1e-12);
        assertEquals(0.25, r.hits1(), 1e-12);
        assertEquals(0.5, r.hits3(), 1e-12);
        assertEquals(0.5, r.hits10(), 1e-12);
        assertEquals(0.5, r.tail().mrr(), 1e-12);
        assertEquals((1 / 1.5) / 2, r.head().mrr(), 1e-12);
        assertEquals("frequency", r.scorer());
    }

    @Test
    void umls_ranksEqualANaiveImplementation_andDoNotDependOnParallelism() {
        Dataset ds = Dataset.load(TestData.umls());
        FrequencyScorer scorer = new FrequencyScorer(ds.trainProjection());
        double[] one = evaluator(1).ranks(ds, "test", scorer);
        double[] four = evaluator(4).ranks(ds, "test", scorer);
        assertArrayEquals(one, four);
        assertArrayEquals(naiveRanks(ds), one);
        EvaluationResult r = evaluator(2).evaluate(ds, "test", scorer);
        assertEquals(2 * 661, r.queries());
        assertEquals(0, r.unseenQueries());
        double reciprocal = 0;
        for (double rank : one) {
            reciprocal += 1 / rank;
        }
        assertEquals(reciprocal / one.length, r.mrr(), 1e-12, "MRR is the mean reciprocal of the naive ranks");
    }

    /**
     * A query asked by several test triples is scored once, and every triple's answer is ranked as if its
     * query had been asked on its own: checked with a scorer whose sparse scores depend on the query
     * entity (a seeded hash, with ties), against ranking each triple's two queries one by one.
     */
    @Test
    void repeatedQueries_areScoredOnce_andRankedAsIfAskedAgain() {
        Dataset ds = Dataset.load(TestData.umls());
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        LinkScorer scorer = new LinkScorer() {
            @Override
            public String name() {
                return "hash";
            }

            @Override
            public Session newSession() {
                return (entity, relation, direction) -> {
                    calls.incrementAndGet();
                    return hashScores(ds.entities().size(), entity, relation, direction);
                };
            }
        };
        double[] grouped = evaluator(2).ranks(ds, "test", scorer);
        TripleList test = ds.test();
        Set<List<Integer>> distinct = new HashSet<>();
        FilteredRanker ranker = new FilteredRanker(ds.entities().size());
        var known = ds.allProjection();
        double[] oneByOne = new double[2 * test.size()];
        for (int i = 0; i < test.size(); i++) {
            int h = test.heads()[i];
            int r = test.relations()[i];
            int t = test.tails()[i];
            distinct.add(List.of(h, r, 0));
            distinct.add(List.of(t, r, 1));
            var out = org.strata.graph.projection.Direction.OUT;
            var in = org.strata.graph.projection.Direction.IN;
            oneByOne[2 * i] = ranker.rank(hashScores(ds.entities().size(), h, r, out), t, known.index(r, out), h);
            oneByOne[2 * i + 1] = ranker.rank(hashScores(ds.entities().size(), t, r, in), h, known.index(r, in), t);
        }
        assertArrayEquals(oneByOne, grouped);
        assertTrue(distinct.size() < 2 * test.size(), "UMLS test repeats queries: " + distinct.size());
        assertEquals(distinct.size(), calls.get(), "each distinct query scored once");
    }

    /** Sparse scores for a third of the entities, from a hash of the query, in 8 levels (so with ties). */
    private static Scores hashScores(int n, int entity, int relation, org.strata.graph.projection.Direction d) {
        int[] entities = new int[n];
        float[] values = new float[n];
        int size = 0;
        for (int e = 0; e < n; e++) {
            long h = (((long) entity * 31 + relation) * 31 + d.ordinal()) * 1_000_003L + e;
            h ^= h >>> 29;
            h *= 0xBF58476D1CE4E5B9L;
            h ^= h >>> 32;
            if (Math.floorMod(h, 3) == 0) {
                entities[size] = e;
                values[size++] = Math.floorMod(h >>> 8, 8);
            }
        }
        return new Scores.Sparse(entities, values, size);
    }

    /** The protocol written the obvious way: maps and sets, no projection, no marker arrays. */
    private static double[] naiveRanks(Dataset ds) {
        int n = ds.entities().size();
        Set<List<Integer>> known = new HashSet<>();
        for (TripleList l : List.of(ds.train(), ds.valid(), ds.test())) {
            for (int i = 0; i < l.size(); i++) {
                known.add(List.of(l.heads()[i], l.relations()[i], l.tails()[i]));
            }
        }
        Map<List<Integer>, Integer> tailFreq = new HashMap<>();
        Map<List<Integer>, Integer> headFreq = new HashMap<>();
        Set<List<Integer>> trainSet = new HashSet<>();
        TripleList train = ds.train();
        for (int i = 0; i < train.size(); i++) {
            if (trainSet.add(List.of(train.heads()[i], train.relations()[i], train.tails()[i]))) {
                tailFreq.merge(List.of(train.relations()[i], train.tails()[i]), 1, Integer::sum);
                headFreq.merge(List.of(train.relations()[i], train.heads()[i]), 1, Integer::sum);
            }
        }
        TripleList test = ds.test();
        double[] ranks = new double[2 * test.size()];
        for (int i = 0; i < test.size(); i++) {
            int h = test.heads()[i];
            int r = test.relations()[i];
            int t = test.tails()[i];
            for (int dir = 0; dir < 2; dir++) {
                int answer = dir == 0 ? t : h;
                Map<List<Integer>, Integer> freq = dir == 0 ? tailFreq : headFreq;
                int s = freq.getOrDefault(List.of(r, answer), 0);
                int greater = 0;
                int ties = 0;
                for (int e = 0; e < n; e++) {
                    if (e == answer) {
                        continue;
                    }
                    List<Integer> triple = dir == 0 ? List.of(h, r, e) : List.of(e, r, t);
                    if (known.contains(triple)) {
                        continue;
                    }
                    int v = freq.getOrDefault(List.of(r, e), 0);
                    if (v > s) {
                        greater++;
                    } else if (v == s) {
                        ties++;
                    }
                }
                ranks[2 * i + dir] = greater + 1 + ties / 2.0;
            }
        }
        return ranks;
    }
}
