package org.strata.cli.commands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.strata.cli.print.TrainingPrinter;
import org.strata.cli.shell.CliOptions;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Invocation;
import org.strata.cli.shell.JsonOutput;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.projection.Dataset;
import org.strata.gpu.TrainingJob;
import org.strata.gpu.GpuOptions;
import org.strata.gpu.model.ModelFile;
import org.strata.gpu.train.TrainResult;

/** {@code strata train}: an embedding model trained by backprop on a dataset, into a model file. */
public final class TrainCommand implements Command {

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "Train an embedding model (ComplEx, DistMult, TransE) by backprop on a dataset, into a model file";
    }

    @Override
    public List<Option<?>> options() {
        List<Option<?>> all = new ArrayList<>(GpuOptions.TRAINING);
        all.addAll(List.of(CliOptions.OUT, CliOptions.JSON, CliOptions.PROGRESS));
        return all;
    }

    @Override
    public int run(Invocation in) {
        Path out = Path.of(in.require(CliOptions.OUT, "train"));
        Dataset data = Dataset.load(Path.of(in.require(GraphOptions.DATA, name())));
        TrainingJob job = TrainingJob.of(in);
        TrainResult r = job.run(data, in.progress(), engine -> TrainingPrinter.heading(in, job.parameters(), data, engine),
                e -> TrainingPrinter.epoch(in, e, job.parameters()));
        TrainingPrinter.summary(in, r, job.maxSeconds());
        ModelFile.write(r.model(), out);
        in.out().println("  written to " + out);
        String json = in.get(CliOptions.JSON);
        if (json != null) {
            JsonOutput.write(Path.of(json), TrainingPrinter.report(r, data));
            in.out().println("  report written to " + json);
        }
        return 0;
    }
}
