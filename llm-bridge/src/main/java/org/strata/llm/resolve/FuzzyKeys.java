package org.strata.llm.resolve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fuzzy stages of entity resolution over the known name keys: MinHash with locality-sensitive hashing
 * over character trigrams (16 bands of 4 rows) finds candidates, the exact Jaccard index decides
 * ({@link EntityResolver#FUZZY_JACCARD}); failing that, a unique known key one edit away (no edit on a
 * digit). Keys shorter than {@link EntityResolver#MIN_FUZZY_LENGTH} are matched exactly only.
 * Deterministic; not thread-safe.
 */
final class FuzzyKeys {

    private static final int BANDS = 16;
    private static final int ROWS = 4;

    private final Map<String, Set<String>> gramsOfKey = new HashMap<>();
    private final Map<Long, List<String>> buckets = new HashMap<>();
    private final Map<String, String> uidOfFuzzyKey = new HashMap<>();

    /** The entity a key denotes by the MINHASH or EDIT stage, or null. */
    EntityResolver.Match match(String key) {
        if (key.length() < EntityResolver.MIN_FUZZY_LENGTH) {
            return null;
        }
        Set<String> grams = NameKey.grams(key);
        String best = null;
        double bestJ = EntityResolver.FUZZY_JACCARD;
        Set<String> seen = new HashSet<>();
        for (long b : bands(grams)) {
            for (String other : buckets.getOrDefault(b, List.of())) {
                if (seen.add(other)) {
                    double j = NameKey.jaccard(grams, gramsOfKey.get(other));
                    if (j >= bestJ && (best == null || j > bestJ || other.compareTo(best) < 0)) {
                        best = other;
                        bestJ = j;
                    }
                }
            }
        }
        if (best != null) {
            return new EntityResolver.Match(uidOfFuzzyKey.get(best), EntityResolver.Stage.MINHASH);
        }
        if (key.length() >= EntityResolver.MIN_EDIT_LENGTH) {
            String only = null;
            for (String other : seen) {
                if (Math.abs(other.length() - key.length()) <= 1 && oneEdit(key, other)) {
                    String u = uidOfFuzzyKey.get(other);
                    if (only != null && !only.equals(u)) {
                        return null; // two known names one edit away: leave it to a later stage
                    }
                    only = u;
                }
            }
            if (only != null) {
                return new EntityResolver.Match(only, EntityResolver.Stage.EDIT);
            }
        }
        return null;
    }

    /**
     * Whether two strings are at most one edit apart (insert, delete, substitute, or swap neighbours)
     * and that edit touches no digit: "Game 1" and "Game 2" are different things, not a typo.
     */
    static boolean oneEdit(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (!EntityResolver.digits(a).equals(EntityResolver.digits(b))) {
            return false;
        }
        int n = a.length();
        int m = b.length();
        if (n == m) {
            int first = -1;
            int diffs = 0;
            for (int i = 0; i < n; i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    if (diffs++ == 0) {
                        first = i;
                    }
                }
            }
            if (diffs == 1) {
                return true;
            }
            return diffs == 2 && first + 1 < n && a.charAt(first) == b.charAt(first + 1)
                    && a.charAt(first + 1) == b.charAt(first) && a.substring(first + 2).equals(b.substring(first + 2));
        }
        if (Math.abs(n - m) != 1) {
            return false;
        }
        String s = n < m ? a : b;
        String l = n < m ? b : a;
        int i = 0;
        while (i < s.length() && s.charAt(i) == l.charAt(i)) {
            i++;
        }
        return s.substring(i).equals(l.substring(i + 1));
    }

    /** Indexes a known key (long enough to be matched fuzzily) under its entity. */
    void index(String key, String uid) {
        if (key.length() < EntityResolver.MIN_FUZZY_LENGTH || gramsOfKey.containsKey(key)) {
            return;
        }
        Set<String> grams = NameKey.grams(key);
        gramsOfKey.put(key, grams);
        uidOfFuzzyKey.put(key, uid);
        for (long b : bands(grams)) {
            buckets.computeIfAbsent(b, k -> new ArrayList<>()).add(key);
        }
    }

    /** The LSH band keys of a gram set: BANDS bands of ROWS min-hashes each. */
    private static long[] bands(Set<String> grams) {
        long[] mins = new long[BANDS * ROWS];
        java.util.Arrays.fill(mins, Long.MAX_VALUE);
        for (String g : grams) {
            long h = g.hashCode() * 0x9E3779B97F4A7C15L;
            for (int i = 0; i < mins.length; i++) {
                long x = mix(h + i * 0xBF58476D1CE4E5B9L);
                if (x < mins[i]) {
                    mins[i] = x;
                }
            }
        }
        long[] out = new long[BANDS];
        for (int b = 0; b < BANDS; b++) {
            long k = b;
            for (int r = 0; r < ROWS; r++) {
                k = mix(k * 31 + mins[b * ROWS + r]);
            }
            out[b] = k;
        }
        return out;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
