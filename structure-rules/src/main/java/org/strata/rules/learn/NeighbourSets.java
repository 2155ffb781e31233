package org.strata.rules.learn;

import java.util.Arrays;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.EntityAdjacency;
import org.strata.graph.projection.Projection;

/**
 * The distinct neighbours of every entity (either direction, any relation) as sorted arrays in one CSR,
 * so that the common neighbours of two entities are a linear merge. Built once per learning run, O(m log
 * m); immutable and thread-safe.
 */
final class NeighbourSets {

    private final int[] offsets;
    private final int[] neighbours;

    NeighbourSets(Projection p) {
        int n = p.entityCount();
        EntityAdjacency out = p.adjacency(Direction.OUT);
        EntityAdjacency in = p.adjacency(Direction.IN);
        offsets = new int[n + 1];
        int[] buffer = new int[16];
        int[] all = new int[Math.max(16, 2 * p.factCount())];
        int size = 0;
        for (int e = 0; e < n; e++) {
            int d = out.degree(e) + in.degree(e);
            if (buffer.length < d) {
                buffer = new int[Math.max(d, buffer.length * 2)];
            }
            int k = 0;
            for (int i = out.start(e); i < out.end(e); i++) {
                buffer[k++] = out.neighbour(i);
            }
            for (int i = in.start(e); i < in.end(e); i++) {
                buffer[k++] = in.neighbour(i);
            }
            Arrays.sort(buffer, 0, k);
            for (int i = 0; i < k; i++) {
                if ((i == 0 || buffer[i] != buffer[i - 1]) && buffer[i] != e) {
                    all[size++] = buffer[i];
                }
            }
            offsets[e + 1] = size;
        }
        neighbours = Arrays.copyOf(all, size);
    }

    /** How many distinct neighbours {@code e} has. */
    int count(int e) {
        return offsets[e + 1] - offsets[e];
    }

    /**
     * Writes the common neighbours of {@code a} and {@code b} that are not in {@code exclude} into
     * {@code out} (grown as needed by the caller's array); returns how many.
     */
    int common(int a, int b, int[] out, int excludeA, int excludeB) {
        int i = offsets[a];
        int iEnd = offsets[a + 1];
        int j = offsets[b];
        int jEnd = offsets[b + 1];
        int n = 0;
        while (i < iEnd && j < jEnd && n < out.length) {
            int x = neighbours[i];
            int y = neighbours[j];
            if (x < y) {
                i++;
            } else if (x > y) {
                j++;
            } else {
                if (x != excludeA && x != excludeB) {
                    out[n++] = x;
                }
                i++;
                j++;
            }
        }
        return n;
    }
}
