package org.strata.cli.bench;

import java.nio.file.Path;
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
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Dataset;
import org.strata.rules.RulesOptions;
import org.strata.rules.combine.CombineOptions;
import org.strata.rules.combine.CombineParameters;
import org.strata.rules.learn.LearnParameters;
import org.strata.rules.learn.LearnResult;
import org.strata.rules.learn.RuleLearner;

/**
 * {@code strata bench combine}: learns rules on a dataset, then compares how they combine on the test split,
 * in one table: max-plus, noisy-or, noisy-or of the top k, the non-redundant noisy-or, and the rule network
 * trained by each learner from the same queries and start, within the same time budget. With
 * {@code --learner}, only max-plus and that learner.
 */
final class BenchCombineCommand implements Command {

    private static final int MAX_VISITS = CombineParameters.MAX_VISITS;

    @Override
    public String name() {
        return "combine";
    }

    @Override
    public String summary() {
        return "Learn rules, then compare every aggregation and learned combination on the test split, in one table";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.DATA, RulesOptions.SECONDS, RulesOptions.MAX_ACYCLIC, RulesOptions.NO_ZERO_RULES,
                CombineOptions.LEARNER, CombineOptions.TRAIN_FACTS,
                CombineOptions.VALID_FACTS,
                CombineOptions.EPOCHS, CombineOptions.COMBINE_SECONDS, CombineOptions.DECAY, CombineOptions.GROUP_DECAY,
                CombineOptions.OVERLAP, CombineOptions.RATE, CombineOptions.L2, CombineOptions.MAX_CANDIDATES,
                CombineOptions.MAX_RULES, CombineOptions.NO_CALIBRATION, GraphOptions.THREADS, GraphOptions.SEED, CliOptions.JSON);
    }

    @Override
    public int run(Invocation in) {
        Dataset data = Dataset.load(Path.of(in.require(GraphOptions.DATA, "bench combine")));
        int threads = in.get(GraphOptions.THREADS) == 0 ? Runtime.getRuntime().availableProcessors()
                : in.get(GraphOptions.THREADS);
        long seed = in.get(GraphOptions.SEED);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (HeapWatch heap = new HeapWatch()) {
            LearnParameters lp = LearnParameters.defaults(in.get(RulesOptions.SECONDS), threads, seed)
                    .withShapes(in.get(RulesOptions.MAX_ACYCLIC), !in.get(RulesOptions.NO_ZERO_RULES));
            LearnResult learned = new RuleLearner(data.trainProjection(), lp, pool, ProgressListener.NONE,
                    TerminationFlag.running()).learn();
            List<Map<String, Object>> rows = CombinationTable.print(in, data, learned.rules(), lp.pc(), learned.seconds(),
                    !in.isSet(CombineOptions.LEARNER), pool,
                    threads, seed);
            long live = heap.peakAfterCollection();
            in.out().println("  peak heap: " + Format.bytes(live) + " live of " + Format.bytes(Runtime.getRuntime().maxMemory()));
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("dataset", data.name());
            report.put("seed", seed);
            report.put("ruleSeconds", learned.seconds());
            report.put("rules", learned.rules().size());
            report.put("maxAcyclic", lp.maxAcyclic());
            report.put("rows", rows);
            report.put("peakHeapBytes", live);
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
}
