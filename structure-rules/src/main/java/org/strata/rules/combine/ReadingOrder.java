package org.strata.rules.combine;

import org.strata.rules.apply.RuleEngine;

/**
 * The order in which a network reads a candidate's rules: the heaviest starting weight first, then the
 * more confident rule, then the earlier one. Every rule's place in that order is computed once (a merge
 * sort of all rules), so ordering one candidate's rules compares integers instead of reading two
 * weights and two confidences per comparison (that took about an eighth of a FB15k-237 evaluation), and only
 * the first few that a network reads are kept in order.
 *
 * <p>Immutable and thread-safe.
 */
final class ReadingOrder {

    /** Per rule: its place in the order. */
    private final int[] place;
    /** Per place: the rule. */
    private final int[] ruleAt;

    private ReadingOrder(int[] place, int[] ruleAt) {
        this.place = place;
        this.ruleAt = ruleAt;
    }

    /** The order of {@code engine}'s rules under starting weights {@code start} (one per rule). */
    static ReadingOrder of(RuleEngine engine, double[] start) {
        int n = start.length;
        int[] rules = new int[n];
        for (int i = 0; i < n; i++) {
            rules[i] = i;
        }
        mergeSort(rules, new int[n], 0, n, engine, start);
        int[] place = new int[n];
        for (int p = 0; p < n; p++) {
            place[rules[p]] = p;
        }
        return new ReadingOrder(place, rules);
    }

    /** Whether rule {@code a} is read before rule {@code b}. */
    static boolean before(int a, int b, RuleEngine engine, double[] start) {
        double wa = start[a];
        double wb = start[b];
        if (wa != wb) {
            return wa > wb;
        }
        double ca = engine.confidence(a);
        double cb = engine.confidence(b);
        return ca != cb ? ca > cb : a < b;
    }

    /**
     * The first {@code max} of {@code rules} in reading order (all of them when there are no more), as a
     * new array: a candidate's rules past what the network reads are passed over, not sorted.
     */
    int[] first(int[] rules, int max) {
        int n = rules.length;
        int[] places = new int[Math.max(0, Math.min(n, max))];
        if (places.length == 0) {
            return places;
        }
        int kept = 0;
        for (int i = 0; i < n; i++) {
            int p = place[rules[i]];
            if (kept == places.length) {
                if (p > places[kept - 1]) {
                    continue; // after every rule kept so far
                }
                kept--; // the last one kept makes room
            }
            int j = kept - 1;
            while (j >= 0 && places[j] > p) {
                places[j + 1] = places[j];
                j--;
            }
            places[j + 1] = p;
            kept++;
        }
        for (int i = 0; i < kept; i++) {
            places[i] = ruleAt[places[i]];
        }
        return places;
    }

    private static void mergeSort(int[] a, int[] tmp, int from, int to, RuleEngine engine, double[] start) {
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int r = a[i];
                int j = i - 1;
                while (j >= from && before(r, a[j], engine, start)) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = r;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, engine, start);
        mergeSort(a, tmp, mid, to, engine, start);
        if (!before(a[mid], a[mid - 1], engine, start)) {
            return; // already in order
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || i < mid && !before(tmp[j], tmp[i], engine, start)) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }
}
