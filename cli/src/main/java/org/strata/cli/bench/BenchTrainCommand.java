package org.strata.cli.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.strata.cli.shell.CliOptions;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Format;
import org.strata.cli.shell.Invocation;
import org.strata.cli.shell.JsonOutput;
import org.strata.cli.print.ResultPrinter;
import org.strata.cli.print.TrainingPrinter;
import org.strata.graph.eval.EvaluationJob;
import org.strata.gpu.GpuOptions;
import org.strata.gpu.TrainingJob;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.eval.EvaluationResult;
import org.strata.graph.projection.Dataset;
import org.strata.gpu.eval.EmbeddingScorer;
import org.strata.gpu.train.EpochReport;
import org.strata.gpu.train.TrainResult;

/**
 * {@code strata bench train}: trains an embedding model and prints epoch time, facts/s, activation
 * memory, the engine's peak memory and the final test MRR by the shared evaluator.
 */
final class BenchTrainCommand implements Command {

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "Train an embedding model and print epoch time, facts/s, activation and peak memory, and test MRR";
    }

    @Override
    public List<Option<?>> options() {
        List<Option<?>> all = new ArrayList<>(GpuOptions.TRAINING);
        all.addAll(List.of(CliOptions.JSON, CliOptions.PROGRESS));
        return all;
    }

    @Override
    public int run(Invocation in) {
        Dataset data = Dataset.load(Path.of(in.require(GraphOptions.DATA, "bench train")));
        long start = System.nanoTime();
        TrainingJob job = TrainingJob.of(in);
        TrainResult r = job.run(data, in.progress(), engine -> TrainingPrinter.heading(in, job.parameters(), data, engine),
                e -> TrainingPrinter.epoch(in, e, job.parameters()));
        TrainingPrinter.summary(in, r, job.maxSeconds());
        double total = (System.nanoTime() - start) / 1e9;
        double seconds = 0;
        for (EpochReport e : r.epochs()) {
            seconds += e.seconds();
        }
        int epochs = Math.max(1, r.epochs().size());
        EvaluationResult test = EvaluationJob.run(data, new EmbeddingScorer(r.model(), data.entities(),
                data.relations()), "test", job.threads(), in.progress());
        ResultPrinter.evaluation(in, test);
        in.out().println("  epoch time " + Format.decimal(seconds / epochs, 2) + " s on average ("
                + Format.count(Math.round(data.train().size() * (double) epochs / seconds)) + " facts/s); whole run "
                + Format.decimal(total, 1) + " s with validation");
        String json = in.get(CliOptions.JSON);
        if (json != null) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("train", TrainingPrinter.report(r, data));
            report.put("test", test);
            report.put("secondsPerEpoch", seconds / epochs);
            report.put("totalSeconds", total);
            JsonOutput.write(Path.of(json), report);
            in.out().println("  written to " + json);
        }
        return 0;
    }
}
