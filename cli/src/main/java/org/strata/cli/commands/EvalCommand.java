package org.strata.cli.commands;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.strata.cli.CliOptions;
import org.strata.cli.Command;
import org.strata.cli.Format;
import org.strata.cli.Invocation;
import org.strata.cli.JsonOutput;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.eval.EvaluationResult;
import org.strata.graph.eval.FrequencyScorer;
import org.strata.graph.eval.LinkPredictionEvaluator;
import org.strata.graph.eval.LinkScorer;
import org.strata.graph.eval.Metrics;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.projection.Dataset;
import org.strata.gpu.GpuOptions;
import org.strata.gpu.eval.EmbeddingScorer;
import org.strata.gpu.model.ModelFile;
import org.strata.rules.RulesOptions;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.apply.RuleScorer;

/** {@code strata eval}: the shared filtered link-prediction evaluation of a scorer on a dataset. */
public final class EvalCommand implements Command {

    @Override
    public String name() {
        return "eval";
    }

    @Override
    public String summary() {
        return "Evaluate a scorer by filtered link prediction (head and tail queries, ties at the mean rank)";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.DATA, CliOptions.SCORER, RulesOptions.RULES, GpuOptions.MODEL_FILE, org.strata.rules.local.LocalOptions.WEIGHTS, RulesOptions.AGGREGATE,
                org.strata.rules.combine.CombineOptions.MAX_CANDIDATES, org.strata.rules.combine.CombineOptions.MAX_RULES,
                RulesOptions.CANDIDATES, RulesOptions.SETTLE, RulesOptions.PC, GraphOptions.SPLIT, GraphOptions.THREADS,
                CliOptions.JSON, CliOptions.PROGRESS);
    }

    @Override
    public int run(Invocation in) {
        Dataset data = Dataset.load(Path.of(in.require(GraphOptions.DATA, name())));
        LinkScorer scorer = switch (in.get(CliOptions.SCORER)) {
            case FREQUENCY -> new FrequencyScorer(data.trainProjection());
            case RULES -> {
                int candidates = in.get(RulesOptions.CANDIDATES);
                java.util.List<org.strata.rules.model.Rule> rules = RuleFiles.read(in, data.trainProjection(),
                        "eval --scorer rules");
                org.strata.rules.combine.RuleNetwork network = RuleFiles.weights(in, rules, data.trainProjection());
                if (network != null) {
                    RuleEngine firing = new RuleEngine(data.trainProjection(), rules, in.get(RulesOptions.PC),
                            org.strata.rules.apply.Aggregation.NOISY_OR, 1);
                    yield new org.strata.rules.combine.NetworkScorer(firing, network,
                            in.get(org.strata.rules.combine.CombineOptions.MAX_CANDIDATES),
                            in.get(org.strata.rules.combine.CombineOptions.MAX_RULES), MAX_VISITS, data.allProjection());
                }
                RuleEngine engine = new RuleEngine(data.trainProjection(), rules, in.get(RulesOptions.PC),
                        in.get(RulesOptions.AGGREGATE), RULE_DEPTH);
                yield new RuleScorer(engine, candidates, Math.min(candidates, in.get(RulesOptions.SETTLE)), MAX_VISITS,
                        data.allProjection());
            }
            case EMBEDDING -> new EmbeddingScorer(ModelFile.read(Path.of(in.require(GpuOptions.MODEL_FILE,
                    "eval --scorer embedding"))), data.entities(), data.relations());
            case SPREAD -> {
                org.strata.rules.spread.SpreadModel model = org.strata.rules.spread.SpreadModel.load(Path.of(in.require(
                        org.strata.rules.local.LocalOptions.WEIGHTS, "eval --scorer spread")));
                if (model.relations() != data.relations().size() || model.entities() != data.entities().size()) {
                    throw new org.strata.cli.UsageException("--weights: learned on a dataset with " + model.relations()
                            + " relations and " + model.entities() + " entities; " + data.name() + " has "
                            + data.relations().size() + " and " + data.entities().size());
                }
                yield new org.strata.rules.spread.SpreadScorer(LearnCommand.graph(data), model);
            }
        };
        EvaluationResult r = evaluate(data, scorer, in.get(GraphOptions.SPLIT), in.get(GraphOptions.THREADS),
                in.progress());
        print(in, r);
        String json = in.get(CliOptions.JSON);
        if (json != null) {
            JsonOutput.write(Path.of(json), r);
            in.out().println("  written to " + json);
        }
        return 0;
    }

    /** Confidences a candidate keeps for max-plus tie-breaking (10: measured as good as 30 on FB15k-237). */
    static final int RULE_DEPTH = 10;
    /** Edge visits allowed to one rule walk during inference. */
    static final int MAX_VISITS = 50_000;

    /** Runs the evaluation with its own pool of {@code threads} workers (0: one per core). */
    public static EvaluationResult evaluate(Dataset data, LinkScorer scorer, GraphOptions.Split split, int threads,
                                            ProgressListener progress) {
        int n = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            return new LinkPredictionEvaluator(pool, n, progress).evaluate(data, split.name().toLowerCase(), scorer);
        } finally {
            pool.shutdownNow();
        }
    }

    public static void print(Invocation in, EvaluationResult r) {
        in.out().println("Evaluation of " + r.scorer() + " on " + r.dataset() + " (" + r.split() + ", filtered, both "
                + "directions, ties at the mean rank)");
        in.out().printf("  %-6s %8s %8s %8s %8s %8s%n", "", "queries", "MRR", "Hits@1", "Hits@3", "Hits@10");
        row(in, "both", new Metrics(r.queries(), r.mrr(), r.hits1(), r.hits3(), r.hits10()));
        row(in, "tail", r.tail());
        row(in, "head", r.head());
        in.out().println("  " + Format.count(r.unseenQueries()) + " queries with an entity or relation unseen in "
                + "training count as misses; " + Format.decimal(r.seconds(), 2) + " s");
    }

    private static void row(Invocation in, String label, Metrics m) {
        in.out().printf("  %-6s %8d %8.4f %8.4f %8.4f %8.4f%n", label, m.queries(), m.mrr(), m.hits1(), m.hits3(), m.hits10());
    }

}
