package org.strata.llm.resolve;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.strata.llm.client.NameEncoder;

/**
 * The semantic stages of entity resolution: the known names as unit vectors from a {@link NameEncoder}
 * (encoded lazily, in batches), the closest one in cosine under the type, digit and word checks, and an
 * optional {@link EntityJudge} for the near misses. Off until an encoder is set. Not thread-safe.
 */
final class SemanticStage {

    private final Map<String, String> typeOf;
    private final Map<String, String> descriptionOf;
    private NameEncoder encoder;
    private EntityJudge judge;
    /** The semantic index: names (and aliases) with their uid, and their unit vectors once encoded. */
    private final List<String> semanticNames = new ArrayList<>();
    private final List<String> semanticUids = new ArrayList<>();
    /** The digits of each semantic name, kept so the scan compares strings, not regexes. */
    private final List<String> semanticDigits = new ArrayList<>();
    private final Set<String> semanticSeen = new HashSet<>();
    private float[] vectors = new float[0];
    private int dim;
    private int encoded;

    /** A stage that reads the resolver's declared types and descriptions (shown to the judge). */
    SemanticStage(Map<String, String> typeOf, Map<String, String> descriptionOf) {
        this.typeOf = typeOf;
        this.descriptionOf = descriptionOf;
    }

    void encoder(NameEncoder encoder) {
        this.encoder = encoder;
    }

    void judge(EntityJudge judge) {
        this.judge = judge;
    }

    /** Whether the stage runs: an encoder is set. */
    boolean on() {
        return encoder != null;
    }

    /** Adds a known name of an entity (encoded lazily, in one batch, at the next match). */
    void add(String uid, String name) {
        String key = NameKey.of(name);
        if (!key.isEmpty() && semanticSeen.add(uid + "\u0000" + key)) {
            semanticNames.add(key);
            semanticUids.add(uid);
            semanticDigits.add(EntityResolver.digits(key));
        }
    }

    /**
     * The embedding stage: the known name closest in cosine, among entities whose type agrees (or is not
     * known on either side) and whose digits are the same; merged when the cosine clears
     * {@link EntityResolver#EMBEDDING_ACCEPT} with a margin of {@link EntityResolver#EMBEDDING_MARGIN} over any other entity and both
     * names are long enough; otherwise, from {@link EntityResolver#JUDGE_FLOOR} up, handed to the judge if there is one.
     */
    EntityResolver.Match match(String key, String name, String type, String description) {
        encodePending();
        if (encoded == 0) {
            return null;
        }
        float[] q = encoder.encode(List.of(key))[0];
        String digits = EntityResolver.digits(key);
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
        boolean longEnough = key.length() >= EntityResolver.MIN_FUZZY_LENGTH
                && semanticNames.get(best).length() >= EntityResolver.MIN_FUZZY_LENGTH;
        if (longEnough && bestCos >= EntityResolver.EMBEDDING_ACCEPT
                && bestCos - otherCos >= EntityResolver.EMBEDDING_MARGIN
                && wordsCorrespond(key, semanticNames.get(best)) && wordsCorrespond(semanticNames.get(best), key)) {
            return new EntityResolver.Match(uid, EntityResolver.Stage.EMBEDDING);
        }
        if (judge != null && bestCos >= EntityResolver.JUDGE_FLOOR && judge.same(new EntityJudge.Mention(name, type, description),
                new EntityJudge.Mention(semanticNames.get(best), typeOf.get(uid), descriptionOf.get(uid)))) {
            return new EntityResolver.Match(uid, EntityResolver.Stage.JUDGE);
        }
        return null;
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
}
