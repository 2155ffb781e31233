package org.strata.cli.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.strata.cli.shell.UsageException;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.eval.EvaluationResult;
import org.strata.graph.eval.LinkPredictionEvaluator;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Dataset;
import org.strata.rules.RulesOptions;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.apply.RuleScorer;
import org.strata.rules.learn.LearnParameters;
import org.strata.rules.learn.LearnResult;
import org.strata.rules.learn.RuleLearner;

/**
 * {@code strata bench rules}: learns rules on a dataset for the largest budget and, at each checkpoint,
 * evaluates the rules found so far with the shared evaluator: the anytime curve. Prints rules/s,
 * evaluation queries/s and peak heap; with {@code --combine}, at the last checkpoint also every aggregation and
 * learned combination of those rules, in one table.
 */
final class BenchRulesCommand implements Command {

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public String summary() {
        return "Learn rules on a dataset and evaluate them at checkpoints: the anytime curve, rules/s, queries/s, heap";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.DATA, CliOptions.CHECKPOINTS, GraphOptions.THREADS, GraphOptions.SEED, RulesOptions.CANDIDATES,
                RulesOptions.SETTLE, RulesOptions.AGGREGATE, RulesOptions.MAX_ACYCLIC, RulesOptions.NO_ZERO_RULES, CliOptions.COMBINE,
                org.strata.rules.combine.CombineOptions.TRAIN_FACTS, org.strata.rules.combine.CombineOptions.VALID_FACTS,
                org.strata.rules.combine.CombineOptions.COMBINE_SECONDS,
                org.strata.rules.combine.CombineOptions.NO_CALIBRATION, CliOptions.JSON, CliOptions.PROGRESS);
    }

    @Override
    public int run(Invocation in) {
        Dataset data = Dataset.load(Path.of(in.require(GraphOptions.DATA, "bench rules")));
        double[] checkpoints = parse(in.get(CliOptions.CHECKPOINTS));
        int threads = in.get(GraphOptions.THREADS) == 0 ? Runtime.getRuntime().availableProcessors()
                : in.get(GraphOptions.THREADS);
        LearnParameters p = LearnParameters.defaults(checkpoints[checkpoints.length - 1], threads, in.get(GraphOptions.SEED))
                .withShapes(in.get(RulesOptions.MAX_ACYCLIC), !in.get(RulesOptions.NO_ZERO_RULES));
        int candidates = in.get(RulesOptions.CANDIDATES);
        int settle = Math.min(candidates, in.get(RulesOptions.SETTLE));
        List<Map<String, Object>> curve = new ArrayList<>();
        in.out().println("Rules on " + data.name() + ", " + threads + " threads, seed " + p.seed()
                + "; evaluated on test with the shared protocol (filtered, both directions, ties at the mean)");
        in.out().printf("  %8s %10s %9s %8s %8s %8s %10s %10s%n", "learn s", "rules", "rules/s", "MRR", "Hits@1",
                "Hits@10", "eval s", "queries/s");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (HeapWatch heap = new HeapWatch()) {
            LearnResult r = new RuleLearner(data.trainProjection(), p, pool, ProgressListener.NONE,
                    TerminationFlag.running()).learn(checkpoints, (seconds, rules) -> {
                        RuleEngine engine = new RuleEngine(data.trainProjection(), rules, p.pc(),
                                in.get(RulesOptions.AGGREGATE), 10);
                        EvaluationResult e = new LinkPredictionEvaluator(pool, threads, ProgressListener.NONE)
                                .evaluate(data, "test", new RuleScorer(engine, candidates, settle, 50_000, data.allProjection()));
                        Map<String, Object> point = new LinkedHashMap<>();
                        point.put("learnSeconds", seconds);
                        point.put("rules", rules.size());
                        point.put("rulesPerSecond", rules.size() / seconds);
                        point.put("evaluation", e);
                        point.put("queriesPerSecond", e.queries() / e.seconds());
                        curve.add(point);
                        in.out().printf("  %8.1f %10s %9s %8.4f %8.4f %8.4f %10.1f %10s%n", seconds, Format.count(rules.size()),
                                Format.count(Math.round(rules.size() / seconds)), e.mrr(), e.hits1(), e.hits10(),
                                e.seconds(), Format.count(Math.round(e.queries() / e.seconds())));
                        in.out().flush();
                        if (in.get(CliOptions.COMBINE) && curve.size() == checkpoints.length) {
                            point.put("combinations", CombinationTable.print(in, data, rules, p.pc(), seconds, true,
                                    pool, threads, p.seed()));
                        }
                    });
            long live = heap.peakAfterCollection();
            long peak = HeapWatch.peakUsed();
            in.out().println("  learning ran " + r.rounds() + " rounds (" + Format.count(r.samples()) + " paths)");
            in.out().println("  peak heap: " + Format.bytes(live) + " live (the most left after a collection) of "
                    + Format.bytes(Runtime.getRuntime().maxMemory()) + " usable");
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("dataset", data.name());
            report.put("threads", threads);
            report.put("seed", p.seed());
            report.put("curve", curve);
            report.put("peakHeapBytes", live);
            report.put("heapPoolPeaksBytes", peak);
            report.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
            String json = in.get(CliOptions.JSON);
            if (json != null) {
                JsonOutput.write(Path.of(json), report);
                in.out().println("  written to " + json);
            }
        } finally {
            pool.shutdownNow();
        }
        return 0;
    }

    static double[] parse(String list) {
        try {
            double[] v = Arrays.stream(list.split(",")).map(String::strip).mapToDouble(Double::parseDouble).sorted().toArray();
            if (v.length == 0 || v[0] <= 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("--checkpoints: expected positive seconds separated by commas, got '" + list + "'");
        }
    }
}
