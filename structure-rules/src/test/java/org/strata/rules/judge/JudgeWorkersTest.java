package org.strata.rules.judge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.strata.graph.projection.Dataset;
import org.strata.graph.projection.Projection;
import org.strata.rules.apply.RuleEngine;

/**
 * Taking triples in query order, on two workers that reuse a firing shared by neighbouring triples, gives
 * every triple exactly the features a fresh worker computes for it alone.
 */
class JudgeWorkersTest {

    static Projection train;
    static RuleEngine engine;
    static ExecutorService pool;
    static UmlsRules umls;
    static Dataset data;

    @BeforeAll
    static void learn() throws Exception {
        umls = UmlsRules.learn();
        data = umls.data();
        train = umls.train();
        engine = umls.engine();
        pool = umls.pool();
    }

    @AfterAll
    static void stop() {
        umls.close();
    }

    /** Each triple is keyed by the query more triples share: three heads of one tail, two tails of one head. */
    @Test
    void aTripleIsKeyedByItsMoreSharedQuery() {
        long[] keys = JudgeWorkers.sharedQueryKeys(new int[] {1, 2, 3, 1}, new int[] {0, 0, 0, 0}, new int[] {5, 5, 5, 6});
        assertEquals(keys[0], keys[1]);
        assertEquals(keys[1], keys[2]);
        assertTrue(keys[3] != keys[0], "(1, 0, 6) asks (1, 0, ?), which two triples share, not (?, 0, 6)");
        long[] alone = JudgeWorkers.sharedQueryKeys(new int[] {1, 1}, new int[] {0, 0}, new int[] {5, 6});
        assertEquals(alone[0], alone[1], "two tails of one head share (1, 0, ?)");
    }

    @Test
    void queryOrderAndReusedFirings_giveEachTripleItsOwnFeatures() throws Exception {
        // jobs: (h, r, t, sourceHead, sourceTail): validation triples, a tail and a head corruption of each,
        // believed facts left out and a corruption of each judged without its fact
        List<int[]> jobs = new ArrayList<>();
        Random random = new Random(7);
        var valid = data.valid();
        int entities = train.entityCount();
        for (int i = 0; i < valid.size(); i++) {
            int h = valid.heads()[i];
            int r = valid.relations()[i];
            int t = valid.tails()[i];
            jobs.add(new int[] {h, r, t, -1, -1});
            jobs.add(new int[] {h, r, random.nextInt(entities), -1, -1});
            jobs.add(new int[] {random.nextInt(entities), r, t, -1, -1});
        }
        for (int k = 0; k < 300; k++) {
            int f = random.nextInt(train.factCount());
            int h = train.head(f);
            int t = train.tail(f);
            jobs.add(new int[] {h, train.relation(f), t, h, t});
            jobs.add(new int[] {h, train.relation(f), random.nextInt(entities), h, t});
        }
        java.util.Collections.shuffle(jobs, random);
        int n = jobs.size();
        int[][] triples = new int[3][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                triples[k][i] = jobs.get(i)[k];
            }
        }
        long[] keys = JudgeWorkers.sharedQueryKeys(triples[0], triples[1], triples[2]);
        TripleFeatures.Kinds kinds = new TripleFeatures.Kinds(false, true, true);
        double[][] batched = new double[n][];
        int[][] rules = new int[n][];
        JudgeWorkers.run(n, 2, pool, engine, 0.5, null, kinds, keys, (features, i) -> {
            int[] j = jobs.get(i);
            batched[i] = features.without(j[0], j[1], j[2], j[3], j[4]);
            rules[i] = new int[] {features.tailRule, features.headRule};
        });
        int predicted = 0;
        for (int i = 0; i < n; i++) {
            int[] j = jobs.get(i);
            TripleFeatures alone = new TripleFeatures(engine, 0.5, RuleJudge.MAX_VISITS, null, kinds);
            double[] expected = alone.without(j[0], j[1], j[2], j[3], j[4]);
            assertArrayEquals(expected, batched[i], 0.0, "triple " + java.util.Arrays.toString(j));
            assertArrayEquals(new int[] {alone.tailRule, alone.headRule}, rules[i]);
            if (alone.tailRule >= 0) {
                predicted++;
            }
        }
        assertTrue(predicted > n / 4, "the rules predict many of the triples, so the features are not all empty: "
                + predicted + " of " + n);
        int[] order = JudgeWorkers.orderOf(keys);
        assertEquals(n, java.util.Arrays.stream(order).distinct().count(), "every item once");
        for (int i = 1; i < n; i++) {
            assertTrue(keys[order[i - 1]] <= keys[order[i]]);
        }
    }
}
