package org.strata.rules.local;

import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.config.OptionValues;

/** The options of local learning on the spread network ({@code strata learn}, {@code strata bench local}). */
public final class LocalOptions {

    private LocalOptions() {
    }

    public static final Option<LocalRule> RULE = Option.choice("learn", "rule", LocalRule.class)
            .description("How the gates learn: phase (contrastive Hebbian, ±β nudging), phase-plain (free vs +β), "
                    + "kinase (fast/slow activity traces), bptt (backprop through the K steps), bptt-checkpoint")
            .defaultValue(LocalRule.PHASE).build();

    public static final Option<Integer> STEPS = Option.integer("learn", "steps").label("K")
            .description("Settling steps per phase (a relation path of length L needs 2L - 1)").defaultValue(5)
            .range(1, 1_000).build();

    public static final Option<Integer> EPOCHS = Option.integer("learn", "epochs").label("E")
            .description("Passes over the training queries").defaultValue(10).range(1, 100_000).build();

    public static final Option<Integer> BATCH = Option.integer("learn", "batch").label("B")
            .description("Training queries per update").defaultValue(64).range(1, 1_000_000).build();

    public static final Option<Double> RATE = Option.decimal("learn", "rate").label("X")
            .description("Step size (Adagrad-scaled, soft-bounded) of the gate and bias updates").defaultValue(0.03).between(1e-9,
                    1e6).build();

    public static final Option<Double> BETA = Option.decimal("learn", "beta").label("X")
            .description("Nudging strength of the outcome phase (phase and kinase rules): the answer units are pushed by "
                    + "β (p - y), p the predicted distribution, y the answer").defaultValue(0.01)
            .between(1e-9, 100).build();

    public static final Option<Double> GAIN = Option.decimal("learn", "gain").label("X")
            .description("Scores are gain × answer activity; the cost is the softmax cross-entropy of those")
            .defaultValue(30.0).between(1e-6, 1e6).build();

    public static final Option<Integer> QUERIES = Option.integer("learn", "queries").label("N")
            .description("Training queries per epoch, sampled afresh each epoch (0: all, both directions of every fact)")
            .defaultValue(0).range(0, Integer.MAX_VALUE).build();

    public static final Option<String> WEIGHTS = Option.string("learn", "weights").label("FILE")
            .description("Learned weights: a rule combination written by 'strata rules train' (eval --scorer rules, "
                    + "predict), or a spread network written by 'strata learn' (eval --scorer spread)").build();

    public static final Option<Integer> SEEDS = Option.integer("learn", "seeds").label("N")
            .description("Seeds per learning rule in 'bench local' (mean and spread are reported)").defaultValue(5)
            .range(1, 1_000).build();

    public static final Option<String> PARTS = Option.string("learn", "parts").label("LIST")
            .description("What 'bench local' measures: quality, memory, continual, streaming (comma-separated)")
            .defaultValue("quality,memory,continual,streaming").build();

    public static final Option<Integer> STREAM = Option.integer("learn", "stream").label("N")
            .description("Facts streamed in one at a time by 'bench local' (at most a tenth of the training facts)")
            .defaultValue(1_000).range(1, 1_000_000).build();

    /** Every gate starts here: half open, so the network settles (spectral radius at most 0.5). */
    public static final float INITIAL_GATE = 0.5f;

    /**
     * Local-learning settings from typed option values, with backprop compared on {@code cosineBatches}
     * batches an epoch.
     */
    public static LocalTrainer.Settings settings(OptionValues values, int cosineBatches) {
        return new LocalTrainer.Settings(values.get(RULE), values.get(STEPS), values.get(EPOCHS), values.get(BATCH),
                values.get(RATE), values.get(BETA), values.get(GAIN).floatValue(), INITIAL_GATE,
                values.get(GraphOptions.SEED), values.get(QUERIES), cosineBatches);
    }
}
