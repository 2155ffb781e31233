package org.strata.cli.commands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.strata.cli.shell.CliOptions;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Invocation;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.eval.EvaluationJob;
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

    @Override
    public int run(Invocation in) {
        Dataset data = Dataset.load(Path.of(in.require(GraphOptions.DATA, name())));
        String out = in.require(CliOptions.OUT, name());
        LocalTrainer.Settings s = LocalOptions.settings(in, 2);
        SpreadGraph graph = SpreadGraph.of(data);
        int threads = GraphOptions.threads(in);
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
        EvaluationResult valid = EvaluationJob.run(data, new SpreadScorer(graph, r.model()), "valid", threads,
                in.progress());
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
