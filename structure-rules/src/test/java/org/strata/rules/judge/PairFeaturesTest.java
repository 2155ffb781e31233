package org.strata.rules.judge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.strata.graph.projection.Dataset;
import org.strata.graph.projection.Dictionary;
import org.strata.graph.projection.Projection;
import org.strata.graph.projection.TripleList;

/** The pair's closeness: counted by hand on a small graph, and a left-out fact measured as if it were absent. */
class PairFeaturesTest {

    private static final Path UMLS = Path.of("..", "..", "shared", "data", "kg", "umls");

    /**
     * a -r-> b, a -s-> c, c -s-> b, a -s-> d, d -r-> e, e -s-> b, b -s-> a: for (a, r, b), one other relation
     * links them directly (s, b to a); c is their one shared neighbour; a - d - e - b is one path of three steps
     * (a - c - b does not end in three, and the paths through b or a themselves are not counted).
     */
    @Test
    void countsSharedNeighboursPathsAndDirectLinks_byHand() {
        Dictionary entities = new Dictionary();
        Dictionary relations = new Dictionary();
        String[][] facts = {{"a", "r", "b"}, {"a", "s", "c"}, {"c", "s", "b"}, {"a", "s", "d"}, {"d", "r", "e"},
            {"e", "s", "b"}, {"b", "s", "a"}};
        int[] h = new int[facts.length];
        int[] r = new int[facts.length];
        int[] t = new int[facts.length];
        for (int i = 0; i < facts.length; i++) {
            h[i] = entities.add(facts[i][0]);
            r[i] = relations.add(facts[i][1]);
            t[i] = entities.add(facts[i][2]);
        }
        Projection p = Projection.of(entities, relations, new TripleList(h, r, t));
        PairFeatures features = new PairFeatures(p, true);
        double[] row = new double[PairFeatures.COUNT];
        int a = entities.id("a");
        int b = entities.id("b");
        features.fill(a, relations.id("r"), b, -1, -1, row, 0);
        assertEquals(1, row[0], "direct links by another relation");
        assertEquals(1, features.shared, "shared neighbours");
        assertEquals(Math.log1p(1), row[1], 1e-12);
        assertEquals(1, features.paths, "paths of three steps");
        // (d, r, b) is no fact: d and b share e and a, and no other relation links them
        features.fill(entities.id("d"), relations.id("r"), b, -1, -1, row, 0);
        assertEquals(0, row[0]);
        assertEquals(2, features.shared);
    }

    /**
     * A believed fact left out, and a corruption of it judged without it, get exactly the features they get
     * in a projection from which the fact was removed: what leave-one-out calibration relies on.
     */
    @Test
    void leavingOutAFact_isTheSameAsRemovingIt() {
        Dataset data = Dataset.load(UMLS.toAbsolutePath().normalize());
        Projection all = data.trainProjection();
        Random random = new Random(7);
        for (int k = 0; k < 25; k++) {
            int f = random.nextInt(all.factCount());
            int h = all.head(f);
            int r = all.relation(f);
            int t = all.tail(f);
            Projection without = removed(all, f);
            int[] corrupt = RuleJudge.corruption(all, f, k % 2 == 0, random);
            assertTrue(corrupt != null, "a corruption of fact " + f);
            double[] leftOut = new double[PairFeatures.COUNT];
            double[] absent = new double[PairFeatures.COUNT];
            new PairFeatures(all, true).fill(h, r, t, h, t, leftOut, 0);
            new PairFeatures(without, true).fill(h, r, t, -1, -1, absent, 0);
            assertArrayEquals(absent, leftOut, 1e-9, "fact " + f + " left out");
            new PairFeatures(all, true).fill(corrupt[0], r, corrupt[2], h, t, leftOut, 0);
            new PairFeatures(without, true).fill(corrupt[0], r, corrupt[2], -1, -1, absent, 0);
            assertArrayEquals(absent, leftOut, 1e-9, "corruption " + Arrays.toString(corrupt) + " of fact " + f);
        }
    }

    private static Projection removed(Projection p, int fact) {
        int n = p.factCount() - 1;
        int[] h = new int[n];
        int[] r = new int[n];
        int[] t = new int[n];
        for (int i = 0, j = 0; i < p.factCount(); i++) {
            if (i != fact) {
                h[j] = p.head(i);
                r[j] = p.relation(i);
                t[j] = p.tail(i);
                j++;
            }
        }
        return Projection.of(p.entities(), p.relations(), new TripleList(h, r, t));
    }
}
