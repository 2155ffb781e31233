package org.strata.rules.partition;

import java.util.ArrayList;
import java.util.List;
import nl.cwts.networkanalysis.Clustering;
import nl.cwts.networkanalysis.Network;

/**
 * Builds the granularity hierarchy: Leiden on the entity graph for level 0, then Leiden on the
 * community graph of each level (communities as nodes, the facts between them as edge weights) with a
 * resolution lowered by {@code levelFactor} per level, until a level no longer merges anything, is down
 * to one community, or {@code maxLevels} is reached.
 *
 * @param resolution  modularity resolution at level 0
 * @param levelFactor resolution multiplier from one level to the next (below 1)
 * @param maxLevels   most levels
 * @param iterations  most Leiden iterations per level
 * @param seed        seeds every level
 */
public record Partitioner(double resolution, double levelFactor, int maxLevels, int iterations, long seed) {

    public Partitioner {
        if (!(resolution > 0) || !(levelFactor > 0 && levelFactor <= 1) || maxLevels < 1 || iterations < 1) {
            throw new IllegalArgumentException("invalid partition settings: " + this);
        }
    }

    /**
     * Partitions {@code network}.
     *
     * @param initial level 0's starting clustering (one index per node, e.g. the previous run's
     *                communities with new entities as singletons), or null to start from singletons
     */
    public Hierarchy partition(Network network, int[] initial) {
        return partition(network, initial, false);
    }

    /**
     * Partitions {@code network}; with {@code keepLevel0} the initial clustering is level 0 as it is (for a
     * graph and settings already partitioned: re-running gives the same partition, not a further-moved
     * one), and only the levels above are computed, as deterministically as ever.
     */
    public Hierarchy partition(Network network, int[] initial, boolean keepLevel0) {
        List<int[]> levels = new ArrayList<>();
        int[] level0;
        if (keepLevel0) {
            Clustering c = new Clustering(initial.clone());
            c.removeEmptyClusters();
            c.orderClustersByNNodes();
            level0 = c.getClusters();
        } else {
            level0 = Leiden.cluster(network, resolution, iterations, seed, initial);
        }
        levels.add(level0);
        Network current = network.createReducedNetwork(new Clustering(level0));
        int count = current.getNNodes();
        double gamma = resolution;
        while (levels.size() < maxLevels && count > 1) {
            gamma *= levelFactor;
            int[] next = Leiden.cluster(current, gamma, iterations, seed + levels.size(), null);
            int nextCount = 0;
            for (int c : next) {
                nextCount = Math.max(nextCount, c + 1);
            }
            if (nextCount >= count) {
                break; // nothing merged: the hierarchy ends here
            }
            levels.add(next);
            current = current.createReducedNetwork(new Clustering(next));
            count = nextCount;
        }
        return new Hierarchy(network.getNNodes(), levels);
    }
}
