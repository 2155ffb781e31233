package org.strata.cli.commands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.strata.cli.CliOptions;
import org.strata.cli.Command;
import org.strata.cli.Invocation;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.eval.EvaluationResult;
import org.strata.graph.projection.Dataset;
import org.strata.rules.local.LocalOptions;
import org.strata.rules.local.LocalTrainer;
import org.strata.rules.spread.SpreadGraph;
import org.strata.rules.spread.SpreadModel;
import org.strata.rules.spread.SpreadScorer;

/**
 * {@code strata learn}: trains the gates of the spreading-activation scorer with a local phase-based
 * rule or with backprop through its settling steps, and writes the weights.
 */
public final class LearnCommand implements Command {

    @Override
    public String name() {
        return "learn";
    }

    @Override
    public String summary() {
        return "Train the spreading-activation scorer with a local phase-based rule or backprop through its K steps";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.DATA, LocalOptions.RULE, LocalOptions.STEPS, LocalOptions.EPOCHS, LocalOptions.BATCH,
                LocalOptions.RATE, LocalOptions.BETA, LocalOptions.GAIN, LocalOptions.QUERIES, GraphOptions.SEED,
                GraphOptions.THREADS, CliOptions.OUT, CliOptions.PROGRESS);
    }

    /** The training settings the options give, with backprop compared on {@code cosineBatches} batches an epoch. */
    public static LocalTrainer.Settings settings(Invocation in, int cosineBatches) {
        return new LocalTrainer.Settings(in.get(LocalOptions.RULE), in.get(LocalOptions.STEPS), in.get(LocalOptions.EPOCHS),
                in.get(LocalOptions.BATCH), in.get(LocalOptions.RATE), in.get(LocalOptions.BETA),
                in.get(LocalOptions.GAIN).floatValue(), INITIAL_GATE, in.get(GraphOptions.SEED), in.get(LocalOptions.QUERIES),
                cosineBatches);
    }

    /** Every gate starts here: half open, so the network settles (spectral radius at most 0.5). */
    static final float INITIAL_GATE = 0.5f;

    /** The network over a dataset's training facts, with every entity and relation of all splits. */
    public static SpreadGraph graph(Dataset data) {
        return org.strata.rules.local.LocalBenchmark.graph(data, data.train());
    }

    @Override
    public int run(Invocation in) {
        Dataset data = Dataset.load(Path.of(in.require(GraphOptions.DATA, name())));
        String out = in.require(CliOptions.OUT, name());
        LocalTrainer.Settings s = settings(in, 2);
        SpreadGraph graph = graph(data);
        int threads = RulesLearnCommand.threads(in.get(GraphOptions.THREADS));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        in.out().printf(Locale.ROOT, "Learning the spread network of %s (%,d units, %,d couplings) with %s, K=%d%n",
                data.name(), graph.units(), graph.couplings() / 2, s.rule().label(), s.steps());
        LocalTrainer.Result r;
        try {
            SpreadModel model = new SpreadModel(graph.relations(), graph.entities(), s.steps(), s.gain(),
                    s.initialGate(), LocalTrainer.INITIAL_BIAS);
            r = LocalTrainer.train(graph, model, data.train(), s, pool, threads, in.progress(), e -> in.out().printf(
                    Locale.ROOT, "  epoch %d: cost %.4f, %.1f s, learning state %,d bytes, cosine with backprop %.3f%n",
                    e.epoch(), e.cost(), e.seconds(), e.stateBytes(), e.cosine()));
        } finally {
            pool.shutdownNow();
        }
        EvaluationResult valid = EvalCommand.evaluate(data, new SpreadScorer(graph, r.model()), GraphOptions.Split.VALID,
                threads, in.progress());
        in.out().printf(Locale.ROOT, "  validation MRR %.4f, Hits@10 %.4f%n", valid.mrr(), valid.hits10());
        try {
            r.model().save(Path.of(out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
        in.out().println("  weights written to " + out + "; evaluate with: strata eval --data " + data.folder()
                + " --scorer spread --weights " + out);
        return 0;
    }
}
