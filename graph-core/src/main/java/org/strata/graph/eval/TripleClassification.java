package org.strata.graph.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.strata.graph.io.TripleFormat;
import org.strata.graph.io.TripleReader;
import org.strata.graph.projection.Dataset;

/**
 * Triple classification, as Socher et al. (2013) and CoDEx (Safavi and Koutra, EMNLP 2020) measure it: a
 * scorer gives every labelled triple a plausibility; a threshold per relation, chosen on the validation
 * triples and their negatives only, accepts a triple whose score reaches it; accuracy and F1 are measured on
 * the test triples and their negatives. A relation without both a positive and a negative in validation
 * uses the threshold chosen on all validation triples.
 *
 * <p>Deterministic; stateless.
 */
public final class TripleClassification {

    private TripleClassification() {
    }

    /**
     * Labelled triples by id; an id of -1 is an entity or relation the dataset does not know.
     *
     * @param positive whether each triple is true
     */
    public record Labelled(int[] heads, int[] relations, int[] tails, boolean[] positive) {

        public Labelled {
            int n = heads.length;
            if (relations.length != n || tails.length != n || positive.length != n) {
                throw new IllegalArgumentException("heads, relations, tails and labels must have one length, got "
                        + n + ", " + relations.length + ", " + tails.length + " and " + positive.length);
            }
        }

        public int size() {
            return heads.length;
        }

        /** How many are true. */
        public int positives() {
            int n = 0;
            for (boolean p : positive) {
                n += p ? 1 : 0;
            }
            return n;
        }

        /** The triples at {@code indices}, in that order. */
        public Labelled subset(int[] indices) {
            int n = indices.length;
            int[] hs = new int[n];
            int[] rs = new int[n];
            int[] ts = new int[n];
            boolean[] labels = new boolean[n];
            for (int k = 0; k < n; k++) {
                int i = indices[k];
                hs[k] = heads[i];
                rs[k] = relations[i];
                ts[k] = tails[i];
                labels[k] = positive[i];
            }
            return new Labelled(hs, rs, ts, labels);
        }

        /**
         * Two disjoint random halves that together hold every triple: the true triples and the false ones are
         * each shuffled with {@code seed} and halved (the first half gets the odd one), so both halves keep
         * the mix. For choosing settings on one half of a validation split and measuring on the other.
         */
        public Labelled[] halves(long seed) {
            List<Integer> trues = new ArrayList<>();
            List<Integer> falses = new ArrayList<>();
            for (int i = 0; i < size(); i++) {
                (positive[i] ? trues : falses).add(i);
            }
            Random random = new Random(seed);
            Collections.shuffle(trues, random);
            Collections.shuffle(falses, random);
            int firstTrue = (trues.size() + 1) / 2;
            int firstFalse = (falses.size() + 1) / 2;
            List<Integer> first = new ArrayList<>(trues.subList(0, firstTrue));
            first.addAll(falses.subList(0, firstFalse));
            List<Integer> second = new ArrayList<>(trues.subList(firstTrue, trues.size()));
            second.addAll(falses.subList(firstFalse, falses.size()));
            return new Labelled[] {subset(first.stream().mapToInt(Integer::intValue).toArray()),
                subset(second.stream().mapToInt(Integer::intValue).toArray())};
        }
    }

    /**
     * A split's triples (true) followed by the triples of a negatives file (false), by the dataset's ids.
     *
     * @param negatives a TSV file of false triples; its names need not be known to the dataset (-1)
     */
    public static Labelled withNegatives(Dataset data, String split, Path negatives) {
        List<int[]> neg = new ArrayList<>();
        TripleReader.read(negatives, TripleFormat.TSV, (h, r, t, line) -> neg.add(new int[] {
            data.entities().id(h), data.relations().id(r), data.entities().id(t)}));
        int n = neg.size();
        int[] hs = new int[n];
        int[] rs = new int[n];
        int[] ts = new int[n];
        for (int j = 0; j < n; j++) {
            hs[j] = neg.get(j)[0];
            rs[j] = neg.get(j)[1];
            ts[j] = neg.get(j)[2];
        }
        return withNegatives(data, split, new Labelled(hs, rs, ts, new boolean[n]));
    }

    /** A split's triples (true) followed by {@code negatives} (as labelled there). */
    public static Labelled withNegatives(Dataset data, String split, Labelled negatives) {
        var pos = data.split(split);
        int n = pos.size() + negatives.size();
        int[] hs = new int[n];
        int[] rs = new int[n];
        int[] ts = new int[n];
        boolean[] label = new boolean[n];
        for (int i = 0; i < pos.size(); i++) {
            hs[i] = pos.heads()[i];
            rs[i] = pos.relations()[i];
            ts[i] = pos.tails()[i];
            label[i] = true;
        }
        for (int j = 0; j < negatives.size(); j++) {
            int i = pos.size() + j;
            hs[i] = negatives.heads()[j];
            rs[i] = negatives.relations()[j];
            ts[i] = negatives.tails()[j];
            label[i] = negatives.positive()[j];
        }
        return new Labelled(hs, rs, ts, label);
    }

    /**
     * Thresholds: a triple of relation r is accepted when its score is at least {@code perRelation[r]}
     * (NaN: no threshold of its own, {@code global} applies).
     */
    public record Thresholds(double[] perRelation, double global) {

        /** The threshold a triple of {@code relation} must reach. */
        public double of(int relation) {
            return relation >= 0 && relation < perRelation.length && !Double.isNaN(perRelation[relation])
                    ? perRelation[relation] : global;
        }

        /** Whether a triple of {@code relation} with this score is accepted. */
        public boolean accepts(int relation, double score) {
            return score >= of(relation);
        }
    }

    /**
     * The thresholds that classify {@code valid} best (accuracy), one per relation with both labels in it,
     * and one over all triples. Among equally accurate thresholds the one midway through the best run is
     * taken.
     */
    public static Thresholds fit(Labelled valid, double[] scores, int relationCount) {
        return fit(valid, scores, relationCount, 1);
    }

    /**
     * As {@link #fit(Labelled, double[], int)}, but a relation gets a threshold of its own only when it has at
     * least {@code minExamples} validation triples (of both labels); the others use the global one.
     */
    public static Thresholds fit(Labelled valid, double[] scores, int relationCount, int minExamples) {
        if (scores.length != valid.size()) {
            throw new IllegalArgumentException("one score per triple: " + valid.size() + " triples, " + scores.length
                    + " scores");
        }
        List<List<Integer>> byRelation = new ArrayList<>();
        for (int r = 0; r < relationCount; r++) {
            byRelation.add(new ArrayList<>());
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < valid.size(); i++) {
            all.add(i);
            int r = valid.relations()[i];
            if (r >= 0 && r < relationCount) {
                byRelation.get(r).add(i);
            }
        }
        double[] per = new double[relationCount];
        Arrays.fill(per, Double.NaN);
        for (int r = 0; r < relationCount; r++) {
            List<Integer> idx = byRelation.get(r);
            boolean anyTrue = idx.stream().anyMatch(i -> valid.positive()[i]);
            boolean anyFalse = idx.stream().anyMatch(i -> !valid.positive()[i]);
            if (anyTrue && anyFalse && idx.size() >= minExamples) {
                per[r] = best(idx, valid.positive(), scores);
            }
        }
        return new Thresholds(per, best(all, valid.positive(), scores));
    }

    /** The smallest counts of validation triples a relation needs for a threshold of its own, tried by {@link #choose}. */
    public static final int[] MIN_EXAMPLES = {1, 10, 30, 100, Integer.MAX_VALUE};

    /**
     * Thresholds fitted on all of {@code valid}, with the least count of validation triples a relation
     * needs for its own threshold chosen among {@link #MIN_EXAMPLES} by {@code folds}-fold cross-validation
     * on {@code valid} (of equally accurate counts, the larger: fewer small relations trusted).
     * Test triples play no part.
     */
    public static Thresholds choose(Labelled valid, double[] scores, int relationCount, int folds, long seed) {
        int n = valid.size();
        int[] fold = new int[n];
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            fold[i] = random.nextInt(folds);
        }
        int bestMin = MIN_EXAMPLES[0];
        long bestCorrect = -1;
        for (int min : MIN_EXAMPLES) {
            long correct = 0;
            for (int f = 0; f < folds; f++) {
                Labelled train = subset(valid, fold, f, false);
                double[] trainScores = subsetScores(scores, fold, f, false);
                Thresholds t = fit(train, trainScores, relationCount, min);
                for (int i = 0; i < n; i++) {
                    if (fold[i] == f && t.accepts(valid.relations()[i], scores[i]) == valid.positive()[i]) {
                        correct++;
                    }
                }
            }
            if (correct >= bestCorrect) {
                bestCorrect = correct;
                bestMin = min;
            }
        }
        return fit(valid, scores, relationCount, bestMin);
    }

    private static Labelled subset(Labelled l, int[] fold, int f, boolean in) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            if ((fold[i] == f) == in) {
                keep.add(i);
            }
        }
        int m = keep.size();
        int[] hs = new int[m];
        int[] rs = new int[m];
        int[] ts = new int[m];
        boolean[] p = new boolean[m];
        for (int j = 0; j < m; j++) {
            int i = keep.get(j);
            hs[j] = l.heads()[i];
            rs[j] = l.relations()[i];
            ts[j] = l.tails()[i];
            p[j] = l.positive()[i];
        }
        return new Labelled(hs, rs, ts, p);
    }

    private static double[] subsetScores(double[] scores, int[] fold, int f, boolean in) {
        int m = 0;
        for (int x : fold) {
            m += (x == f) == in ? 1 : 0;
        }
        double[] out = new double[m];
        int j = 0;
        for (int i = 0; i < scores.length; i++) {
            if ((fold[i] == f) == in) {
                out[j++] = scores[i];
            }
        }
        return out;
    }

    /** The most accurate threshold over these triples (midway through the best run of equal accuracy). */
    static double best(List<Integer> idx, boolean[] positive, double[] scores) {
        Integer[] order = idx.toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        int n = order.length;
        int correct = 0; // cut point k accepts order[k..n): at k = 0 everything is accepted
        for (int i : order) {
            correct += positive[i] ? 1 : 0;
        }
        int bestCorrect = -1;
        List<Integer> run = new ArrayList<>();
        List<Integer> bestRun = new ArrayList<>();
        for (int k = 0; k <= n; k++) {
            if (k > 0) {
                correct += positive[order[k - 1]] ? -1 : 1; // order[k-1] is now rejected
            }
            if (k > 0 && k < n && scores[order[k]] == scores[order[k - 1]]) {
                continue; // no threshold falls between equal scores
            }
            if (correct > bestCorrect) {
                bestCorrect = correct;
                run = new ArrayList<>(List.of(k));
                bestRun = run;
            } else if (correct == bestCorrect && run == bestRun) {
                run.add(k);
            } else {
                run = new ArrayList<>();
            }
        }
        return cut(order, scores, bestRun.get(bestRun.size() / 2));
    }

    /** The threshold that accepts {@code order[k..]}: midway between order[k-1] and order[k]. */
    private static double cut(Integer[] order, double[] scores, int k) {
        if (order.length == 0) {
            return 0;
        }
        if (k == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (k == order.length) {
            return Double.POSITIVE_INFINITY;
        }
        double lo = scores[order[k - 1]];
        double hi = scores[order[k]];
        return Double.isInfinite(lo) ? hi : lo + (hi - lo) / 2;
    }

    /**
     * How well thresholds classify labelled triples.
     *
     * @param perRelation accuracy and counts by relation name
     */
    public record Result(int triples, double accuracy, double precision, double recall, double f1, long truePositives,
                         long falsePositives, long trueNegatives, long falseNegatives,
                         Map<String, RelationResult> perRelation) {
    }

    /** One relation's accuracy and counts. */
    public record RelationResult(int triples, int positives, double accuracy, double threshold) {
    }

    /** Classifies {@code test} with the thresholds; relation names from the dataset for the breakdown. */
    public static Result evaluate(Labelled test, double[] scores, Thresholds t, Dataset data) {
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        Map<Integer, int[]> rel = new java.util.TreeMap<>(); // relation -> {triples, positives, correct}
        for (int i = 0; i < test.size(); i++) {
            int r = test.relations()[i];
            boolean accepted = t.accepts(r, scores[i]);
            boolean truth = test.positive()[i];
            if (accepted && truth) {
                tp++;
            } else if (accepted) {
                fp++;
            } else if (truth) {
                fn++;
            } else {
                tn++;
            }
            int[] c = rel.computeIfAbsent(r, k -> new int[3]);
            c[0]++;
            c[1] += truth ? 1 : 0;
            c[2] += accepted == truth ? 1 : 0;
        }
        Map<String, RelationResult> per = new LinkedHashMap<>();
        for (Map.Entry<Integer, int[]> e : rel.entrySet()) {
            int[] c = e.getValue();
            String name = e.getKey() < 0 ? "(unknown relation)" : data.relations().name(e.getKey());
            per.put(name, new RelationResult(c[0], c[1], c[2] / (double) c[0], t.of(e.getKey())));
        }
        int n = test.size();
        double precision = tp + fp == 0 ? 0 : tp / (double) (tp + fp);
        double recall = tp + fn == 0 ? 0 : tp / (double) (tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Result(n, n == 0 ? 0 : (tp + tn) / (double) n, precision, recall, f1, tp, fp, tn, fn, per);
    }
}
