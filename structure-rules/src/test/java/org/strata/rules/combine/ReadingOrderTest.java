package org.strata.rules.combine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.strata.graph.projection.Projection;
import org.strata.rules.Graphs;
import org.strata.rules.apply.Aggregation;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.model.Rule;
import org.strata.rules.model.RuleFormat;

/**
 * A candidate's rules in reading order, all or the first few: the same as sorting them by the order's comparison
 * itself.
 */
class ReadingOrderTest {

    @Test
    void sort_agreesWithTheComparison_withTiedWeightsAndConfidences() {
        Projection p = Graphs.of("a p b; a q c");
        SplittableRandom random = new SplittableRandom(5);
        List<Rule> rules = new ArrayList<>();
        int n = 3_000; // past the merge sort's small runs, several levels deep
        for (int i = 0; i < n; i++) {
            int predictions = 2 + random.nextInt(4);
            rules.add(RuleFormat.parse("q(X,c) <= p(X,A)", p.entities(), p.relations())
                    .withCounts(predictions, 1 + random.nextInt(predictions - 1)));
        }
        RuleEngine engine = new RuleEngine(p, rules, 1, Aggregation.NOISY_OR, 1);
        double[] start = new double[n];
        for (int i = 0; i < n; i++) {
            start[i] = random.nextInt(3) * 0.5; // three weights: most comparisons tie and fall to the confidence
        }
        ReadingOrder order = ReadingOrder.of(engine, start);
        int tiedOnBoth = 0;
        for (int trial = 0; trial < 500; trial++) {
            int[] some = random.ints(1 + random.nextInt(60), 0, n).distinct().toArray();
            int[] expected = some.clone();
            for (int i = 1; i < expected.length; i++) { // insertion sort by the comparison
                int r = expected[i];
                int j = i - 1;
                while (j >= 0 && ReadingOrder.before(r, expected[j], engine, start)) {
                    expected[j + 1] = expected[j];
                    j--;
                }
                expected[j + 1] = r;
            }
            for (int i = 1; i < expected.length; i++) {
                int x = expected[i - 1];
                int y = expected[i];
                if (start[x] == start[y] && engine.confidence(x) == engine.confidence(y)) {
                    tiedOnBoth++;
                }
            }
            assertArrayEquals(expected, order.first(some, some.length), "rules " + Arrays.toString(some));
            int max = 1 + random.nextInt(10);
            assertArrayEquals(Arrays.copyOf(expected, Math.min(max, expected.length)), order.first(some, max),
                    "the first " + max + " of " + Arrays.toString(some));
        }
        assertTrue(tiedOnBoth > 100, "the index must break many ties: " + tiedOnBoth);
    }
}
