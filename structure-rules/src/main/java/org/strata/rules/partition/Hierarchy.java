package org.strata.rules.partition;

import java.util.ArrayList;
import java.util.List;

/**
 * A granularity hierarchy: level 0 groups entities into communities, level l + 1 groups the communities
 * of level l. Each level is an array from the units of the level below (entities for level 0) to
 * community indices 0..count−1 at that level.
 */
public final class Hierarchy {

    private final int entities;
    private final List<int[]> parents;
    private final int[] counts;

    /** A hierarchy over {@code entities} entities from its levels, lowest first. */
    public Hierarchy(int entities, List<int[]> parents) {
        this.entities = entities;
        this.parents = List.copyOf(parents);
        this.counts = new int[parents.size()];
        int below = entities;
        for (int l = 0; l < parents.size(); l++) {
            int[] p = parents.get(l);
            if (p.length != below) {
                throw new IllegalArgumentException("level " + l + " maps " + p.length + " units, the level below has "
                        + below);
            }
            int max = -1;
            for (int c : p) {
                max = Math.max(max, c);
            }
            counts[l] = max + 1;
            below = counts[l];
        }
    }

    /** Levels in the hierarchy. */
    public int levels() {
        return parents.size();
    }

    public int entities() {
        return entities;
    }

    /** Communities at {@code level}. */
    public int communities(int level) {
        return counts[level];
    }

    /** The parent of each unit of the level below {@code level} (entities for level 0). */
    public int[] parents(int level) {
        return parents.get(level).clone();
    }

    /** The community of every entity at {@code level}. */
    public int[] entityCommunities(int level) {
        int[] c = parents.get(0).clone();
        for (int l = 1; l <= level; l++) {
            int[] p = parents.get(l);
            for (int i = 0; i < c.length; i++) {
                c[i] = p[c[i]];
            }
        }
        return c;
    }

    /** The entities of every community at {@code level}, in increasing id order. */
    public List<int[]> members(int level) {
        int[] c = entityCommunities(level);
        int[] sizes = new int[counts[level]];
        for (int x : c) {
            sizes[x]++;
        }
        List<int[]> out = new ArrayList<>(sizes.length);
        for (int s : sizes) {
            out.add(new int[s]);
        }
        int[] fill = new int[sizes.length];
        for (int e = 0; e < c.length; e++) {
            out.get(c[e])[fill[c[e]]++] = e;
        }
        return out;
    }
}
