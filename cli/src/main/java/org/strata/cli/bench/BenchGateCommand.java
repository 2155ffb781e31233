package org.strata.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.strata.cli.shell.CliOptions;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Format;
import org.strata.cli.shell.Invocation;
import org.strata.cli.shell.JsonOutput;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.eval.HardNegatives;
import org.strata.graph.eval.LinkScorer;
import org.strata.graph.eval.Scores;
import org.strata.graph.eval.TripleClassification;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Dataset;
import org.strata.graph.projection.Direction;
import org.strata.gpu.GpuOptions;
import org.strata.gpu.eval.EmbeddingScorer;
import org.strata.gpu.model.EmbeddingModel;
import org.strata.gpu.model.ModelFile;
import org.strata.rules.RulesOptions;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.combine.CombinationJob;
import org.strata.rules.combine.CombineOptions;
import org.strata.rules.combine.CombineParameters;
import org.strata.rules.combine.NetworkAnswers;
import org.strata.rules.combine.RuleNetwork;
import org.strata.rules.job.RuleInference;
import org.strata.rules.learn.LearnParameters;
import org.strata.rules.learn.LearnResult;
import org.strata.rules.learn.RuleLearner;

/**
 * {@code strata bench gate}: how well the structure judges proposed facts. Triple classification on a
 * dataset's validation and test triples against negatives (the dataset's {@code valid_negatives.txt} and
 * {@code test_negatives.txt}, or hard negatives made by type-consistent corruption when it has none):
 * thresholds per relation chosen on validation only, accuracy and F1 on test, for the structural scores
 * (the best rule; the learned rule combination's probability both ways), an embedding model's
 * ({@code --model}), and both together.
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
                GraphOptions.THREADS, GraphOptions.SEED, CliOptions.JSON);
    }

    /** The scores of one scorer on the validation and the test triples. */
    private record Scored(String name, double[] valid, double[] test) {
    }

    @Override
    public int run(Invocation in) {
        Dataset data = Dataset.load(Path.of(in.require(GraphOptions.DATA, "bench gate")));
        int threads = GraphOptions.threads(in);
        long seed = in.get(GraphOptions.SEED);
        String negativesFrom = Files.isRegularFile(data.folder().resolve("valid_negatives.txt"))
                && Files.isRegularFile(data.folder().resolve("test_negatives.txt")) ? "the dataset's negatives files"
                : "hard negatives by type-consistent corruption (seed " + seed + ")";
        TripleClassification.Labelled valid = labelled(data, "valid", seed);
        TripleClassification.Labelled test = labelled(data, "test", seed + 1);
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
            double[][] v = rules(valid, data, firing, combination.network(), inference, pool, threads);
            double[][] t = rules(test, data, firing, combination.network(), inference, pool, threads);
            scorers.add(new Scored("rules: best rule", v[0], t[0]));
            scorers.add(new Scored("rules: learned combination", v[1], t[1]));
            report.put("rules", learned.rules().size());
            String modelFile = in.get(GpuOptions.MODEL_FILE);
            if (modelFile != null) {
                EmbeddingModel model = ModelFile.read(Path.of(modelFile));
                EmbeddingScorer scorer = new EmbeddingScorer(model, data.entities(), data.relations());
                double[] ev = embedding(valid, scorer, pool, threads);
                double[] et = embedding(test, scorer, pool, threads);
                String label = model.kind().name().toLowerCase(java.util.Locale.ROOT) + " dim " + model.dim();
                scorers.add(new Scored("embedding: " + label, ev, et));
                scorers.add(new Scored("both: combination + " + label, sum(v[1], ev), sum(t[1], et)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        in.out().printf("  %-40s %9s %9s %9s %9s %9s%n", "scorer", "valid acc", "test acc", "precision", "recall", "F1");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Scored s : scorers) {
            TripleClassification.Thresholds th = TripleClassification.fit(valid, s.valid(), data.relations().size());
            TripleClassification.Result onValid = TripleClassification.evaluate(valid, s.valid(), th, data);
            TripleClassification.Result onTest = TripleClassification.evaluate(test, s.test(), th, data);
            in.out().printf("  %-40s %9.4f %9.4f %9.4f %9.4f %9.4f%n", s.name(), onValid.accuracy(), onTest.accuracy(),
                    onTest.precision(), onTest.recall(), onTest.f1());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scorer", s.name());
            row.put("validAccuracy", onValid.accuracy());
            row.put("test", onTest);
            rows.add(row);
        }
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

    private static TripleClassification.Labelled labelled(Dataset data, String split, long seed) {
        Path file = data.folder().resolve(split + "_negatives.txt");
        return Files.isRegularFile(file) ? TripleClassification.withNegatives(data, split, file)
                : TripleClassification.withNegatives(data, split, HardNegatives.of(data, split, seed));
    }

    /** Per triple: {best rule's confidence, mean log-probability of the learned combination both ways}. */
    private static double[][] rules(TripleClassification.Labelled l, Dataset data, RuleEngine firing,
                                    RuleNetwork network, RuleInference inference, ExecutorService pool, int threads)
            throws InterruptedException {
        double[][] out = new double[2][l.size()];
        List<Future<?>> parts = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int from = w;
            parts.add(pool.submit(() -> {
                NetworkAnswers answers = new NetworkAnswers(firing, network, data.trainProjection(),
                        inference.maxCandidates(), inference.maxRules(), RuleEngine.INFERENCE_VISITS);
                for (int i = from; i < l.size(); i += threads) {
                    if (l.heads()[i] < 0 || l.relations()[i] < 0 || l.tails()[i] < 0) {
                        out[0][i] = Double.NEGATIVE_INFINITY;
                        out[1][i] = Double.NEGATIVE_INFINITY;
                        continue;
                    }
                    NetworkAnswers.Plausibility p = answers.plausibility(l.heads()[i], l.relations()[i], l.tails()[i]);
                    out[0][i] = p.bestConfidence();
                    out[1][i] = (log(p.tailProbability()) + log(p.headProbability())) / 2;
                }
            }));
        }
        join(parts);
        return out;
    }

    /** Per triple: the model's mean log-probability of the triple's tail and of its head (softmax over all entities). */
    private static double[] embedding(TripleClassification.Labelled l, LinkScorer scorer, ExecutorService pool,
                                      int threads) throws InterruptedException {
        double[] out = new double[l.size()];
        List<Future<?>> parts = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int from = w;
            parts.add(pool.submit(() -> {
                LinkScorer.Session session = scorer.newSession();
                for (int i = from; i < l.size(); i += threads) {
                    if (l.heads()[i] < 0 || l.relations()[i] < 0 || l.tails()[i] < 0) {
                        out[i] = Double.NEGATIVE_INFINITY;
                        continue;
                    }
                    double tail = logSoftmax(session.score(l.heads()[i], l.relations()[i], Direction.OUT), l.tails()[i]);
                    double head = logSoftmax(session.score(l.tails()[i], l.relations()[i], Direction.IN), l.heads()[i]);
                    out[i] = (tail + head) / 2;
                }
            }));
        }
        join(parts);
        return out;
    }

    private static double logSoftmax(Scores s, int answer) {
        if (!(s instanceof Scores.Dense d)) {
            throw new IllegalStateException("an embedding model scores every entity");
        }
        float[] v = d.values();
        double max = Double.NEGATIVE_INFINITY;
        for (float x : v) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (float x : v) {
            sum += Math.exp(x - max);
        }
        return v[answer] - max - Math.log(sum);
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

    private static void join(List<Future<?>> parts) throws InterruptedException {
        for (Future<?> f : parts) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("scoring failed: " + e.getCause(), e.getCause());
            }
        }
    }
}
