package org.strata.llm.resolve;

import org.strata.llm.client.NameEncoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Entity resolution, cheapest stage first: the normalised name (or uid) of a known entity, its variants,
 * then the alias table, then MinHash/LSH over character 3-grams with the exact Jaccard similarity
 * checked (≥ 0.9, only for keys of at least {@link #MIN_FUZZY_LENGTH} characters: short names are never
 * merged on similarity), one edit, then (when a {@link NameEncoder} is given) sentence embeddings with a
 * type check, and last (when an {@link EntityJudge} is given) a judge for the near misses of the
 * embedding stage. Entities learned during a run are resolvable for the rest of it, so the same entity
 * in two documents becomes one.
 */
public final class EntityResolver {

    /** Keys shorter than this are only ever matched exactly. */
    public static final int MIN_FUZZY_LENGTH = 8;
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
    private NameEncoder encoder;
    private EntityJudge judge;
    /** The semantic index: names (and aliases) with their uid, and their unit vectors once encoded. */
    private final List<String> semanticNames = new ArrayList<>();
    private final List<String> semanticUids = new ArrayList<>();
    /** The digits of each semantic name, kept so the scan compares strings, not regexes. */
    private final List<String> semanticDigits = new ArrayList<>();
    private final java.util.Set<String> semanticSeen = new HashSet<>();
    private float[] vectors = new float[0];
    private int dim;
    private int encoded;

    /** Turns on the embedding stage. */
    public EntityResolver withEncoder(NameEncoder encoder) {
        this.encoder = encoder;
        return this;
    }

    /** Turns on the judge stage for the near misses of the embedding stage (needs an encoder). */
    public EntityResolver withJudge(EntityJudge judge) {
        this.judge = judge;
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
            semantic(uid, name);
        } else if (uid != null && READABLE_UID.matcher(uid).matches()) {
            semantic(uid, uid.replace('_', ' ')); // "disease_or_syndrome" reads as a name; "/m/0abc" does not
        }
        for (String a : aliases) {
            semantic(uid, a);
        }
    }

    private static final java.util.regex.Pattern READABLE_UID = java.util.regex.Pattern.compile(
            "\\p{L}[\\p{L}\\p{N}_ '-]*");

    private void semantic(String uid, String name) {
        String key = NameKey.of(name);
        if (!key.isEmpty() && semanticSeen.add(uid + "\u0000" + key)) {
            semanticNames.add(key);
            semanticUids.add(uid);
            semanticDigits.add(digits(key));
        }
    }

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
        if (m != null || encoder == null) {
            return m;
        }
        String key = NameKey.of(name);
        return key.isEmpty() ? null : semanticMatch(key, name, type == null || type.isBlank() ? null : NameKey.of(type),
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

    /**
     * The embedding stage: the known name closest in cosine, among entities whose type agrees (or is not
     * known on either side) and whose digits are the same; merged when the cosine clears
     * {@link #EMBEDDING_ACCEPT} with a margin of {@link #EMBEDDING_MARGIN} over any other entity and both
     * names are long enough; otherwise, from {@link #JUDGE_FLOOR} up, handed to the judge if there is one.
     */
    private Match semanticMatch(String key, String name, String type, String description) {
        encodePending();
        if (encoded == 0) {
            return null;
        }
        float[] q = encoder.encode(List.of(key))[0];
        String digits = digits(key);
        int best = -1;
        double bestCos = -2;
        double otherCos = -2;
        for (int i = 0; i < encoded; i++) {
            String uid = semanticUids.get(i);
            String t = typeOf.get(uid);
            if (type != null && t != null && !t.equals(type)) {
                continue;
            }
            if (!semanticDigits.get(i).equals(digits)) {
                continue;
            }
            double c = dot(q, i * dim);
            if (c > bestCos) {
                if (best >= 0 && !semanticUids.get(best).equals(uid)) {
                    otherCos = bestCos;
                }
                best = i;
                bestCos = c;
            } else if (c > otherCos && !semanticUids.get(best).equals(uid)) {
                otherCos = c;
            }
        }
        if (best < 0) {
            return null;
        }
        String uid = semanticUids.get(best);
        boolean longEnough = key.length() >= MIN_FUZZY_LENGTH && semanticNames.get(best).length() >= MIN_FUZZY_LENGTH;
        if (longEnough && bestCos >= EMBEDDING_ACCEPT && bestCos - otherCos >= EMBEDDING_MARGIN
                && wordsCorrespond(key, semanticNames.get(best)) && wordsCorrespond(semanticNames.get(best), key)) {
            return new Match(uid, Stage.EMBEDDING);
        }
        if (judge != null && bestCos >= JUDGE_FLOOR && judge.same(new EntityJudge.Mention(name, type, description),
                new EntityJudge.Mention(semanticNames.get(best), typeOf.get(uid), descriptionOf.get(uid)))) {
            return new Match(uid, Stage.JUDGE);
        }
        return null;
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

    private static final Set<String> FUNCTION_WORDS = Set.of("the", "of", "a", "an", "and", "for", "in", "on", "at",
            "to", "de", "la", "le", "du", "der", "die", "das", "von", "van");

    /**
     * Whether every content word of {@code a} has a counterpart in {@code b}: the same word, its initial,
     * or a word one edit away (both of at least 4 letters). Embeddings barely see word order or one
     * changed word, so "University of Georgia" and "Georgia State University", or two Grammy categories
     * that differ in "Pop" and "Rock", come out close; this check keeps them apart.
     */
    static boolean wordsCorrespond(String a, String b) {
        String[] bw = b.split(" ");
        outer:
        for (String w : a.split(" ")) {
            if (FUNCTION_WORDS.contains(w)) {
                continue;
            }
            for (String x : bw) {
                if (x.equals(w) || (w.length() == 1 && x.charAt(0) == w.charAt(0))
                        || (x.length() == 1 && w.charAt(0) == x.charAt(0))
                        || (w.length() >= 4 && x.length() >= 4 && FuzzyKeys.oneEdit(w, x))) {
                    continue outer;
                }
            }
            return false;
        }
        return true;
    }

    /** Encodes the names added since the last call, in one batch. */
    private void encodePending() {
        int n = semanticNames.size();
        if (encoded == n) {
            return;
        }
        float[][] fresh = encoder.encode(semanticNames.subList(encoded, n));
        if (dim == 0) {
            dim = fresh[0].length;
        }
        if (vectors.length < n * dim) {
            vectors = java.util.Arrays.copyOf(vectors, Math.max(n * dim, vectors.length * 3 / 2));
        }
        for (int i = 0; i < fresh.length; i++) {
            System.arraycopy(fresh[i], 0, vectors, (encoded + i) * dim, dim);
        }
        encoded = n;
    }

    private double dot(float[] q, int offset) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < dim; i += 4) {
            s0 += q[i] * vectors[offset + i];
            s1 += q[i + 1] * vectors[offset + i + 1];
            s2 += q[i + 2] * vectors[offset + i + 2];
            s3 += q[i + 3] * vectors[offset + i + 3];
        }
        for (; i < dim; i++) {
            s0 += q[i] * vectors[offset + i];
        }
        return s0 + s1 + s2 + s3;
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
