package org.strata.llm.resolve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.strata.llm.client.NameEncoder;

/**
 * Entity resolution, cheapest stage first: the normalised name (or uid) of a known entity, its variants,
 * then the alias table, then MinHash/LSH over character 3-grams with the exact Jaccard similarity
 * checked (≥ 0.9, only for keys of at least {@link #MIN_FUZZY_LENGTH} characters: short names are never
 * merged on similarity), one edit, then (when a {@link NameEncoder} is given) sentence embeddings with a
 * type check, and last (when an {@link EntityJudge} is given) a judge for the near misses of the
 * embedding stage. Entities learned during a run are resolvable for the rest of it, so the same entity
 * in two documents becomes one. The exact stages are here; the fuzzy ones are {@link FuzzyKeys}, the
 * semantic ones {@link SemanticStage}.
 */
public final class EntityResolver {

    /** Keys shorter than this are only ever matched exactly. */
    public static final int MIN_FUZZY_LENGTH = 8;
    /** The least Jaccard index of two keys' trigrams for the MinHash stage to merge them. */
    public static final double FUZZY_JACCARD = 0.9;

    /**
     * How a name was resolved: the normalised key, its variants (words in another order, German-style
     * transliteration folded, a first name cut to its initial; each only where exactly one known entity
     * has it), the alias table, MinHash (3-gram Jaccard ≥ 0.9), or one edit (a letter dropped, added,
     * changed or two swapped) from a unique LSH candidate.
     */
    public enum Stage { KEY, VARIANT, ALIAS, MINHASH, EDIT, EMBEDDING, JUDGE }

    /** Cosine similarity at or above which the embedding stage merges (with a clear margin, types agreeing). */
    public static final double EMBEDDING_ACCEPT = 0.93;
    /** The best candidate must beat the best other entity by this much. */
    public static final double EMBEDDING_MARGIN = 0.03;
    /** Candidates from this cosine up to the accept bar (or short names) go to the judge, if there is one. */
    public static final double JUDGE_FLOOR = 0.80;

    /** Keys of at least this many characters may be matched one edit away. */
    public static final int MIN_EDIT_LENGTH = 8;

    /** A name resolved to an entity, with the stage that found it. */
    public record Match(String uid, Stage stage) {
    }

    private final Map<String, String> byKey = new HashMap<>();
    private final FuzzyKeys fuzzy = new FuzzyKeys();
    private final Map<String, String> byAlias = new HashMap<>();
    /** Variant keys (sorted words, folded, initialed) to their uid, or to AMBIGUOUS when several share one. */
    private final Map<String, String> byVariant = new HashMap<>();
    private static final String AMBIGUOUS = "\u0000ambiguous";
    private final Map<String, String> typeOf = new HashMap<>();
    private final Map<String, String> descriptionOf = new HashMap<>();
    private final SemanticStage semantic = new SemanticStage(typeOf, descriptionOf);

    /** Turns on the embedding stage. */
    public EntityResolver withEncoder(NameEncoder encoder) {
        semantic.encoder(encoder);
        return this;
    }

    /** Turns on the judge stage for the near misses of the embedding stage (needs an encoder). */
    public EntityResolver withJudge(EntityJudge judge) {
        semantic.judge(judge);
        return this;
    }

    /** Adds a known entity with its declared type (or null) and description (or null), see {@link #add}. */
    public void add(String uid, String name, String type, String description, List<String> aliases) {
        if (type != null && !type.isBlank()) {
            typeOf.putIfAbsent(uid, NameKey.of(type));
        }
        if (description != null && !description.isBlank()) {
            descriptionOf.putIfAbsent(uid, description);
        }
        add(uid, name, aliases);
    }

    /** Adds a known entity under its uid and name (either may be null) and its aliases. */
    public void add(String uid, String name, List<String> aliases) {
        for (String n : new String[] {uid == null ? null : uid.replace('_', ' '), name}) {
            if (n == null) {
                continue;
            }
            String key = NameKey.of(n);
            if (!key.isEmpty()) {
                byKey.putIfAbsent(key, uid);
                fuzzy.index(key, uid);
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
        if (name != null) {
            semantic.add(uid, name);
        } else if (uid != null && READABLE_UID.matcher(uid).matches()) {
            semantic.add(uid, uid.replace('_', ' ')); // "disease_or_syndrome" reads as a name; "/m/0abc" does not
        }
        for (String a : aliases) {
            semantic.add(uid, a);
        }
    }

    private static final java.util.regex.Pattern READABLE_UID = java.util.regex.Pattern.compile(
            "\\p{L}[\\p{L}\\p{N}_ '-]*");

    /** The entity this name (or one of its aliases) denotes, or null for a new entity. */
    public Match resolve(String name, List<String> aliases) {
        return resolve(name, null, null, aliases);
    }

    /**
     * The entity this name (or one of its aliases) denotes, or null for a new entity; the type (or null)
     * is checked by the embedding stage, type and description are shown to the judge.
     */
    public Match resolve(String name, String type, String description, List<String> aliases) {
        Match m = lexical(name, aliases);
        if (m != null || !semantic.on()) {
            return m;
        }
        String key = NameKey.of(name);
        return key.isEmpty() ? null : semantic.match(key, name, type == null || type.isBlank() ? null : NameKey.of(type),
                description);
    }

    private Match lexical(String name, List<String> aliases) {
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
        return fuzzy.match(key);
    }

    /** The digits of a string, in order ("Game 12" gives "12"). */
    static String digits(String s) {
        StringBuilder sb = new StringBuilder(4);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            }
        }
        return sb.toString();
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

    /** For tests: whether two keys are one edit apart, as the EDIT stage decides. */
    public static boolean oneEditForTest(String a, String b) {
        return FuzzyKeys.oneEdit(a, b);
    }
}
