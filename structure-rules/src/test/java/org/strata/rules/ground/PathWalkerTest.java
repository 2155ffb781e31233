package org.strata.rules.ground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.strata.graph.projection.Projection;
import org.strata.rules.Graphs;

/**
 * The ends a walker reports are those of every grounding under object identity, found by brute force
 * over every node sequence: on dense random graphs (where second nodes are reached through several first
 * nodes, and through one), with a forbidden constant, with a fact or a pair of entities left out.
 */
class PathWalkerTest {

    @Test
    void ends_equalEveryGroundingsEnd_underObjectIdentity() {
        Random rnd = new Random(7);
        int checked = 0;
        int severalFirst = 0;
        for (int graph = 0; graph < 6; graph++) {
            int n = 9 + graph * 3;
            Projection p = Graphs.random(100 + graph, n, 3, n * (4 + graph));
            PathWalker walker = new PathWalker(p, 1_000_000);
            for (int trial = 0; trial < 300; trial++) {
                int length = 1 + rnd.nextInt(3);
                int[] rels = new int[length];
                boolean[] inv = new boolean[length];
                for (int i = 0; i < length; i++) {
                    rels[i] = rnd.nextInt(3);
                    inv[i] = rnd.nextBoolean();
                }
                int start = rnd.nextInt(n);
                int forbid = rnd.nextInt(3) == 0 ? rnd.nextInt(n) : -1;
                int mode = rnd.nextInt(3); // 0: nothing left out, 1: a fact, 2: every fact between two entities
                int f = rnd.nextInt(p.factCount());
                if (mode > 0) {
                    walker.leaveOut(p.head(f), p.relation(f), p.tail(f), mode == 2);
                }
                Projection world = mode == 0 ? p : mode == 1 ? Graphs.without(p, p.head(f), p.relation(f), p.tail(f))
                        : Graphs.withoutPair(p, p.head(f), p.tail(f));
                TreeSet<Integer> expected = bruteForce(world, start, rels, inv, forbid);
                int found = walker.ends(start, rels, inv, length, forbid);
                walker.clearLeftOut();
                assertFalse(walker.truncated());
                TreeSet<Integer> got = new TreeSet<>();
                for (int i = 0; i < found; i++) {
                    got.add(walker.end(i));
                }
                assertEquals(found, got.size(), "ends are distinct");
                assertEquals(expected, got, "graph " + graph + ", trial " + trial);
                checked += expected.size();
                if (length == 3 && severalFirstNodes(world, start, rels, inv, forbid)) {
                    severalFirst++;
                }
            }
        }
        assertFalse(checked < 1_000, "the graphs gave too few ends to check: " + checked);
        assertFalse(severalFirst < 50, "too few three-atom walks reached a second node through several first ones");
    }

    @Test
    void ends_stopAtTheVisitLimit_andSaySo() {
        Projection p = Graphs.random(3, 30, 1, 600);
        PathWalker walker = new PathWalker(p, 50);
        walker.ends(0, new int[] {0, 0, 0}, new boolean[] {false, true, false}, 3, -1);
        assertEquals(true, walker.truncated());
        PathWalker unlimited = new PathWalker(p, 1_000_000);
        unlimited.ends(0, new int[] {0, 0, 0}, new boolean[] {false, true, false}, 3, -1);
        assertFalse(unlimited.truncated());
    }

    private static TreeSet<Integer> bruteForce(Projection p, int start, int[] rels, boolean[] inv, int forbid) {
        TreeSet<Integer> ends = new TreeSet<>();
        int n = p.entityCount();
        int[] nodes = new int[rels.length + 1];
        nodes[0] = start;
        extend(p, nodes, 1, rels, inv, forbid, n, ends);
        return ends;
    }

    private static void extend(Projection p, int[] nodes, int depth, int[] rels, boolean[] inv, int forbid, int n,
                               TreeSet<Integer> ends) {
        for (int v = 0; v < n; v++) {
            if (v == forbid || !edge(p, nodes[depth - 1], rels[depth - 1], inv[depth - 1], v)) {
                continue;
            }
            boolean distinct = true;
            for (int i = 0; i < depth; i++) {
                distinct &= nodes[i] != v;
            }
            if (!distinct) {
                continue;
            }
            nodes[depth] = v;
            if (depth == rels.length) {
                ends.add(v);
            } else {
                extend(p, nodes, depth + 1, rels, inv, forbid, n, ends);
            }
        }
    }

    /** Whether some second node of the walk is reached through two or more distinct first nodes. */
    private static boolean severalFirstNodes(Projection p, int start, int[] rels, boolean[] inv, int forbid) {
        int n = p.entityCount();
        for (int b = 0; b < n; b++) {
            int through = 0;
            for (int a = 0; a < n; a++) {
                if (a != start && a != forbid && b != start && b != a && b != forbid
                        && edge(p, start, rels[0], inv[0], a) && edge(p, a, rels[1], inv[1], b)) {
                    through++;
                }
            }
            if (through >= 2) {
                return true;
            }
        }
        return false;
    }

    private static boolean edge(Projection p, int from, int relation, boolean inverse, int to) {
        return inverse ? p.contains(to, relation, from) : p.contains(from, relation, to);
    }
}
