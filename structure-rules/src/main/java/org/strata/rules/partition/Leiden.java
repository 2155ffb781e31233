package org.strata.rules.partition;

import java.util.Random;
import nl.cwts.networkanalysis.Clustering;
import nl.cwts.networkanalysis.LeidenAlgorithm;
import nl.cwts.networkanalysis.Network;

/**
 * Leiden clustering by modularity, through the algorithm authors' implementation
 * ({@code nl.cwts:networkanalysis}). Modularity with resolution γ is CPM on a network whose node weights
 * are the nodes' total edge weights, with resolution γ / (2m), as the authors' own runner does.
 */
final class Leiden {

    private Leiden() {
    }

    /**
     * Clusters {@code network}; the same network, settings and initial clustering give the same result.
     *
     * @param resolution modularity resolution γ (1: standard modularity; lower: fewer, larger communities)
     * @param iterations most Leiden iterations; stops earlier when one iteration improves nothing
     * @param seed       seeds the algorithm's randomness
     * @param initial    the clustering to start from (one cluster index per node), or null for singletons
     * @return the cluster of each node, clusters numbered 0.. by decreasing size
     */
    public static int[] cluster(Network network, double resolution, int iterations, long seed, int[] initial) {
        int n = network.getNNodes();
        if (n == 0) {
            return new int[0];
        }
        double twoM = 2 * network.getTotalEdgeWeight() + network.getTotalEdgeWeightSelfLinks();
        Clustering clustering;
        if (initial != null) {
            if (initial.length != n) {
                throw new IllegalArgumentException("an initial clustering of " + initial.length + " nodes for a network of "
                        + n);
            }
            clustering = new Clustering(initial.clone());
            clustering.removeEmptyClusters();
        } else {
            clustering = new Clustering(n);
        }
        if (twoM > 0) {
            LeidenAlgorithm leiden = new LeidenAlgorithm(resolution / twoM, 1, LeidenAlgorithm.DEFAULT_RANDOMNESS,
                    new Random(seed));
            for (int i = 0; i < iterations; i++) {
                if (!leiden.improveClustering(network, clustering)) {
                    break;
                }
            }
        }
        clustering.orderClustersByNNodes();
        return clustering.getClusters();
    }
}
