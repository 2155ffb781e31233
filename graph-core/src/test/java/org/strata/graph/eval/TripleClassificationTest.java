package org.strata.graph.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.strata.graph.TestData;
import org.strata.graph.projection.Dataset;
import org.strata.graph.projection.TripleList;

/** Thresholds chosen on validation only, the metrics on test, and the hard-negative generator. */
class TripleClassificationTest {

    private static TripleClassification.Labelled labelled(int relation, boolean... positive) {
        int n = positive.length;
        int[] r = new int[n];
        java.util.Arrays.fill(r, relation);
        return new TripleClassification.Labelled(new int[n], r, new int[n], positive);
    }

    @Test
    void theThreshold_fallsMidwayBetweenTheBestSeparatedScores_ofValidation() {
        TripleClassification.Labelled valid = labelled(0, true, true, false, false);
        double[] scores = {0.9, 0.8, 0.1, 0.3};
        TripleClassification.Thresholds t = TripleClassification.fit(valid, scores, 1);
        assertEquals(0.55, t.of(0), 1e-12);
        assertEquals(0.55, t.global(), 1e-12);
    }

    @Test
    void testTriples_areJudgedByTheValidationThreshold_notOneFittedToThem() {
        TripleClassification.Labelled valid = labelled(0, true, true, false, false);
        TripleClassification.Thresholds t = TripleClassification.fit(valid, new double[] {0.9, 0.8, 0.1, 0.3}, 1);
        // on test a threshold of 0.45 would be perfect; the validation threshold 0.55 rejects the 0.5 positive
        TripleClassification.Labelled test = labelled(0, true, true, false, false);
        double[] testScores = {0.5, 0.9, 0.2, 0.4};
        Dataset umls = Dataset.load(TestData.umls());
        TripleClassification.Result r = TripleClassification.evaluate(test, testScores, t, umls);
        assertEquals(0.75, r.accuracy(), 1e-12);
        assertEquals(1, r.truePositives());
        assertEquals(1, r.falseNegatives());
        assertEquals(2, r.trueNegatives());
        assertEquals(0, r.falsePositives());
        assertEquals(2 / 3.0, r.f1(), 1e-12);
        TripleClassification.Thresholds fittedOnTest = TripleClassification.fit(test, testScores, 1);
        assertNotEquals(t.of(0), fittedOnTest.of(0), "the two splits call for different thresholds");
    }

    @Test
    void aRelationWithoutBothLabelsInValidation_usesTheGlobalThreshold() {
        TripleClassification.Labelled valid = new TripleClassification.Labelled(new int[5], new int[] {0, 0, 0, 0, 1},
                new int[5], new boolean[] {true, false, true, false, true});
        TripleClassification.Thresholds t = TripleClassification.fit(valid, new double[] {0.9, 0.2, 0.8, 0.3, 0.1}, 2);
        assertTrue(Double.isNaN(t.perRelation()[1]));
        assertEquals(t.global(), t.of(1));
        assertEquals(t.global(), t.of(-1), "an unknown relation too");
    }

    @Test
    void hardNegatives_areNeverKnownFacts_keepTheRelation_andComeFromItsEntities() {
        Dataset umls = Dataset.load(TestData.umls());
        TripleClassification.Labelled neg = HardNegatives.of(umls, "test", 7);
        Set<String> known = new HashSet<>();
        Set<String> tailsOf = new HashSet<>();
        Set<String> headsOf = new HashSet<>();
        for (TripleList l : java.util.List.of(umls.train(), umls.valid(), umls.test())) {
            for (int i = 0; i < l.size(); i++) {
                known.add(l.heads()[i] + " " + l.relations()[i] + " " + l.tails()[i]);
            }
        }
        for (int i = 0; i < umls.train().size(); i++) {
            tailsOf.add(umls.train().relations()[i] + " " + umls.train().tails()[i]);
            headsOf.add(umls.train().relations()[i] + " " + umls.train().heads()[i]);
        }
        TripleList test = umls.test();
        assertEquals(test.size(), neg.size());
        assertEquals(0, neg.positives());
        Set<String> distinct = new HashSet<>();
        int typed = 0;
        for (int i = 0; i < neg.size(); i++) {
            int h = neg.heads()[i];
            int r = neg.relations()[i];
            int t = neg.tails()[i];
            String k = h + " " + r + " " + t;
            assertTrue(!known.contains(k), "a known fact: " + k);
            assertTrue(distinct.add(k), "twice: " + k);
            assertEquals(test.relations()[i], r);
            boolean tailChanged = h == test.heads()[i];
            assertTrue(tailChanged || t == test.tails()[i], "one side kept: " + k);
            if (tailChanged ? tailsOf.contains(r + " " + t) : headsOf.contains(r + " " + h)) {
                typed++;
                continue;
            }
            // drawn from all entities: only when no entity of either position of the relation was left
            for (int e = 0; e < umls.entities().size(); e++) {
                String tailSide = test.heads()[i] + " " + r + " " + e;
                String headSide = e + " " + r + " " + test.tails()[i];
                assertTrue(!tailsOf.contains(r + " " + e) || known.contains(tailSide) || distinct.contains(tailSide),
                        "a typed tail was free for " + k + ": " + e);
                assertTrue(!headsOf.contains(r + " " + e) || known.contains(headSide) || distinct.contains(headSide),
                        "a typed head was free for " + k + ": " + e);
            }
        }
        assertTrue(typed > neg.size() / 2, "type-consistent corruptions: " + typed + " of " + neg.size());
        TripleClassification.Labelled again = HardNegatives.of(umls, "test", 7);
        assertEquals(java.util.Arrays.toString(neg.tails()), java.util.Arrays.toString(again.tails()));
    }
}
