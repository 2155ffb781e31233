package org.strata.rules.partition;

import java.util.HashMap;
import java.util.Map;

/** The adjusted Rand index (Hubert and Arabie 1985) of two clusterings of the same items. */
public final class RandIndex {

    private RandIndex() {
    }

    /**
     * ARI of two labelings of the same items ({@code a[i]}, {@code b[i]} label item i): 1 for identical
     * partitions, about 0 for independent ones. Two partitions that are both all-singletons or both one
     * cluster count as identical (1).
     */
    public static double adjusted(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("labelings of " + a.length + " and " + b.length + " items");
        }
        int n = a.length;
        if (n < 2) {
            return 1;
        }
        Map<Long, Integer> cells = new HashMap<>();
        Map<Integer, Integer> rows = new HashMap<>();
        Map<Integer, Integer> cols = new HashMap<>();
        for (int i = 0; i < n; i++) {
            cells.merge(((long) a[i] << 32) | (b[i] & 0xffffffffL), 1, Integer::sum);
            rows.merge(a[i], 1, Integer::sum);
            cols.merge(b[i], 1, Integer::sum);
        }
        double index = 0;
        for (int c : cells.values()) {
            index += pairs(c);
        }
        double sumA = 0;
        for (int c : rows.values()) {
            sumA += pairs(c);
        }
        double sumB = 0;
        for (int c : cols.values()) {
            sumB += pairs(c);
        }
        double expected = sumA * sumB / pairs(n);
        double max = (sumA + sumB) / 2;
        if (max == expected) {
            return index == expected ? 1 : 0;
        }
        return (index - expected) / (max - expected);
    }

    private static double pairs(long c) {
        return c * (c - 1) / 2.0;
    }
}
