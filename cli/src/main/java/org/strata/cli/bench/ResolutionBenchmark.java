package org.strata.cli.bench;

import org.strata.llm.resolve.EntityResolver;
import org.strata.llm.client.NameEncoder;
import org.strata.llm.resolve.NameKey;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A resolution benchmark built from a list of entity names: 90 % of the entities are known (indexed),
 * each gets realistic variants of its name to resolve (case, punctuation, word order, abbreviation,
 * typo, article, transliteration); the other 10 % are unknown, and those whose names look like a known
 * one (3-gram Jaccard ≥ 0.5) are hard negatives that must not be merged. Entities whose normalised name
 * is shared with another known entity are left out of the positives and counted: no name-only stage can
 * tell them apart.
 *
 * <p>Precision = correct merges / merges; recall = correct merges / positive queries; both per stage
 * and per variant kind.
 */
final class ResolutionBenchmark {

    /**
     * One query: the text, the entity it denotes (null for a hard negative), how it was made, and the
     * type it comes with.
     */
    record Query(String text, String truth, String kind, String type) {
    }

    /** Counts of one group of queries. */
    public static final class Tally {
        public long queries;
        public long merges;
        public long correct;

        public double precision() {
            return merges == 0 ? Double.NaN : correct / (double) merges;
        }

        public double recall(long positives) {
            return positives == 0 ? Double.NaN : correct / (double) positives;
        }
    }

    /**
     * The results.
     *
     * @param byStage      merges per resolution stage, with how many were right
     * @param byKind       queries, merges and correct merges per variant kind (and "hard negative")
     * @param positives    positive queries
     * @param ambiguous    known entities left out because their normalised name is shared
     * @param known        entities indexed
     * @param judgeCalls   near misses of the embedding stage that a judge would be asked about (none is merged
     *                     here: the benchmark's judge only records), with {@code judgeRight} of them offering
     *                     the right entity (for a hard negative, none is right): the most a perfect judge adds
     */
    public record Result(Map<String, Tally> byStage, Map<String, Tally> byKind, long positives, long ambiguous,
                         long known, long judgeCalls, long judgeRight) {

        public Tally total() {
            Tally t = new Tally();
            for (Tally s : byStage.values()) {
                t.merges += s.merges;
                t.correct += s.correct;
            }
            t.queries = byKind.values().stream().mapToLong(k -> k.queries).sum();
            return t;
        }
    }

    private ResolutionBenchmark() {
    }

    /** Runs the benchmark on {@code names} (uid → name) with the lexical stages only. */
    public static Result run(Map<String, String> names, long seed) {
        return run(names, Map.of(), seed, null);
    }

    /**
     * Runs the benchmark on {@code names} (uid → name); {@code types} (uid → type, may be empty) are
     * declared on known entities and given with every query (the true entity's type for a positive, the
     * entity's own for a hard negative), as an extractor would; with an encoder the embedding stage runs.
     */
    public static Result run(Map<String, String> names, Map<String, String> types, long seed, NameEncoder encoder) {
        Random random = new Random(seed);
        List<String> uids = new ArrayList<>(names.keySet());
        uids.sort(null);
        java.util.Collections.shuffle(uids, random);
        int cut = (int) (uids.size() * 0.9);
        List<String> known = uids.subList(0, cut);
        List<String> unknown = uids.subList(cut, uids.size());
        EntityResolver resolver = new EntityResolver();
        String[] truthKey = new String[1];
        long[] judged = new long[2];
        if (encoder != null) {
            resolver.withEncoder(encoder).withJudge((mention, candidate) -> {
                judged[0]++;
                if (truthKey[0] != null && truthKey[0].equals(NameKey.of(candidate.name()))) {
                    judged[1]++;
                }
                return false;
            });
        }
        Map<String, Integer> keyCount = new HashMap<>();
        for (String u : known) {
            resolver.add(u, names.get(u), types.get(u), null, List.of());
            keyCount.merge(NameKey.of(names.get(u)), 1, Integer::sum);
        }
        List<Query> queries = new ArrayList<>();
        long ambiguous = 0;
        for (String u : known) {
            String name = names.get(u);
            if (keyCount.get(NameKey.of(name)) > 1) {
                ambiguous++;
                continue;
            }
            for (Map.Entry<String, String> v : variants(name, random).entrySet()) {
                queries.add(new Query(v.getValue(), u, v.getKey(), types.get(u)));
            }
        }
        // hard negatives: unknown entities whose names resemble a known name
        Map<String, List<String>> byToken = new HashMap<>();
        for (String u : known) {
            for (String t : NameKey.of(names.get(u)).split(" ")) {
                if (t.length() >= 3) {
                    byToken.computeIfAbsent(t, k -> new ArrayList<>()).add(NameKey.of(names.get(u)));
                }
            }
        }
        for (String u : unknown) {
            String key = NameKey.of(names.get(u));
            if (key.isEmpty() || keyCount.containsKey(key)) {
                continue; // the same name as a known entity: ambiguous, not a fair negative
            }
            Set<String> grams = NameKey.grams(key);
            double best = 0;
            for (String t : key.split(" ")) {
                for (String other : byToken.getOrDefault(t, List.of())) {
                    best = Math.max(best, NameKey.jaccard(grams, NameKey.grams(other)));
                }
            }
            if (best >= 0.5) {
                queries.add(new Query(names.get(u), null, "hard negative", types.get(u)));
            }
        }
        Map<String, Tally> byStage = new LinkedHashMap<>();
        for (EntityResolver.Stage s : EntityResolver.Stage.values()) {
            byStage.put(s.name(), new Tally());
        }
        Map<String, Tally> byKind = new LinkedHashMap<>();
        long positives = 0;
        for (Query q : queries) {
            truthKey[0] = q.truth() == null ? null : NameKey.of(names.get(q.truth()));
            Tally k = byKind.computeIfAbsent(q.kind(), x -> new Tally());
            k.queries++;
            if (q.truth() != null) {
                positives++;
            }
            EntityResolver.Match m = resolver.resolve(q.text(), q.type(), null, List.of());
            if (m == null) {
                continue;
            }
            boolean right = m.uid().equals(q.truth());
            k.merges++;
            Tally s = byStage.get(m.stage().name());
            s.merges++;
            if (right) {
                k.correct++;
                s.correct++;
            }
        }
        return new Result(byStage, byKind, positives, ambiguous, known.size(), judged[0], judged[1]);
    }

    /** Realistic variants of a name, by kind; kinds that do not apply to a name are left out. */
    static Map<String, String> variants(String name, Random random) {
        Map<String, String> v = new LinkedHashMap<>();
        String clean = name.replace('_', ' ').strip();
        v.put("case", random.nextBoolean() ? clean.toUpperCase(Locale.ROOT) : clean.toLowerCase(Locale.ROOT));
        v.put("punctuation", clean.replace(' ', random.nextBoolean() ? '-' : '_') + (random.nextBoolean() ? "." : ""));
        String[] words = clean.split("\\s+");
        if (words.length == 2) {
            v.put("word order", words[1] + ", " + words[0]);
        }
        if (words.length >= 2 && words[0].length() > 2 && Character.isLetter(words[0].charAt(0))) {
            v.put("abbreviation", words[0].charAt(0) + ". " + String.join(" ", java.util.Arrays.copyOfRange(words, 1,
                    words.length)));
        }
        String typo = typo(clean, random);
        if (typo != null) {
            v.put("typo", typo);
        }
        v.put("article", "The " + clean);
        String ascii = Normalizer.normalize(clean, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        if (!ascii.equals(clean)) {
            v.put("transliteration", ascii);
        } else if (clean.matches(".*[aou]e.*")) {
            v.put("transliteration", clean.replaceFirst("ae", "ä").replaceFirst("oe", "ö").replaceFirst("ue", "ü"));
        }
        return v;
    }

    /** One letter swapped with its neighbour, dropped or doubled in the longest word (≥ 5 letters). */
    private static String typo(String s, Random random) {
        String[] words = s.split(" ");
        int w = 0;
        for (int i = 1; i < words.length; i++) {
            if (words[i].length() > words[w].length()) {
                w = i;
            }
        }
        String word = words[w];
        if (word.length() < 5) {
            return null;
        }
        int p = 1 + random.nextInt(word.length() - 2);
        String changed = switch (random.nextInt(3)) {
            case 0 -> word.substring(0, p) + word.charAt(p + 1) + word.charAt(p) + word.substring(p + 2);
            case 1 -> word.substring(0, p) + word.substring(p + 1);
            default -> word.substring(0, p) + word.charAt(p) + word.substring(p);
        };
        words[w] = changed;
        return String.join(" ", words);
    }

    /**
     * A coarse type per entity from its facts, for the type check: the relation (its first path segment
     * for Freebase-style {@code /domain/type/property} names) and side it occurs on most often, ties to
     * the smaller label. A stand-in for the type an extractor declares; it never separates a query from
     * its own entity, only unrelated look-alikes.
     */
    public static Map<String, String> coarseTypes(List<String[]> triples) {
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        for (String[] t : triples) {
            String r = t[1].startsWith("/") && t[1].indexOf('/', 1) > 0 ? t[1].substring(0, t[1].indexOf('/', 1)) : t[1];
            counts.computeIfAbsent(t[0], k -> new HashMap<>()).merge(r + " (head)", 1, Integer::sum);
            counts.computeIfAbsent(t[2], k -> new HashMap<>()).merge(r + " (tail)", 1, Integer::sum);
        }
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, Map<String, Integer>> e : counts.entrySet()) {
            String best = null;
            int n = -1;
            for (Map.Entry<String, Integer> c : e.getValue().entrySet()) {
                if (c.getValue() > n || (c.getValue() == n && c.getKey().compareTo(best) < 0)) {
                    best = c.getKey();
                    n = c.getValue();
                }
            }
            out.put(e.getKey(), best);
        }
        return out;
    }

    /** Names from an {@code id<TAB>name} file's lines; a WordNet "lemma, gloss" keeps the lemma. */
    public static Map<String, String> names(List<String> lines, boolean lemmaBeforeComma) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (String l : lines) {
            int tab = l.indexOf('\t');
            if (tab <= 0 || !seen.add(l.substring(0, tab))) {
                continue;
            }
            String name = l.substring(tab + 1);
            if (lemmaBeforeComma && name.contains(",")) {
                name = name.substring(0, name.indexOf(','));
            }
            name = name.replace('_', ' ').strip();
            if (!name.isEmpty()) {
                out.put(l.substring(0, tab), name);
            }
        }
        return out;
    }
}
