package org.strata.rules.combine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.rules.Graphs;
import org.strata.rules.apply.Aggregation;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.learn.LearnParameters;
import org.strata.rules.learn.RuleLearner;
import org.strata.rules.model.Rule;

/**
 * SAFRAN's non-redundant noisy-or, as the network computes it (groups by prediction overlap, decay 0 inside
 * a group, 1 across), against a brute-force implementation written from its definition: prediction sets
 * as sets, Jaccard indices from them, clusters as connected components, and
 * {@code 1 - prod over clusters (1 - best confidence in the cluster)}.
 */
class NonRedundantNoisyOrTest {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    @Test
    void networkEqualsBruteForce_onSeededRandomGraphs() {
        int merged = 0;
        int differsFromNoisyOr = 0;
        for (long seed = 1; seed <= 3; seed++) {
            Projection p = Graphs.random(seed, 30, 3, 200, 4);
            List<Rule> rules = new RuleLearner(p, new LearnParameters(0, 4, 2, seed, 500, 100_000, 5, 2, 0.0001, 3, 2,
                    1_000_000, true), POOL, ProgressListener.NONE, TerminationFlag.running()).learn().rules();
            RuleEngine engine = new RuleEngine(p, rules, 5, Aggregation.NOISY_OR, 1);
            RuleNetwork cap = RuleNetwork.start(engine, p.relationCount());
            QueryBuilder builder = new QueryBuilder(engine, cap, p, 1_000_000, 1_000_000, 1_000_000);
            List<Query> queries = new ArrayList<>();
            for (int f = 0; f < p.factCount(); f += 2) {
                for (Direction d : Direction.values()) {
                    queries.add(builder.training(p.head(f), p.relation(f), p.tail(f), d));
                }
            }
            int n = rules.size();
            // brute force: each rule's predictions as a set of (query, candidate)
            List<Set<Long>> predicted = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                predicted.add(new HashSet<>());
            }
            for (int q = 0; q < queries.size(); q++) {
                for (int c = 0; c < queries.get(q).candidates().length; c++) {
                    for (int r : queries.get(q).rules()[c]) {
                        predicted.get(r).add((long) q << 32 | c);
                    }
                }
            }
            double threshold = 0.3;
            int[] cluster = new int[n];
            for (int r = 0; r < n; r++) {
                cluster[r] = r;
            }
            boolean[][] similar = new boolean[n][n]; // each pair's Jaccard index read once
            for (int a = 0; a < n; a++) {
                for (int b = a + 1; b < n; b++) {
                    similar[a][b] = rules.get(a).head() == rules.get(b).head()
                            && jaccard(predicted.get(a), predicted.get(b)) >= threshold;
                    similar[b][a] = similar[a][b];
                }
            }
            boolean changed = true;
            while (changed) { // connected components by repeated relabelling: slow and obvious
                changed = false;
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        if (similar[a][b] && cluster[a] != cluster[b]) {
                            int low = Math.min(cluster[a], cluster[b]);
                            cluster[a] = low;
                            cluster[b] = low;
                            changed = true;
                        }
                    }
                }
            }
            int[] headOf = rules.stream().mapToInt(Rule::head).toArray();
            double[] thresholds = new double[p.relationCount()];
            java.util.Arrays.fill(thresholds, threshold);
            RuleGroups groups = RuleGroups.overlaps(queries, n).group(headOf, thresholds);
            RuleNetwork net = RuleNetwork.start(engine, p.relationCount(), new RuleNetwork.Shape(0, 1, false), groups);
            RuleNetwork noisyOr = RuleNetwork.start(engine, p.relationCount());
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    assertEquals(cluster[a] == cluster[b], groups.groupOf()[a] == groups.groupOf()[b],
                            "seed " + seed + ", rules " + a + " and " + b);
                }
            }
            merged += n - groups.count();
            for (Query q : queries) {
                for (int[] rs : q.rules()) {
                    java.util.Map<Integer, Double> best = new java.util.HashMap<>();
                    for (int r : rs) {
                        best.merge(cluster[r], Math.min(RuleNetwork.MAX_CONFIDENCE, engine.confidence(r)), Math::max);
                    }
                    double miss = 1;
                    for (double c : best.values()) {
                        miss *= 1 - c;
                    }
                    double expected = 1 - miss;
                    assertEquals(expected, 1 - Math.exp(-net.score(rs)), 1e-9);
                    if (Math.abs(expected - (1 - Math.exp(-noisyOr.score(rs)))) > 1e-6) {
                        differsFromNoisyOr++;
                    }
                }
            }
        }
        assertTrue(merged > 0, "some rules should share a cluster, or the test checks nothing");
        assertTrue(differsFromNoisyOr > 0, "the non-redundant score should differ from noisy-or somewhere");
    }

    private static double jaccard(Set<Long> a, Set<Long> b) {
        Set<Long> both = new HashSet<>(a);
        both.retainAll(b);
        int union = a.size() + b.size() - both.size();
        return union == 0 ? 0 : (double) both.size() / union;
    }
}
