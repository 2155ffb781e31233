package org.strata.rules.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nl.cwts.networkanalysis.Network;
import org.junit.jupiter.api.Test;

/** Lineage on hand-made partitions, the adjusted Rand index on known cases, and seeded Leiden. */
class PartitionTest {

    @Test
    void lineage_keepsIdsByOverlap_oneToOne_andNeedsHalfTheMembers() {
        List<List<String>> old = List.of(List.of("a", "b", "c", "d"), List.of("e", "f"), List.of("g", "h", "i"));
        List<List<String>> now = List.of(
                List.of("a", "b", "c"),        // 3/4 of old 0: kept
                List.of("d", "e", "f", "x"),   // old 1: 2/(2+4-2) = 0.5: kept (at the threshold)
                List.of("g", "y", "z", "w"),   // old 2: 1/6: new
                List.of("h", "i"));            // old 2: 2/3: kept
        assertArrayEquals(new int[] {0, 1, -1, 2}, Lineage.match(old, now, Lineage.DEFAULT_THRESHOLD));
        // one to one: two halves of one community cannot both keep its id
        assertArrayEquals(new int[] {0, -1},
                Lineage.match(List.of(List.of("a", "b", "c", "d")), List.of(List.of("a", "b", "c"), List.of("d")), 0.2));
    }

    @Test
    void adjustedRandIndex_knownValues() {
        assertEquals(1.0, RandIndex.adjusted(new int[] {0, 0, 1, 1}, new int[] {5, 5, 7, 7}), 1e-12);
        // the classic example: ARI 0.24242424...
        assertEquals(8.0 / 33, RandIndex.adjusted(new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 0, 1, 1, 2, 2}), 1e-9);
        assertTrue(RandIndex.adjusted(new int[] {0, 1, 0, 1, 0, 1, 0, 1}, new int[] {0, 0, 1, 1, 0, 0, 1, 1}) <= 0.01);
    }

    /** Two cliques of five joined by one edge, and a third clique of four off the second. */
    private static Network cliques() {
        long[] keys = new long[64];
        int k = 0;
        int[][] groups = {{0, 1, 2, 3, 4}, {5, 6, 7, 8, 9}, {10, 11, 12, 13}};
        for (int[] g : groups) {
            for (int i = 0; i < g.length; i++) {
                for (int j = i + 1; j < g.length; j++) {
                    keys[k++] = ((long) g[i] << 32) | g[j];
                }
            }
        }
        keys[k++] = (4L << 32) | 5;
        keys[k++] = (9L << 32) | 10;
        return EntityGraph.fromPairKeys(14, keys, k);
    }

    @Test
    void leiden_findsTheCliques_andTheSameSeedGivesTheSamePartition() {
        Partitioner p = new Partitioner(1.0, 0.25, 4, 10, 42);
        Hierarchy a = p.partition(cliques(), null);
        Hierarchy b = p.partition(cliques(), null);
        int[] c = a.entityCommunities(0);
        assertEquals(3, a.communities(0));
        assertEquals(c[0], c[4]);
        assertTrue(c[0] != c[5] && c[5] != c[10]);
        assertArrayEquals(c, b.entityCommunities(0));
        assertEquals(1.0, RandIndex.adjusted(c, b.entityCommunities(0)));
        // a warm start from the answer keeps it
        assertArrayEquals(c, p.partition(cliques(), c).entityCommunities(0));
        // keeping level 0 keeps even a partition Leiden would improve, exactly (renumbered by size)
        int[] poor = new int[14];
        for (int i = 0; i < 14; i++) {
            poor[i] = i % 2;
        }
        assertEquals(1.0, RandIndex.adjusted(poor, p.partition(cliques(), poor, true).entityCommunities(0)));
        // levels above merge communities until one is left or nothing merges
        for (int l = 1; l < a.levels(); l++) {
            assertTrue(a.communities(l) < a.communities(l - 1));
        }
    }
}
