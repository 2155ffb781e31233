package org.strata.graph.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.TestData;

class ProjectionTest {

    @TempDir
    Path dir;

    @Test
    void tinyGraph_neighboursInBothDirections_handChecked() {
        Projection p = Projection.fromTsv(List.of(TestData.triples(dir, "g.tsv",
                "a likes b; a likes c; b likes c; a knows c; c knows a; a likes b")));
        Dictionary e = p.entities();
        int a = e.id("a");
        int b = e.id("b");
        int c = e.id("c");
        int likes = p.relations().id("likes");
        int knows = p.relations().id("knows");
        assertEquals(3, p.entityCount());
        assertEquals(5, p.factCount(), "the repeated 'a likes b' counts once");
        assertArrayEquals(sorted(b, c), p.index(likes, Direction.OUT).targets(a));
        assertArrayEquals(sorted(a, b), p.index(likes, Direction.IN).targets(c));
        assertArrayEquals(new int[] {c}, p.index(knows, Direction.OUT).targets(a));
        assertArrayEquals(new int[0], p.index(knows, Direction.OUT).targets(b));
        assertTrue(p.contains(c, knows, a));
        assertFalse(p.contains(b, knows, a));
        assertEquals(2, p.index(likes, Direction.IN).degree(c));
        // a: likes b, likes c, knows c out; knows a in
        assertEquals(3, p.adjacency(Direction.OUT).degree(a));
        assertEquals(1, p.adjacency(Direction.IN).degree(a));
        assertEquals(3, p.relationEnd(likes) - p.relationStart(likes));
    }

    private static int[] sorted(int... v) {
        java.util.Arrays.sort(v);
        return v;
    }

    @Test
    void randomGraphs_matchNaiveSets() {
        for (long seed = 1; seed <= 5; seed++) {
            Random rnd = new Random(seed);
            int n = 30 + rnd.nextInt(50);
            int rels = 1 + rnd.nextInt(6);
            int m = rnd.nextInt(600);
            Dictionary ents = new Dictionary();
            Dictionary relations = new Dictionary();
            for (int i = 0; i < n; i++) {
                ents.add("e" + i);
            }
            for (int i = 0; i < rels; i++) {
                relations.add("r" + i);
            }
            int[] h = new int[m];
            int[] r = new int[m];
            int[] t = new int[m];
            Set<List<Integer>> naive = new HashSet<>();
            for (int i = 0; i < m; i++) {
                h[i] = rnd.nextInt(n);
                r[i] = rnd.nextInt(rels);
                t[i] = rnd.nextInt(n);
                naive.add(List.of(h[i], r[i], t[i]));
            }
            Projection p = Projection.of(ents, relations, new TripleList(h, r, t));
            assertEquals(naive.size(), p.factCount(), "seed " + seed);
            for (int rel = 0; rel < rels; rel++) {
                for (int x = 0; x < n; x++) {
                    TreeSet<Integer> out = new TreeSet<>();
                    TreeSet<Integer> in = new TreeSet<>();
                    for (List<Integer> f : naive) {
                        if (f.get(1) == rel && f.get(0) == x) {
                            out.add(f.get(2));
                        }
                        if (f.get(1) == rel && f.get(2) == x) {
                            in.add(f.get(0));
                        }
                    }
                    assertArrayEquals(out.stream().mapToInt(Integer::intValue).toArray(),
                            p.index(rel, Direction.OUT).targets(x), "seed " + seed + " out " + x);
                    assertArrayEquals(in.stream().mapToInt(Integer::intValue).toArray(),
                            p.index(rel, Direction.IN).targets(x), "seed " + seed + " in " + x);
                }
            }
            for (int x = 0; x < n; x++) {
                List<Integer> relsSeen = new ArrayList<>();
                EntityAdjacency adj = p.adjacency(Direction.OUT);
                for (int i = adj.start(x); i < adj.end(x); i++) {
                    assertTrue(naive.contains(List.of(x, adj.relation(i), adj.neighbour(i))));
                    relsSeen.add(adj.relation(i));
                }
                List<Integer> sortedRels = new ArrayList<>(relsSeen);
                sortedRels.sort(null);
                assertEquals(sortedRels, relsSeen, "edges of an entity are sorted by relation");
            }
        }
    }

    @Test
    void fb15k237_fitsInUnder100MB() {
        Path data = TestData.shared("fb15k-237");
        Projection p = Projection.fromTsv(List.of(data.resolve("train.txt")));
        assertEquals(272_115, p.factCount());
        assertEquals(237, p.relationCount());
        assertTrue(p.memoryBytes() < 100L * 1024 * 1024, "projection holds " + p.memoryBytes() + " bytes");
    }
}
