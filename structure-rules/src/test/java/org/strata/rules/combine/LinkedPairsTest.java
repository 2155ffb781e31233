package org.strata.rules.combine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.strata.graph.projection.Projection;
import org.strata.graph.projection.TripleList;
import org.strata.rules.Graphs;

/** How often facts' entities are linked by another fact, and the share of training queries that leave out the pair. */
class LinkedPairsTest {

    /**
     * Training: a-b linked twice (p, and s the other way), c-d once, e-f once. Validation: (a, q, b) linked by
     * a training fact, (c, q, e) not. So half the validation facts and two of four training facts are linked:
     * no training query leaves out its pair. With validation facts never linked, every one does.
     */
    @Test
    void shares_countLinksInEitherDirection_andDecideTheLeaveOut() {
        Projection p = Graphs.of("a p b; b s a; c p d; e s f; x q y");
        int a = p.entities().id("a");
        int b = p.entities().id("b");
        int c = p.entities().id("c");
        int d = p.entities().id("d");
        int e = p.entities().id("e");
        int f = p.entities().id("f");
        int q = p.relations().id("q");
        int pr = p.relations().id("p");
        int s = p.relations().id("s");
        TripleList train = new TripleList(new int[] {a, b, c, e}, new int[] {pr, s, pr, s}, new int[] {b, a, d, f});
        LinkedPairs half = LinkedPairs.measure(p, new TripleList(new int[] {a, c}, new int[] {q, q}, new int[] {b, e}),
                train, 4);
        assertEquals(0.5, half.validShare(), 1e-12);
        assertEquals(0.5, half.trainShare(), 1e-12);
        assertEquals(0, half.leaveOutShare(), 1e-12);
        for (int i = 0; i < 100; i++) {
            assertFalse(half.leavesOutPair(1, i));
        }
        LinkedPairs never = LinkedPairs.measure(p, new TripleList(new int[] {c}, new int[] {q}, new int[] {e}), train, 4);
        assertEquals(1, never.leaveOutShare(), 1e-12);
        assertEquals(0, LinkedPairs.NONE.leaveOutShare(), 1e-12);
    }

    /** A share between 0 and 1 leaves out about that share of the pairs, the same ones for the same seed. */
    @Test
    void partialShare_leavesOutAboutThatShare_seeded() {
        LinkedPairs l = new LinkedPairs(0.1, 0.4);
        assertEquals(0.75, l.leaveOutShare(), 1e-12);
        int out = 0;
        for (int i = 0; i < 10_000; i++) {
            boolean x = l.leavesOutPair(42, i);
            assertEquals(x, l.leavesOutPair(42, i));
            out += x ? 1 : 0;
        }
        assertEquals(0.75, out / 10_000.0, 0.02);
    }
}
