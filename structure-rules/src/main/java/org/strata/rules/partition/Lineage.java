package org.strata.rules.partition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries community identity across runs: a new community continues the old one it overlaps best,
 * when their Jaccard similarity (shared members over all members) is at least the threshold. Matching
 * is one to one, best pairs first; ties go to the lower old index, then the lower new index.
 */
public final class Lineage {

    /** The threshold the design asks for: a community keeps its id when at least half its members stay. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    private Lineage() {
    }

    /**
     * @param oldMembers member keys of each old community
     * @param newMembers member keys of each new community
     * @return for each new community, the index of the old community it continues, or −1
     */
    public static int[] match(List<? extends List<String>> oldMembers, List<? extends List<String>> newMembers,
                              double threshold) {
        Map<String, Integer> oldOf = new HashMap<>();
        for (int o = 0; o < oldMembers.size(); o++) {
            for (String m : oldMembers.get(o)) {
                oldOf.put(m, o);
            }
        }
        record Pair(int fresh, int old, double jaccard) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (int n = 0; n < newMembers.size(); n++) {
            Map<Integer, Integer> shared = new HashMap<>();
            for (String m : newMembers.get(n)) {
                Integer o = oldOf.get(m);
                if (o != null) {
                    shared.merge(o, 1, Integer::sum);
                }
            }
            for (Map.Entry<Integer, Integer> e : shared.entrySet()) {
                int inter = e.getValue();
                double j = inter / (double) (oldMembers.get(e.getKey()).size() + newMembers.get(n).size() - inter);
                if (j >= threshold) {
                    pairs.add(new Pair(n, e.getKey(), j));
                }
            }
        }
        pairs.sort((a, b) -> a.jaccard != b.jaccard ? Double.compare(b.jaccard, a.jaccard)
                : a.old != b.old ? Integer.compare(a.old, b.old) : Integer.compare(a.fresh, b.fresh));
        int[] match = new int[newMembers.size()];
        java.util.Arrays.fill(match, -1);
        boolean[] taken = new boolean[oldMembers.size()];
        for (Pair p : pairs) {
            if (match[p.fresh] < 0 && !taken[p.old]) {
                match[p.fresh] = p.old;
                taken[p.old] = true;
            }
        }
        return match;
    }
}
