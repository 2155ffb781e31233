package org.strata.cli.commands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.strata.cli.CliOptions;
import org.strata.cli.Command;
import org.strata.cli.Format;
import org.strata.cli.Invocation;
import org.strata.cli.JsonOutput;
import org.strata.cli.UsageException;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Dataset;
import org.strata.gpu.GpuOptions;
import org.strata.gpu.engine.Engine;
import org.strata.gpu.engine.EngineUnavailableException;
import org.strata.gpu.engine.Engines;
import org.strata.gpu.model.ModelFile;
import org.strata.gpu.train.EpochReport;
import org.strata.gpu.train.TrainParameters;
import org.strata.gpu.train.TrainResult;
import org.strata.gpu.train.Trainer;

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

    /** The options that shape a training run, shared with bench train. */
    public static final List<Option<?>> TRAINING = List.of(GraphOptions.DATA, GpuOptions.MODEL_KIND, GpuOptions.DIM,
            GpuOptions.EPOCHS, GpuOptions.BATCH, GpuOptions.LR, GpuOptions.REG, GpuOptions.OPTIMIZER, GpuOptions.INIT,
            GpuOptions.EVAL_EVERY, GpuOptions.PATIENCE, GpuOptions.MAX_SECONDS, GpuOptions.ENGINE, GraphOptions.SEED, GraphOptions.THREADS);

    @Override
    public List<Option<?>> options() {
        List<Option<?>> all = new ArrayList<>(TRAINING);
        all.addAll(List.of(CliOptions.OUT, CliOptions.JSON, CliOptions.PROGRESS));
        return all;
    }

    @Override
    public int run(Invocation in) {
        Path out = Path.of(in.require(CliOptions.OUT, "train"));
        Dataset data = Dataset.load(Path.of(in.require(GraphOptions.DATA, name())));
        TrainResult r = train(in, data);
        ModelFile.write(r.model(), out);
        in.out().println("  written to " + out);
        String json = in.get(CliOptions.JSON);
        if (json != null) {
            JsonOutput.write(Path.of(json), reportOf(r, data));
            in.out().println("  report written to " + json);
        }
        return 0;
    }

    /** Trains with the invocation's settings, printing a line per epoch and a summary. */
    public static TrainResult train(Invocation in, Dataset data) {
        int threads = RulesLearnCommand.threads(in.get(GraphOptions.THREADS));
        TrainParameters p = parameters(in);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Engine engine = open(in, threads)) {
            in.out().println("Training " + p.model().name().toLowerCase() + " (dim " + p.dim() + ") on " + data.name()
                    + ": " + Format.count(data.train().size()) + " facts, " + Format.count(data.entities().size())
                    + " entities, " + Format.count(data.relations().size()) + " relations; " + engine.description());
            in.out().flush();
            double limit = in.get(GpuOptions.MAX_SECONDS);
            TrainResult r = new Trainer(engine, data, p, pool, threads, in.progress(), e -> epochLine(in, e, p),
                    limit > 0 ? TerminationFlag.withDeadline(limit) : TerminationFlag.running()).train();
            EpochReport kept = r.epochs().stream().filter(EpochReport::best).reduce((a, b) -> b)
                    .orElse(r.epochs().isEmpty() ? null : r.epochs().get(r.epochs().size() - 1));
            in.out().println("  " + r.epochs().size() + (r.epochs().size() == 1 ? " epoch" : " epochs")
                    + (r.stoppedEarly() ? " (stopped early)" : "")
                    + (r.stoppedByRequest() ? " (stopped at the time limit, " + Format.decimal(limit, 0) + " s)" : "")
                    + "; kept epoch " + (kept == null ? "0 (the initial parameters)" : kept.epoch())
                    + (kept != null && !Double.isNaN(kept.validMrr()) ? ", validation MRR " + Format.decimal(kept.validMrr(), 4)
                    : ""));
            in.out().println("  activation memory " + Format.bytes(r.activationBytes()) + " a batch (kept by the forward pass"
                    + " for the backward pass); engine peak " + Format.bytes(r.peakEngineBytes()) + "; parameters "
                    + Format.bytes(r.model().parameterBytes()));
            return r;
        } finally {
            pool.shutdownNow();
        }
    }

    public static Engine open(Invocation in, int threads) {
        try {
            return Engines.open(in.get(GpuOptions.ENGINE), threads);
        } catch (EngineUnavailableException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static TrainParameters parameters(Invocation in) {
        return new TrainParameters(in.get(GpuOptions.MODEL_KIND), in.get(GpuOptions.DIM), in.get(GpuOptions.EPOCHS),
                in.get(GpuOptions.BATCH), in.get(GpuOptions.LR), in.get(GpuOptions.REG), in.get(GpuOptions.OPTIMIZER),
                in.get(GpuOptions.INIT), in.get(GraphOptions.SEED), in.get(GpuOptions.EVAL_EVERY),
                in.get(GpuOptions.PATIENCE));
    }

    private static void epochLine(Invocation in, EpochReport e, TrainParameters p) {
        in.out().printf("  epoch %3d/%d  loss %.4f  %s  %6.1f s  %s facts/s%n", e.epoch(), p.epochs(), e.loss(),
                Double.isNaN(e.validMrr()) ? "                  " : String.format(java.util.Locale.ROOT,
                        "valid MRR %.4f%s", e.validMrr(), e.best() ? " *" : "  "),
                e.seconds(), Format.count(Math.round(e.triplesPerSecond())));
        in.out().flush();
    }

    /** The run as JSON: settings, epochs and memory. */
    public static Map<String, Object> reportOf(TrainResult r, Dataset data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", data.name());
        m.put("model", r.model().kind().name().toLowerCase());
        m.put("dim", r.model().dim());
        m.put("info", r.model().info());
        m.put("epochs", r.epochs());
        m.put("stoppedEarly", r.stoppedEarly());
        m.put("stoppedAtTimeLimit", r.stoppedByRequest());
        m.put("activationBytes", r.activationBytes());
        m.put("peakEngineBytes", r.peakEngineBytes());
        m.put("parameterBytes", r.model().parameterBytes());
        return m;
    }
}
