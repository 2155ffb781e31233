package org.strata.llm.resolve;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The normalised key of a name: accents removed, lower case, punctuation as spaces, a leading article
 * dropped, whitespace collapsed. "The  Influenza-Virus" and "influenza virus" share the key
 * {@code influenza virus}; {@link #uid} turns a key into an entity uid ({@code influenza_virus}).
 */
public final class NameKey {

    private NameKey() {
    }

    public static String of(String name) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        s = s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        s = s.replaceAll("\\s+", " ");
        while (s.matches("^(the|a|an) .+")) {
            s = s.substring(s.indexOf(' ') + 1);
        }
        return s;
    }

    /** An entity uid made from a key: spaces as underscores. */
    public static String uid(String key) {
        return key.replace(' ', '_');
    }

    /** The key with its words sorted: "irons jeremy" and "jeremy irons" share it. */
    public static String sorted(String key) {
        String[] w = key.split(" ");
        java.util.Arrays.sort(w);
        return String.join(" ", w);
    }

    /** The key with its first word cut to its initial, for names of two or more words ("j irons"). */
    public static String initialed(String key) {
        int space = key.indexOf(' ');
        return space <= 0 ? null : key.charAt(0) + key.substring(space);
    }

    /**
     * The key with German-style transliterations folded ("ae", "oe", "ue" to "a", "o", "u"), so that
     * "Müller", "Mueller" and "Muller" meet.
     */
    public static String folded(String key) {
        return key.replace("ae", "a").replace("oe", "o").replace("ue", "u");
    }

    /** The character trigrams of a key, padded with a space at each end. */
    public static java.util.Set<String> grams(String key) {
        String padded = " " + key + " ";
        java.util.Set<String> g = new java.util.HashSet<>();
        for (int i = 0; i + 3 <= padded.length(); i++) {
            g.add(padded.substring(i, i + 3));
        }
        return g;
    }

    /** The Jaccard index of two gram sets. */
    public static double jaccard(java.util.Set<String> a, java.util.Set<String> b) {
        int inter = 0;
        for (String x : a) {
            if (b.contains(x)) {
                inter++;
            }
        }
        return inter / (double) (a.size() + b.size() - inter);
    }
}
