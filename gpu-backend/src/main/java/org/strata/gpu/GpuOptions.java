package org.strata.gpu;

import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.config.OptionValues;
import org.strata.gpu.model.ModelKind;
import org.strata.gpu.train.Optimizer;
import org.strata.gpu.train.TrainParameters;

/** The options of embedding training, scoring and proposing. */
public final class GpuOptions {

    private GpuOptions() {
    }

    /** Where training runs. */
    public enum EngineKind { CPU, CUDA }

    public static final Option<ModelKind> MODEL_KIND = Option.choice("train", "model", ModelKind.class)
            .description("The embedding model: ComplEx, DistMult or TransE (squared L2)").defaultValue(ModelKind.COMPLEX)
            .build();

    public static final Option<Integer> DIM = Option.integer("train", "dim").label("D")
            .description("Embedding dimension (complex numbers for ComplEx, so 2·D reals a row)").defaultValue(256)
            .range(1, 100_000).build();

    public static final Option<Integer> EPOCHS = Option.integer("train", "epochs").label("E")
            .description("Most epochs to train; early stopping may end sooner").defaultValue(30).range(0, 1_000_000)
            .build();

    public static final Option<Integer> BATCH = Option.integer("train", "batch").label("B")
            .description("Queries per mini-batch (a training fact gives a tail query and a reciprocal head query)")
            .defaultValue(256).range(1, 1_000_000).build();

    public static final Option<Double> LR = Option.decimal("train", "lr").label("X")
            .description("Learning rate").defaultValue(0.1).between(1e-9, 100).build();

    public static final Option<Double> REG = Option.decimal("train", "reg").label("X")
            .description("N3 regularisation weight (Lacroix et al. 2018); 0 for none").defaultValue(0.01)
            .between(0, 1e6).build();

    public static final Option<Optimizer> OPTIMIZER = Option.choice("train", "optimizer", Optimizer.class)
            .description("Adagrad or Adam").defaultValue(Optimizer.ADAGRAD).build();

    public static final Option<Double> INIT = Option.decimal("train", "init").label("X")
            .description("Standard deviation of the initial parameters").defaultValue(1e-3).between(1e-12, 10).build();

    public static final Option<Integer> EVAL_EVERY = Option.integer("train", "eval-every").label("N")
            .description("Measure validation MRR every N epochs and keep the best epoch (0: keep the last)")
            .defaultValue(2).range(0, 1_000_000).build();

    public static final Option<Integer> PATIENCE = Option.integer("train", "patience").label("N")
            .description("Stop after N validations without a better MRR (0: never stop early)").defaultValue(3)
            .range(0, 1_000_000).build();

    public static final Option<Double> MAX_SECONDS = Option.decimal("train", "max-seconds").label("N")
            .description("Stop after the epoch during which N seconds of training have passed, validating it "
                    + "(0: no time limit)").defaultValue(0.0).between(0, 1e9).build();

    public static final Option<EngineKind> ENGINE = Option.choice("train", "engine", EngineKind.class)
            .description("Where to train: cpu, or cuda (an NVIDIA GPU through the CUDA driver)")
            .defaultValue(EngineKind.CPU).build();

    public static final Option<String> MODEL_FILE = Option.string("embedding", "model").label("FILE")
            .description("A trained model file (written by strata train --out); evolve, bench feed and bench gate "
                    + "take several, comma-separated, as independent opinions").build();

    public static final Option<Integer> TOP = Option.integer("embedding", "top").label("K")
            .description("How many proposals to list").defaultValue(20).range(1, 10_000_000).build();

    /** The options that shape a training run ({@code strata train}, {@code strata bench train}). */
    public static final java.util.List<Option<?>> TRAINING = java.util.List.of(GraphOptions.DATA, MODEL_KIND, DIM,
            EPOCHS, BATCH, LR, REG, OPTIMIZER, INIT, EVAL_EVERY, PATIENCE, MAX_SECONDS, ENGINE, GraphOptions.SEED,
            GraphOptions.THREADS);

    /** How to train an embedding model, from typed option values. */
    public static TrainParameters trainParameters(OptionValues values) {
        return new TrainParameters(values.get(MODEL_KIND), values.get(DIM), values.get(EPOCHS), values.get(BATCH),
                values.get(LR), values.get(REG), values.get(OPTIMIZER), values.get(INIT), values.get(GraphOptions.SEED),
                values.get(EVAL_EVERY), values.get(PATIENCE));
    }
}
