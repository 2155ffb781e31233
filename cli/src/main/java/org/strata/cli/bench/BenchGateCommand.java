package org.strata.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.strata.cli.shell.CliOptions;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Format;
import org.strata.cli.shell.Invocation;
import org.strata.cli.shell.JsonOutput;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.eval.BoostedTreesFusion;
import org.strata.graph.eval.Fusion;
import org.strata.graph.eval.LogisticFusion;
import org.strata.graph.eval.TripleClassification;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Dataset;
import org.strata.graph.projection.Direction;
import org.strata.gpu.GpuOptions;
import org.strata.gpu.eval.EmbeddingOpinion;
import org.strata.gpu.eval.EmbeddingScorer;
import org.strata.gpu.model.EmbeddingModel;
import org.strata.rules.RulesOptions;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.combine.CombinationJob;
import org.strata.rules.combine.CombineOptions;
import org.strata.rules.combine.CombineParameters;
import org.strata.rules.combine.NetworkAnswers;
import org.strata.rules.combine.RuleNetwork;
import org.strata.rules.job.RuleInference;
import org.strata.rules.judge.PairFeatures;
import org.strata.rules.learn.LearnParameters;
import org.strata.rules.learn.LearnResult;
import org.strata.rules.learn.RuleLearner;

/**
 * {@code strata bench gate}: how well the structure judges proposed facts. Triple classification on a
 * dataset's validation and test triples against negatives (the dataset's {@code valid_negatives.txt} and
 * {@code test_negatives.txt}, or hard negatives made by type-consistent corruption when it has none):
 * thresholds per relation chosen on validation only, accuracy and F1 on test, for the structural scores
 * (the best rule; the learned rule combination's probability both ways), an embedding model's
 * ({@code --model}; several, comma-separated, each an opinion of its own), and both together. The gate's
 * scorer, fixed beforehand, is the last row (every kind of evidence, by boosted trees); the row with the best
 * cross-validated accuracy on validation is named beside it.
 */
final class BenchGateCommand implements Command {

    @Override
    public String name() {
        return "gate";
    }

    @Override
    public String summary() {
        return "Triple classification against (hard) negatives: thresholds per relation on validation, accuracy and "
                + "F1 on test, for the rules, the learned combination, an embedding model and both";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.DATA, RulesOptions.SECONDS, CombineOptions.COMBINE_SECONDS, GpuOptions.MODEL_FILE,
                GraphOptions.THREADS, GraphOptions.SEED, CliOptions.JSON, CliOptions.PROGRESS);
    }

    /**
     * The scores of one scorer on the validation and the test triples; for a fused scorer, its accuracy on
     * validation by 5-fold cross-validation (weights and thresholds fitted without the fold), else NaN.
     */
    private record Scored(String name, double[] valid, double[] test, double crossValidated) {

        Scored(String name, double[] valid, double[] test) {
            this(name, valid, test, Double.NaN);
        }
    }

    @Override
    public int run(Invocation in) {
        Dataset data = Dataset.load(Path.of(in.require(GraphOptions.DATA, "bench gate")));
        int threads = GraphOptions.threads(in);
        long seed = in.get(GraphOptions.SEED);
        String negativesFrom = Files.isRegularFile(data.folder().resolve("valid_negatives.txt"))
                && Files.isRegularFile(data.folder().resolve("test_negatives.txt")) ? "the dataset's negatives files"
                : "hard negatives by type-consistent corruption (seed " + seed + ")";
        TripleClassification.Labelled valid = TripleScoring.labelled(data, "valid", seed);
        TripleClassification.Labelled test = TripleScoring.labelled(data, "test", seed + 1);
        in.out().println("Triple classification on " + data.name() + ": " + Format.count(valid.size()) + " validation and "
                + Format.count(test.size()) + " test triples, half of them false (" + negativesFrom + ")");
        in.out().flush();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Scored> scorers = new ArrayList<>();
        Map<String, Object> report = new LinkedHashMap<>();
        try {
            LearnParameters lp = RulesOptions.learnParameters(in);
            LearnResult learned = new RuleLearner(data.trainProjection(), lp, pool, ProgressListener.NONE,
                    TerminationFlag.running()).learn();
            RuleInference inference = RuleInference.of(in);
            RuleEngine firing = inference.firing(data.trainProjection(), learned.rules());
            CombineParameters cp = CombineParameters.from(in, seed, threads);
            CombinationJob.Result combination = CombinationJob.run(firing, data.valid(), data.allProjection(), cp, pool,
                    ProgressListener.NONE, TerminationFlag.running());
            in.out().println("  " + Format.count(learned.rules().size()) + " rules learned in "
                    + Format.decimal(learned.seconds(), 1) + " s; their combination learned in "
                    + Format.decimal(combination.seconds(), 1) + " s (validation MRR "
                    + Format.decimal(combination.training().validMrr(), 4) + ")");
            double[][] v = rules(valid, data, firing, combination.network(), inference, pool, threads, in.progress());
            double[][] t = rules(test, data, firing, combination.network(), inference, pool, threads, in.progress());
            scorers.add(new Scored("rules: best rule", v[0], t[0]));
            scorers.add(new Scored("rules: learned combination", v[1], t[1]));
            double[][] sv = structure(valid, data.trainProjection());
            double[][] st = structure(test, data.trainProjection());
            scorers.add(fused("rules: fused on validation", valid, v, test, t, data, seed));
            scorers.add(fused("rules + cardinality: fused", valid, append(v, sv), test, append(t, st), data, seed));
            scorers.add(fusedByTrees("rules + cardinality: trees", valid, append(v, sv), test, append(t, st), data,
                    seed));
            double[][] cv = closeness(valid, data.trainProjection());
            double[][] ct = closeness(test, data.trainProjection());
            scorers.add(fused("rules + cardinality + closeness: fused", valid, append(append(v, sv), cv), test,
                    append(append(t, st), ct), data, seed));
            scorers.add(fusedByTrees("rules + cardinality + closeness: trees", valid, append(append(v, sv), cv), test,
                    append(append(t, st), ct), data, seed));
            report.put("rules", learned.rules().size());
            EmbeddingOpinion opinion = EmbeddingOpinion.read(in.get(GpuOptions.MODEL_FILE));
            if (opinion != null) {
                double[][] ev = new double[0][];
                double[][] et = new double[0][];
                for (EmbeddingModel model : opinion.models()) {
                    EmbeddingScorer scorer = new EmbeddingScorer(model, data.entities(), data.relations());
                    double[][] one = TripleScoring.embedding(valid, scorer, pool, threads);
                    double[][] oneTest = TripleScoring.embedding(test, scorer, pool, threads);
                    scorers.add(new Scored("embedding: " + EmbeddingOpinion.label(model), one[0], oneTest[0]));
                    ev = append(ev, one);
                    et = append(et, oneTest);
                }
                if (opinion.models().size() == 1) {
                    scorers.add(new Scored("both: combination + " + opinion.label(), sum(v[1], ev[0]), sum(t[1], et[0])));
                }
                scorers.add(fused("both: fused on validation", valid, append(v, ev), test, append(t, et), data, seed));
                scorers.add(fused("both + cardinality: fused", valid, append(append(v, ev), sv), test,
                        append(append(t, et), st), data, seed));
                scorers.add(fusedByTrees("both + cardinality: trees", valid, append(append(v, ev), sv), test,
                        append(append(t, et), st), data, seed));
                scorers.add(fused("both + cardinality + closeness: fused", valid, append(append(append(v, ev), sv), cv),
                        test, append(append(append(t, et), st), ct), data, seed));
                scorers.add(fusedByTrees("both + cardinality + closeness: trees", valid,
                        append(append(append(v, ev), sv), cv), test, append(append(append(t, et), st), ct), data, seed));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        in.out().printf("  %-40s %9s %9s %9s %9s %9s %9s%n", "scorer", "valid acc", "valid cv", "test acc", "precision",
                "recall", "F1");
        List<Map<String, Object>> rows = new ArrayList<>();
        // the gate's scorer: every kind of evidence the judge weighs, by boosted trees (the last row); fixed
        // beforehand, so that what is reported does not depend on the test figures
        Scored gate = scorers.get(scorers.size() - 1);
        Scored bestCv = scorers.stream().filter(s -> !Double.isNaN(s.crossValidated()))
                .max(java.util.Comparator.comparingDouble(Scored::crossValidated)).orElseThrow();
        Map<Scored, Double> testAccuracy = new java.util.HashMap<>();
        for (Scored s : scorers) {
            TripleClassification.Thresholds th = TripleClassification.choose(valid, s.valid(), data.relations().size(),
                    5, seed);
            TripleClassification.Result onValid = TripleClassification.evaluate(valid, s.valid(), th, data);
            TripleClassification.Result onTest = TripleClassification.evaluate(test, s.test(), th, data);
            in.out().printf("  %-40s %9.4f %9s %9.4f %9.4f %9.4f %9.4f%n", s.name(), onValid.accuracy(),
                    Double.isNaN(s.crossValidated()) ? "" : Format.decimal(s.crossValidated(), 4), onTest.accuracy(),
                    onTest.precision(), onTest.recall(), onTest.f1());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scorer", s.name());
            row.put("validAccuracy", onValid.accuracy());
            row.put("validCrossValidated", Double.isNaN(s.crossValidated()) ? null : s.crossValidated());
            row.put("test", onTest);
            rows.add(row);
            testAccuracy.put(s, onTest.accuracy());
        }
        in.out().println("  the gate's scorer: " + gate.name() + ", test accuracy " + Format.decimal(testAccuracy.get(gate), 4)
                + "; the best valid cv: " + bestCv.name() + " (" + Format.decimal(bestCv.crossValidated(), 4)
                + "), test accuracy " + Format.decimal(testAccuracy.get(bestCv), 4));
        report.put("gateScorer", gate.name());
        report.put("bestValidCrossValidated", bestCv.name());
        report.put("dataset", data.name());
        report.put("negatives", negativesFrom);
        report.put("seed", seed);
        report.put("scorers", rows);
        String json = in.get(CliOptions.JSON);
        if (json != null) {
            JsonOutput.write(Path.of(json), report);
            in.out().println("  written to " + json);
        }
        return 0;
    }

    /**
     * Per triple: the best rule's confidence, the learned combination's mean log-probability both ways, its
     * log-probability of the tail and of the head, and log(1 + the number of rules that predict it).
     */
    private static double[][] rules(TripleClassification.Labelled l, Dataset data, RuleEngine firing,
                                    RuleNetwork network, RuleInference inference, ExecutorService pool, int threads,
                                    ProgressListener progress) throws InterruptedException {
        progress.begin("rules judge triples", l.size(), "triples");
        try {
            return TripleScoring.features(l, 5, pool, threads, () -> {
                NetworkAnswers answers = inference.answers(firing, network, data.trainProjection());
                return (h, r, t, out, i) -> {
                    NetworkAnswers.Plausibility p = answers.plausibility(h, r, t);
                    out[0][i] = p.bestConfidence();
                    out[1][i] = (log(p.tailProbability()) + log(p.headProbability())) / 2;
                    out[2][i] = log(p.tailProbability());
                    out[3][i] = log(p.headProbability());
                    out[4][i] = Math.log1p(p.rules());
                    progress.advance(1);
                };
            });
        } finally {
            progress.end();
        }
    }

    /** Fits a fusion on rows and their labels. */
    private interface Fitter {
        Fusion fit(double[][] rows, boolean[] labels);
    }

    private static final Fitter LOGISTIC = (x, y) -> LogisticFusion.fit(x, y, 1e-3, 500);
    private static final Fitter TREES = (x, y) -> BoostedTreesFusion.fit(x, y, BoostedTreesFusion.Settings.defaults());

    /**
     * A logistic regression over the features, fitted on the validation triples only, as one more scorer
     * (its thresholds per relation are then chosen on validation too).
     */
    private static Scored fused(String name, TripleClassification.Labelled valid, double[][] v,
                                TripleClassification.Labelled test, double[][] t, Dataset data, long seed) {
        Fusion f = LOGISTIC.fit(rows(v), valid.positive());
        return new Scored(name, apply(f, v), apply(f, t), crossValidated(valid, v, data, seed, LOGISTIC, null));
    }

    /**
     * Boosted trees over the features, fitted on the validation triples only. Trees fit their own rows
     * closely, so the validation scores their thresholds are chosen on are out of fold (each fold scored by
     * trees fitted without it); the test triples are scored by trees fitted on all of validation.
     */
    private static Scored fusedByTrees(String name, TripleClassification.Labelled valid, double[][] v,
                                       TripleClassification.Labelled test, double[][] t, Dataset data, long seed) {
        double[] outOfFold = new double[valid.size()];
        double cv = crossValidated(valid, v, data, seed, TREES, outOfFold);
        return new Scored(name, outOfFold, apply(TREES.fit(rows(v), valid.positive()), t), cv);
    }

    /**
     * The fused scorer's accuracy on validation, each fold judged by a fusion and thresholds fitted without
     * it; {@code outOfFold} (null: not wanted) receives each triple's score by the fusion that did not see it.
     */
    private static double crossValidated(TripleClassification.Labelled valid, double[][] v, Dataset data, long seed,
                                         Fitter fitter, double[] outOfFold) {
        int folds = 5;
        int n = valid.size();
        java.util.Random random = new java.util.Random(seed + 17);
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[i] = random.nextInt(folds);
        }
        double[][] rows = rows(v);
        long correct = 0;
        for (int f = 0; f < folds; f++) {
            List<Integer> in = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (fold[i] != f) {
                    in.add(i);
                }
            }
            double[][] x = new double[in.size()][];
            boolean[] y = new boolean[in.size()];
            int[] hs = new int[in.size()];
            int[] rs = new int[in.size()];
            int[] ts = new int[in.size()];
            for (int j = 0; j < in.size(); j++) {
                int i = in.get(j);
                x[j] = rows[i];
                y[j] = valid.positive()[i];
                hs[j] = valid.heads()[i];
                rs[j] = valid.relations()[i];
                ts[j] = valid.tails()[i];
            }
            Fusion fit = fitter.fit(x, y);
            double[] scored = new double[in.size()];
            for (int j = 0; j < in.size(); j++) {
                scored[j] = fit.score(x[j]);
            }
            TripleClassification.Thresholds th = TripleClassification.choose(
                    new TripleClassification.Labelled(hs, rs, ts, y), scored, data.relations().size(), 5, seed);
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    double score = fit.score(rows[i]);
                    if (outOfFold != null) {
                        outOfFold[i] = score;
                    }
                    if (th.accepts(valid.relations()[i], score) == valid.positive()[i]) {
                        correct++;
                    }
                }
            }
        }
        return correct / (double) n;
    }

    /**
     * Per triple, how close its ends lie in the training graph whatever the relations (the judge's
     * {@link PairFeatures}, the resemblance included): 0 where an end is unknown to it.
     */
    private static double[][] closeness(TripleClassification.Labelled l, org.strata.graph.projection.Projection p) {
        double[][] out = new double[PairFeatures.COUNT][l.size()];
        PairFeatures pair = new PairFeatures(p, true);
        double[] row = new double[PairFeatures.COUNT];
        for (int i = 0; i < l.size(); i++) {
            int h = l.heads()[i];
            int r = l.relations()[i];
            int t = l.tails()[i];
            java.util.Arrays.fill(row, 0);
            if (h >= 0 && r >= 0 && t >= 0 && r < p.relationCount() && h < p.entityCount() && t < p.entityCount()) {
                pair.fill(h, r, t, -1, -1, row, 0);
            }
            for (int j = 0; j < row.length; j++) {
                out[j][i] = row[j];
            }
        }
        return out;
    }

    /**
     * Per triple, from the training facts: log(1 + the tails its head already has under the relation),
     * log(1 + the heads its tail already has), the relation's mean tails per head and heads per tail (logs),
     * and the first two relative to those means: how "full" the head and the tail already are.
     */
    private static double[][] structure(TripleClassification.Labelled l, org.strata.graph.projection.Projection p) {
        double[][] out = new double[6][l.size()];
        for (int i = 0; i < l.size(); i++) {
            int h = l.heads()[i];
            int r = l.relations()[i];
            int t = l.tails()[i];
            if (h < 0 || r < 0 || t < 0 || r >= p.relationCount()) {
                for (double[] feature : out) {
                    feature[i] = Double.NEGATIVE_INFINITY;
                }
                continue;
            }
            org.strata.graph.projection.RelationIndex outIndex = p.index(r, Direction.OUT);
            org.strata.graph.projection.RelationIndex inIndex = p.index(r, Direction.IN);
            double tailsOfHead = Math.log1p(h < p.entityCount() ? outIndex.degree(h) : 0);
            double headsOfTail = Math.log1p(t < p.entityCount() ? inIndex.degree(t) : 0);
            double meanTails = Math.log(Math.max(1.0, outIndex.edgeCount() / (double) Math.max(1, outIndex.keyCount())));
            double meanHeads = Math.log(Math.max(1.0, inIndex.edgeCount() / (double) Math.max(1, inIndex.keyCount())));
            out[0][i] = tailsOfHead;
            out[1][i] = headsOfTail;
            out[2][i] = meanTails;
            out[3][i] = meanHeads;
            out[4][i] = tailsOfHead - meanTails;
            out[5][i] = headsOfTail - meanHeads;
        }
        return out;
    }

    private static double[][] rows(double[][] features) {
        int n = features[0].length;
        double[][] out = new double[n][features.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < features.length; j++) {
                out[i][j] = features[j][i];
            }
        }
        return out;
    }

    private static double[] apply(Fusion f, double[][] features) {
        double[][] r = rows(features);
        double[] out = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            out[i] = f.score(r[i]);
        }
        return out;
    }

    private static double[][] append(double[][] features, double[][] more) {
        double[][] out = java.util.Arrays.copyOf(features, features.length + more.length);
        System.arraycopy(more, 0, out, features.length, more.length);
        return out;
    }

    private static double log(double p) {
        return Math.log(Math.max(p, 1e-300));
    }

    private static double[] sum(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }
}
