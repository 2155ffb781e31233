package org.strata.llm.resolve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Entity resolution, cheapest stage first: the normalised name (or uid) of a known entity, then the
 * alias table, then MinHash/LSH over character 3-grams with the exact Jaccard similarity checked
 * (≥ 0.9, only for keys of at least {@link #MIN_FUZZY_LENGTH} characters: short names are never merged
 * on similarity). Entities learned during a run are resolvable for the rest of it, so the same entity
 * in two documents becomes one.
 */
public final class EntityResolver {

    /** Keys shorter than this are only ever matched exactly. */
    public static final int MIN_FUZZY_LENGTH = 8;
    public static final double FUZZY_JACCARD = 0.9;
    private static final int BANDS = 16;
    private static final int ROWS = 4;

    /**
     * How a name was resolved: the normalised key, its variants (words in another order, German-style
     * transliteration folded, a first name cut to its initial; each only where exactly one known entity
     * has it), the alias table, MinHash (3-gram Jaccard ≥ 0.9), or one edit (a letter dropped, added,
     * changed or two swapped) from a unique LSH candidate.
     */
    public enum Stage { KEY, VARIANT, ALIAS, MINHASH, EDIT }

    /** Keys of at least this many characters may be matched one edit away. */
    public static final int MIN_EDIT_LENGTH = 8;

    /** A name resolved to an entity, with the stage that found it. */
    public record Match(String uid, Stage stage) {
    }

    private final Map<String, String> byKey = new HashMap<>();
    private final Map<String, String> byAlias = new HashMap<>();
    private final Map<String, Set<String>> gramsOfKey = new HashMap<>();
    private final Map<Long, List<String>> buckets = new HashMap<>();
    private final Map<String, String> uidOfFuzzyKey = new HashMap<>();
    /** Variant keys (sorted words, folded, initialed) to their uid, or to AMBIGUOUS when several share one. */
    private final Map<String, String> byVariant = new HashMap<>();
    private static final String AMBIGUOUS = "\u0000ambiguous";

    /** Adds a known entity under its uid and name (either may be null) and its aliases. */
    public void add(String uid, String name, List<String> aliases) {
        for (String n : new String[] {uid == null ? null : uid.replace('_', ' '), name}) {
            if (n == null) {
                continue;
            }
            String key = NameKey.of(n);
            if (!key.isEmpty()) {
                byKey.putIfAbsent(key, uid);
                index(key, uid);
                for (String v : variantKeys(key)) {
                    byVariant.merge(v, uid, (a, b) -> a.equals(b) ? a : AMBIGUOUS);
                }
            }
        }
        for (String a : aliases) {
            String key = NameKey.of(a);
            if (!key.isEmpty()) {
                byAlias.putIfAbsent(key, uid);
            }
        }
    }

    /** The entity this name (or one of its aliases) denotes, or null for a new entity. */
    public Match resolve(String name, List<String> aliases) {
        String key = NameKey.of(name);
        if (key.isEmpty()) {
            return null;
        }
        String uid = byKey.get(key);
        if (uid != null) {
            return new Match(uid, Stage.KEY);
        }
        List<String> lookups = new ArrayList<>();
        for (String v : variantKeys(key)) {
            if (!v.startsWith("i:")) {
                lookups.add(v); // a full first name never matches by its initial: "tomato x" is not "tobacco x"
            }
        }
        if (key.length() > 2 && key.charAt(1) == ' ') {
            lookups.add("i:" + key); // the query is itself initialed: "j irons"
        }
        for (String v : lookups) {
            String u = byVariant.get(v);
            if (u != null && !u.equals(AMBIGUOUS)) {
                return new Match(u, Stage.VARIANT);
            }
        }
        uid = byAlias.get(key);
        if (uid != null) {
            return new Match(uid, Stage.ALIAS);
        }
        for (String a : aliases) {
            String ak = NameKey.of(a);
            uid = byKey.getOrDefault(ak, byAlias.get(ak));
            if (uid != null && !ak.isEmpty()) {
                return new Match(uid, Stage.ALIAS);
            }
        }
        if (key.length() >= MIN_FUZZY_LENGTH) {
            Set<String> grams = grams(key);
            String best = null;
            double bestJ = FUZZY_JACCARD;
            Set<String> seen = new HashSet<>();
            for (long b : bands(grams)) {
                for (String other : buckets.getOrDefault(b, List.of())) {
                    if (seen.add(other)) {
                        double j = jaccard(grams, gramsOfKey.get(other));
                        if (j >= bestJ && (best == null || j > bestJ || other.compareTo(best) < 0)) {
                            best = other;
                            bestJ = j;
                        }
                    }
                }
            }
            if (best != null) {
                return new Match(uidOfFuzzyKey.get(best), Stage.MINHASH);
            }
            if (key.length() >= MIN_EDIT_LENGTH) {
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
                    return new Match(only, Stage.EDIT);
                }
            }
        }
        return null;
    }

    /** The variant keys of a key: words sorted, transliteration folded, first word as its initial. */
    private static List<String> variantKeys(String key) {
        List<String> out = new ArrayList<>(3);
        if (key.indexOf(' ') > 0) {
            out.add("s:" + NameKey.sorted(key));
            String initialed = NameKey.initialed(key);
            if (initialed != null && key.indexOf(' ') > 1) {
                out.add("i:" + initialed);
            }
        }
        String folded = NameKey.folded(key);
        out.add("f:" + folded);
        return out;
    }

    /** For tests: {@link #oneEdit}. */
    public static boolean oneEditForTest(String a, String b) {
        return oneEdit(a, b);
    }

    /**
     * Whether two strings are at most one edit apart (insert, delete, substitute, or swap neighbours)
     * and that edit touches no digit: "Game 1" and "Game 2" are different things, not a typo.
     */
    static boolean oneEdit(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (!a.replaceAll("[^0-9]", "").equals(b.replaceAll("[^0-9]", ""))) {
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

    private void index(String key, String uid) {
        if (key.length() < MIN_FUZZY_LENGTH || gramsOfKey.containsKey(key)) {
            return;
        }
        Set<String> grams = grams(key);
        gramsOfKey.put(key, grams);
        uidOfFuzzyKey.put(key, uid);
        for (long b : bands(grams)) {
            buckets.computeIfAbsent(b, k -> new ArrayList<>()).add(key);
        }
    }

    static Set<String> grams(String key) {
        String padded = " " + key + " ";
        Set<String> g = new HashSet<>();
        for (int i = 0; i + 3 <= padded.length(); i++) {
            g.add(padded.substring(i, i + 3));
        }
        return g;
    }

    static double jaccard(Set<String> a, Set<String> b) {
        int inter = 0;
        for (String x : a) {
            if (b.contains(x)) {
                inter++;
            }
        }
        return inter / (double) (a.size() + b.size() - inter);
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
