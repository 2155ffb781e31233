package org.strata.cli.commands;

import java.nio.file.Path;
import java.util.List;
import org.strata.cli.print.ResultPrinter;
import org.strata.cli.shell.CliOptions;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Invocation;
import org.strata.cli.shell.JsonOutput;
import org.strata.cli.shell.RuleFiles;
import org.strata.cli.shell.UsageException;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.eval.EvaluationJob;
import org.strata.graph.eval.EvaluationResult;
import org.strata.graph.eval.FrequencyScorer;
import org.strata.graph.eval.LinkScorer;
import org.strata.graph.projection.Dataset;
import org.strata.gpu.GpuOptions;
import org.strata.gpu.eval.EmbeddingScorer;
import org.strata.gpu.model.ModelFile;
import org.strata.rules.RulesOptions;
import org.strata.rules.combine.CombineOptions;
import org.strata.rules.combine.RuleNetwork;
import org.strata.rules.job.RuleInference;
import org.strata.rules.local.LocalOptions;
import org.strata.rules.model.Rule;
import org.strata.rules.spread.SpreadGraph;
import org.strata.rules.spread.SpreadModel;
import org.strata.rules.spread.SpreadScorer;

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
        return List.of(GraphOptions.DATA, CliOptions.SCORER, RulesOptions.RULES, GpuOptions.MODEL_FILE, LocalOptions.WEIGHTS,
                RulesOptions.AGGREGATE,
                CombineOptions.MAX_CANDIDATES, CombineOptions.MAX_RULES,
                RulesOptions.CANDIDATES, RulesOptions.SETTLE, RulesOptions.PC, GraphOptions.SPLIT, GraphOptions.THREADS,
                CliOptions.PER_RELATION, CliOptions.JSON, CliOptions.PROGRESS);
    }

    @Override
    public int run(Invocation in) {
        Dataset data = Dataset.load(Path.of(in.require(GraphOptions.DATA, name())));
        LinkScorer scorer = switch (in.get(CliOptions.SCORER)) {
            case FREQUENCY -> new FrequencyScorer(data.trainProjection());
            case RULES -> {
                List<Rule> rules = RuleFiles.read(in, data.trainProjection(), "eval --scorer rules");
                RuleNetwork network = RuleFiles.weights(in, rules, data.trainProjection());
                yield RuleInference.of(in).scorer(data.trainProjection(), rules, network, data.allProjection());
            }
            case EMBEDDING -> new EmbeddingScorer(ModelFile.read(Path.of(in.require(GpuOptions.MODEL_FILE,
                    "eval --scorer embedding"))), data.entities(), data.relations());
            case SPREAD -> {
                SpreadModel model = SpreadModel.load(Path.of(in.require(LocalOptions.WEIGHTS, "eval --scorer spread")));
                if (model.relations() != data.relations().size() || model.entities() != data.entities().size()) {
                    throw new UsageException("--weights: learned on a dataset with " + model.relations()
                            + " relations and " + model.entities() + " entities; " + data.name() + " has "
                            + data.relations().size() + " and " + data.entities().size());
                }
                yield new SpreadScorer(SpreadGraph.of(data), model);
            }
        };
        EvaluationResult r = EvaluationJob.run(data, scorer, in.get(GraphOptions.SPLIT).name(),
                GraphOptions.threads(in), in.progress());
        ResultPrinter.evaluation(in, r);
        if (in.isSet(CliOptions.PER_RELATION)) {
            ResultPrinter.relations(in, r);
        }
        String json = in.get(CliOptions.JSON);
        if (json != null) {
            JsonOutput.write(Path.of(json), r);
            in.out().println("  written to " + json);
        }
        return 0;
    }
}
