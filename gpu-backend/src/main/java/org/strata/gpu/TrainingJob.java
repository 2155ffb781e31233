package org.strata.gpu;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.OptionValues;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Dataset;
import org.strata.gpu.engine.Engine;
import org.strata.gpu.train.EpochReport;
import org.strata.gpu.train.TrainParameters;
import org.strata.gpu.train.TrainResult;
import org.strata.gpu.train.Trainer;

/**
 * One embedding training run as {@code strata train} and {@code strata bench train} run it: the engine the
 * options choose, a pool of the asked threads, an optional time limit; engine and pool are released when
 * it ends.
 *
 * @param parameters what to train and how
 * @param engine     which engine computes
 * @param threads    worker threads (CPU engine and evaluation)
 * @param maxSeconds stop at the first epoch boundary after this many seconds (0: no limit)
 */
public record TrainingJob(TrainParameters parameters, GpuOptions.EngineKind engine, int threads, double maxSeconds) {

    public TrainingJob {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (!(maxSeconds >= 0)) {
            throw new IllegalArgumentException("maxSeconds must be at least 0, got " + maxSeconds);
        }
    }

    /** From typed option values. */
    public static TrainingJob of(OptionValues values) {
        return new TrainingJob(GpuOptions.trainParameters(values), values.get(GpuOptions.ENGINE),
                GraphOptions.threads(values), values.get(GpuOptions.MAX_SECONDS));
    }

    /**
     * Trains on {@code data}; {@code onStart} hears the engine's description before the first epoch,
     * {@code onEpoch} each epoch as it ends.
     *
     * @throws org.strata.gpu.engine.EngineUnavailableException when the engine cannot run here
     */
    public TrainResult run(Dataset data, ProgressListener progress, Consumer<String> onStart,
                           Consumer<EpochReport> onEpoch) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Engine e = Engines.open(engine, threads)) {
            onStart.accept(e.description());
            return new Trainer(e, data, parameters, pool, threads, progress, onEpoch::accept,
                    maxSeconds > 0 ? TerminationFlag.withDeadline(maxSeconds) : TerminationFlag.running()).train();
        } finally {
            pool.shutdownNow();
        }
    }
}
