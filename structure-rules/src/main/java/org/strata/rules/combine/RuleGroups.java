package org.strata.rules.combine;

import java.util.Arrays;
import java.util.List;

/**
 * Which group unit each rule feeds: rules whose predictions overlap share one, so that a combination counts
 * redundant rules once (SAFRAN's non-redundancy). Two rules of a relation are linked when the Jaccard index
 * of their predictions, over sampled queries, reaches the relation's threshold; a group is a connected set
 * of linked rules.
 *
 * @param rules   how many rules
 * @param groupOf for each rule, its group (groups are numbered from 0 without gaps)
 */
public record RuleGroups(int rules, int[] groupOf) {

    /** How many groups. */
    public int count() {
        int n = 0;
        for (int g : groupOf) {
            n = Math.max(n, g + 1);
        }
        return n;
    }

    /** Every rule alone. */
    public static RuleGroups singletons(int rules) {
        int[] g = new int[rules];
        for (int i = 0; i < rules; i++) {
            g[i] = i;
        }
        return new RuleGroups(rules, g);
    }

    /**
     * Counts, over {@code queries}, how many (query, candidate) pairs each rule predicts and how many each
     * pair of rules predicts together: exact Jaccard indices, for groupings at any threshold. A rule counts
     * where it is among the rules the queries keep per candidate (the most confident few), which is also
     * where the network reads it.
     */
    public static Overlaps overlaps(List<Query> queries, int rules) {
        int[] alone = new int[rules];
        PairCounts together = new PairCounts();
        for (Query q : queries) {
            for (int[] rs : q.rules()) {
                for (int i = 0; i < rs.length; i++) {
                    alone[rs[i]]++;
                    for (int j = i + 1; j < rs.length; j++) {
                        together.add(rs[i], rs[j]);
                    }
                }
            }
        }
        return new Overlaps(alone, together);
    }

    /** Prediction counts of rules and rule pairs. */
    public static final class Overlaps {
        private final int[] alone;
        private final PairCounts together;

        private Overlaps(int[] alone, PairCounts together) {
            this.alone = alone;
            this.together = together;
        }

        /** The Jaccard index of the predictions of rules {@code a} and {@code b} (0 when neither predicts). */
        public double jaccard(int a, int b) {
            int both = together.get(a, b);
            int union = alone[a] + alone[b] - both;
            return union == 0 ? 0 : (double) both / union;
        }

        /**
         * Groups the rules: those linked by a Jaccard index of at least the threshold of their head relation
         * ({@code threshold[headOf[rule]]}) share a group; a threshold above 1 keeps every rule alone.
         */
        public RuleGroups group(int[] headOf, double[] threshold) {
            int n = alone.length;
            int[] parent = new int[n];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
            }
            together.forEach((a, b, both) -> {
                int union = alone[a] + alone[b] - both;
                if (union > 0 && (double) both / union >= threshold[headOf[a]]) {
                    int ra = find(parent, a);
                    int rb = find(parent, b);
                    if (ra != rb) {
                        parent[Math.max(ra, rb)] = Math.min(ra, rb);
                    }
                }
            });
            int[] id = new int[n];
            Arrays.fill(id, -1);
            int[] groupOf = new int[n];
            int next = 0;
            for (int i = 0; i < n; i++) {
                int root = find(parent, i);
                if (id[root] < 0) {
                    id[root] = next++;
                }
                groupOf[i] = id[root];
            }
            return new RuleGroups(n, groupOf);
        }

        private static int find(int[] parent, int i) {
            while (parent[i] != i) {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }
    }

    /** Counts of unordered pairs of ints, in an open-addressing table. */
    static final class PairCounts {
        interface Visitor {
            void visit(int a, int b, int count);
        }

        private long[] keys = new long[1 << 12];
        private int[] counts = new int[1 << 12];
        private int size;

        private static long key(int a, int b) {
            int lo = Math.min(a, b);
            int hi = Math.max(a, b);
            return ((long) lo << 32) | (hi & 0xffffffffL);
        }

        private int slot(long key) {
            int mask = keys.length - 1;
            long x = key * 0x9E3779B97F4A7C15L;
            int h = (int) (x ^ (x >>> 32)) & mask; // both halves: a table past 2^24 slots still spreads
            while (counts[h] != 0 && keys[h] != key) {
                h = (h + 1) & mask;
            }
            return h;
        }

        void add(int a, int b) {
            long k = key(a, b);
            int h = slot(k);
            if (counts[h] == 0) {
                keys[h] = k;
                if (++size * 2 > keys.length) {
                    counts[h] = 1;
                    grow();
                    return;
                }
            }
            counts[h]++;
        }

        int get(int a, int b) {
            long k = key(a, b);
            return counts[slot(k)];
        }

        void forEach(Visitor v) {
            for (int i = 0; i < keys.length; i++) {
                if (counts[i] != 0) {
                    v.visit((int) (keys[i] >>> 32), (int) keys[i], counts[i]);
                }
            }
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldCounts = counts;
            keys = new long[oldKeys.length * 2];
            counts = new int[oldCounts.length * 2];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldCounts[i] != 0) {
                    int h = slot(oldKeys[i]);
                    keys[h] = oldKeys[i];
                    counts[h] = oldCounts[i];
                }
            }
        }
    }
}
