package org.strata.rules.judge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.strata.graph.eval.HardNegatives;
import org.strata.graph.eval.LinkScorer;
import org.strata.graph.io.TripleFormat;
import org.strata.graph.io.TripleReader;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.graph.projection.RelationIndex;
import org.strata.rules.apply.RuleEngine;

/**
 * The rows of a calibration on labelled triples. First the labelled triples themselves, which fit the
 * fusion and choose its thresholds: they are drawn as the proposals to be judged are, so only they can say
 * what precision a threshold keeps. Then rows that may only help fit the fusion (the judge keeps them where
 * they raise its out-of-fold recall on the labelled triples): one corruption the judge makes
 * of each labelled true triple (its tail or its head, drawn, or the other where none is free, by an entity
 * found in that position of the relation, never a believed or a labelled triple), and believed facts, each
 * left out, with one corruption each, marked as such ({@link TripleFeatures.Kinds#leftOutMark}: the fusion
 * learns where they differ from new triples). On FB15k-237's validation triples (out of fold at 97 %),
 * 0.502 of the true ones confirmed with the labelled triples alone, 0.520 with the made corruptions, 0.539
 * with 10,000 believed facts besides; on CoDEx-S, whose false triples were chosen to be hard, the made
 * corruptions mislead (0.58-0.59 alone, 0.42-0.47 with), so the judge leaves them out there.
 */
final class LabelledCalibration {

    /**
     * The calibration rows, each with its triple (head, relation, tail), label and fold; the first
     * {@code judged} are the labelled triples.
     */
    record Rows(List<double[]> rows, List<int[]> triples, List<Boolean> labels, List<Integer> folds, int judged) {
    }

    private final Projection believed;
    private final List<int[]> triples;
    private final List<Boolean> labels;
    private final int positives;

    private LabelledCalibration(Projection believed, List<int[]> triples, List<Boolean> labels) {
        this.believed = believed;
        this.triples = triples;
        this.labels = labels;
        this.positives = (int) labels.stream().filter(b -> b).count();
    }

    /**
     * The labelled triples of {@code parameters}' two files that name entities and relations the believed
     * facts know, at most {@code calibrationFacts} of each file drawn.
     */
    static LabelledCalibration read(Projection believed, JudgeParameters parameters) {
        List<int[]> triples = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (boolean label : new boolean[] {true, false}) {
            java.nio.file.Path file = label ? parameters.labelledTrue() : parameters.labelledFalse();
            TripleReader.read(file, TripleFormat.TSV, (h, r, t, line) -> {
                int hi = believed.entities().id(h);
                int ri = believed.relations().id(r);
                int ti = believed.entities().id(t);
                if (hi >= 0 && ri >= 0 && ti >= 0 && ri < believed.relationCount()) {
                    triples.add(new int[] {hi, ri, ti});
                    labels.add(label);
                }
            });
        }
        sample(triples, labels, parameters.calibrationFacts(), parameters.seed());
        return new LabelledCalibration(believed, triples, labels);
    }

    /** How many labelled triples were read. */
    int size() {
        return triples.size();
    }

    /** How many of them are true. */
    int positives() {
        return positives;
    }

    /**
     * The rows: the labelled triples, a corruption of each true one, and {@code fitBelievedFacts} believed
     * facts with theirs (at most as many as there are labelled true triples), their features computed on the
     * judge's workers.
     */
    Rows rows(RuleEngine engine, double pc, LinkScorer opinion, JudgeParameters parameters, TripleFeatures.Kinds kinds,
              ExecutorService pool, ProgressListener progress) throws InterruptedException {
        Random random = new Random(parameters.seed() + 1);
        // jobs: head, relation, tail, the left-out believed fact's head and tail (-1: none), fold, label
        List<int[]> jobs = new ArrayList<>();
        Set<Long> taken = new HashSet<>();
        for (int i = 0; i < triples.size(); i++) {
            int[] x = triples.get(i);
            taken.add(HardNegatives.key(x[0], x[1], x[2]));
            boolean believedFact = believed.contains(x[0], x[1], x[2]);
            jobs.add(new int[] {x[0], x[1], x[2], believedFact ? x[0] : -1, believedFact ? x[2] : -1, i % RuleJudge.FOLDS,
                    labels.get(i) ? 1 : 0});
        }
        int judged = jobs.size();
        for (int i = 0; i < judged; i++) {
            int[] x = triples.get(i);
            boolean tail = random.nextBoolean();
            int[] made = !labels.get(i) ? null : corruption(believed, x[0], x[1], x[2], tail, random, taken);
            if (labels.get(i) && made == null) {
                made = corruption(believed, x[0], x[1], x[2], !tail, random, taken); // the other side
            }
            if (made != null) {
                jobs.add(new int[] {made[0], made[1], made[2], -1, -1, i % RuleJudge.FOLDS, 0});
            }
        }
        // never more than the labelled true triples: the extra rows help fit, they should not outweigh those
        int fromBelieved = kinds.leftOutMark()
                ? Math.min(Math.min(parameters.fitBelievedFacts(), positives), believed.factCount()) : 0;
        int[] drawn = RuleJudge.draw(believed.factCount(), fromBelieved, random);
        for (int k = 0; k < fromBelieved; k++) {
            int f = drawn[k];
            int h = believed.head(f);
            int t = believed.tail(f);
            jobs.add(new int[] {h, believed.relation(f), t, h, t, k % RuleJudge.FOLDS, 1});
            int[] made = RuleJudge.corruption(believed, f, k % 2 == 0, random);
            if (made != null) {
                jobs.add(new int[] {made[0], made[1], made[2], h, t, k % RuleJudge.FOLDS, 0});
            }
        }
        int n = jobs.size();
        double[][] rows = new double[n][];
        progress.begin("calibrating the rules' judge on labelled triples", n, "triples");
        try {
            int[] hs = new int[n];
            int[] rs = new int[n];
            int[] ts = new int[n];
            for (int i = 0; i < n; i++) {
                hs[i] = jobs.get(i)[0];
                rs[i] = jobs.get(i)[1];
                ts[i] = jobs.get(i)[2];
            }
            long[] keys = JudgeWorkers.sharedQueryKeys(hs, rs, ts);
            JudgeWorkers.run(n, parameters.threads(), pool, engine, pc, opinion, kinds, keys, (features, i) -> {
                int[] j = jobs.get(i);
                rows[i] = features.without(j[0], j[1], j[2], j[3], j[4]);
                progress.advance(1);
            });
        } finally {
            progress.end();
        }
        List<int[]> rowTriples = new ArrayList<>(n);
        List<Boolean> rowLabels = new ArrayList<>(n);
        List<Integer> folds = new ArrayList<>(n);
        for (int[] j : jobs) {
            rowTriples.add(new int[] {j[0], j[1], j[2]});
            folds.add(j[5]);
            rowLabels.add(j[6] == 1);
        }
        return new Rows(java.util.Arrays.asList(rows), rowTriples, rowLabels, folds, judged);
    }

    /**
     * (h, r, t) with its tail (or head) replaced by an entity found in that position of r, making a triple
     * that is neither believed nor among {@code taken} (which gains it): 50 draws, then every such entity
     * from a drawn one on (a dense relation leaves few free); null when none is left.
     */
    static int[] corruption(Projection p, int h, int r, int t, boolean tail, Random random, Set<Long> taken) {
        RelationIndex ends = p.index(r, tail ? Direction.IN : Direction.OUT); // keyed by tails (heads) of r
        int keys = ends.keyCount();
        if (keys == 0) {
            return null;
        }
        for (int attempt = 0; attempt < 50 + keys; attempt++) {
            int e = ends.key(attempt < 50 ? random.nextInt(keys) : (attempt - 50 + h + t) % keys);
            int nh = tail ? h : e;
            int nt = tail ? e : t;
            if (!p.contains(nh, r, nt) && taken.add(HardNegatives.key(nh, r, nt))) {
                return new int[] {nh, r, nt};
            }
        }
        return null;
    }

    /** Keeps at most {@code most} triples of each label, drawn with {@code seed} (all when there are fewer). */
    static void sample(List<int[]> triples, List<Boolean> labels, int most, long seed) {
        List<Integer> keep = new ArrayList<>();
        for (boolean label : new boolean[] {true, false}) {
            List<Integer> of = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                if (labels.get(i) == label) {
                    of.add(i);
                }
            }
            if (of.size() > most) {
                Collections.shuffle(of, new Random(seed));
                of = new ArrayList<>(of.subList(0, most));
                Collections.sort(of);
            }
            keep.addAll(of);
        }
        List<int[]> t = new ArrayList<>();
        List<Boolean> l = new ArrayList<>();
        for (int i : keep) {
            t.add(triples.get(i));
            l.add(labels.get(i));
        }
        triples.clear();
        triples.addAll(t);
        labels.clear();
        labels.addAll(l);
    }
}
