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
        s = s.replaceFirst("^(the|a|an) ", "");
        return s.replaceAll("\\s+", " ");
    }

    /** An entity uid made from a key: spaces as underscores. */
    public static String uid(String key) {
        return key.replace(' ', '_');
    }
}
