package org.strata.cli.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.strata.cli.shell.CliOptions;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Invocation;
import org.strata.cli.shell.JsonOutput;
import org.strata.cli.shell.UsageException;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.projection.Dataset;
import org.strata.rules.local.LocalOptions;
import org.strata.rules.local.LocalRule;
import org.strata.rules.local.LocalTrainer;

/**
 * {@code strata bench local}: the local phase-based rules against backprop on the same spread scorer:
 * quality over seeds, learning-state memory against K, time per epoch, cosine with the true gradient,
 * continual learning over relation chunks, and streaming facts; printed and, with --json, saved.
 */
final class BenchLocalCommand implements Command {

    @Override
    public String name() {
        return "local";
    }

    @Override
    public String summary() {
        return "Local phase-based learning against backprop on the spread scorer: quality, memory vs K, cosine, "
                + "continual and streaming";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.DATA, LocalOptions.STEPS, LocalOptions.EPOCHS, LocalOptions.BATCH, LocalOptions.RATE,
                LocalOptions.BETA, LocalOptions.GAIN, LocalOptions.QUERIES, LocalOptions.SEEDS, LocalOptions.PARTS,
                LocalOptions.STREAM, GraphOptions.THREADS, CliOptions.JSON, CliOptions.PROGRESS);
    }

    /** The rules compared for quality (bptt-checkpoint computes the same update as bptt: memory table only). */
    static final List<LocalRule> COMPARED = List.of(LocalRule.PHASE, LocalRule.KINASE, LocalRule.BPTT);

    /** ComplEx settings for the continual test: the defaults of 'strata train', 10 epochs per chunk, no early stop. */
    static final org.strata.gpu.train.TrainParameters COMPLEX = new org.strata.gpu.train.TrainParameters(
            org.strata.gpu.model.ModelKind.COMPLEX, 256, 10, 256, 0.1, 0.01, org.strata.gpu.train.Optimizer.ADAGRAD, 1e-3,
            1, 0, 0);

    /** The gradient path's ComplEx through the same five chunks (each continuing from the last model). */
    static LocalBenchmark.Continual complexContinual(Dataset data, ExecutorService pool, int threads, Invocation in) {
        int chunks = LocalBenchmark.CHUNKS;
        int[] group = LocalBenchmark.relationGroups(data.train(), data.relations().size(), chunks);
        double[][] mrr = new double[chunks][];
        org.strata.gpu.model.EmbeddingModel model = null;
        try (org.strata.gpu.engine.Engine engine = org.strata.gpu.Engines.open(org.strata.gpu.GpuOptions.EngineKind.CPU,
                threads)) {
            for (int i = 0; i < chunks; i++) {
                org.strata.gpu.train.Trainer t = new org.strata.gpu.train.Trainer(engine, data, COMPLEX, pool, threads,
                        org.strata.graph.progress.ProgressListener.NONE, e -> {
                        }, org.strata.graph.progress.TerminationFlag.running())
                        .onFacts(LocalBenchmark.chunk(data.train(), group, i));
                if (model != null) {
                    t.startingFrom(model);
                }
                model = t.train().model();
                double[] ranks = new org.strata.graph.eval.LinkPredictionEvaluator(pool, threads, in.progress()).ranks(data,
                        "test", new org.strata.gpu.eval.EmbeddingScorer(model, data.entities(), data.relations()));
                mrr[i] = LocalBenchmark.groupMrr(ranks, data.test(), group, chunks);
            }
        } catch (org.strata.gpu.engine.EngineUnavailableException e) {
            throw new IllegalStateException("the CPU engine is always available: " + e.getMessage(), e);
        }
        return LocalBenchmark.Continual.of("complex (backprop)", mrr);
    }

    @Override
    public int run(Invocation in) {
        Dataset data = Dataset.load(Path.of(in.require(GraphOptions.DATA, "bench local")));
        Set<String> parts = Set.of(in.get(LocalOptions.PARTS).toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
        for (String p : parts) {
            if (!List.of("quality", "memory", "continual", "streaming").contains(p)) {
                throw new UsageException("--parts: unknown part '" + p + "'; use quality, memory, continual, streaming");
            }
        }
        int threads = GraphOptions.threads(in);
        LocalTrainer.Settings s = LocalOptions.settings(in, 0); // rule and seed set per run
        LocalBenchmark.Config c = new LocalBenchmark.Config(s, COMPARED, in.get(LocalOptions.SEEDS), threads);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dataset", data.name());
        json.put("settings", s);
        in.out().printf(Locale.ROOT, "Local learning against backprop on %s: spread scorer, K=%d, %d epochs of %s queries, "
                        + "batch %d, rate %s, beta %s, gain %s, %d threads%n", data.name(), s.steps(), s.epochs(),
                s.queriesPerEpoch() == 0 ? "all" : String.valueOf(s.queriesPerEpoch()), s.batch(), s.rate(), s.beta(),
                s.gain(), threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            if (parts.contains("quality")) {
                long start = System.nanoTime();
                List<LocalBenchmark.Quality> q = LocalBenchmark.quality(data, c, pool, in.progress());
                in.out().printf(Locale.ROOT, "Quality (test, filtered, both directions, ties at the mean; %d seeds; %.0f s)%n",
                        c.seeds(), (System.nanoTime() - start) / 1e9);
                in.out().printf(Locale.ROOT, "  %-16s %16s %16s %10s %12s %14s%n", "rule", "MRR", "Hits@10", "s/epoch",
                        "cos(grad)", "state bytes");
                for (LocalBenchmark.Quality x : q) {
                    in.out().printf(Locale.ROOT, "  %-16s %8.4f ± %.4f %8.4f ± %.4f %10.1f %12.3f %,14d%n", x.rule().label(),
                            x.meanMrr(), x.sdMrr(), x.meanHits10(), x.sdHits10(), x.secondsPerEpoch(), x.cosine(),
                            x.stateBytes());
                }
                json.put("quality", q);
            }
            if (parts.contains("memory")) {
                int[] ks = {1, 2, 4, 8, 16, 32};
                List<LocalBenchmark.Memory> m = LocalBenchmark.memory(data, c, ks, 200);
                in.out().println("Learning state held between prediction and update (peak bytes over 200 training "
                        + "queries, measured on the state tape; µs per query in brackets)");
                StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-16s", "rule"));
                for (int k : ks) {
                    head.append(String.format(Locale.ROOT, " %21s", "K=" + k));
                }
                in.out().println(head);
                for (LocalRule r : LocalRule.values()) {
                    StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-16s", r.label()));
                    for (LocalBenchmark.Memory x : m) {
                        row.append(String.format(Locale.ROOT, " %,11d (%7.0f)", x.bytes().get(r), x.microsPerQuery().get(r)));
                    }
                    in.out().println(row);
                }
                json.put("memory", m);
            }
            if (parts.contains("continual")) {
                List<LocalBenchmark.Continual> cl = new ArrayList<>(LocalBenchmark.continual(data, c, pool, in.progress()));
                cl.add(complexContinual(data, pool, threads, in));
                in.out().println("Continual: five chunks of training facts by relation group, learned in turn (test MRR "
                        + "per chunk's relations)");
                for (LocalBenchmark.Continual x : cl) {
                    in.out().printf(Locale.ROOT, "  %-16s average final MRR %.4f, backward transfer %+.4f, forgetting %.4f%n",
                            x.learner(), x.averageFinal(), x.backwardTransfer(), x.forgetting());
                }
                json.put("continual", cl);
            }
            if (parts.contains("streaming")) {
                List<LocalBenchmark.Streaming> st = LocalBenchmark.streaming(data, c, in.get(LocalOptions.STREAM), pool,
                        in.progress());
                in.out().println("Streaming: held-out training facts added one at a time, one update each");
                for (LocalBenchmark.Streaming x : st) {
                    in.out().printf(Locale.ROOT, "  %-16s %,d facts: MRR on them %.4f; probe of 1,000 old facts %.4f -> %.4f "
                            + "(drop %.4f)%n", x.rule().label(), x.facts(), x.mrrNew(), x.probeBefore(), x.probeAfter(),
                            x.probeBefore() - x.probeAfter());
                }
                json.put("streaming", st);
            }
        } finally {
            pool.shutdownNow();
        }
        String out = in.get(CliOptions.JSON);
        if (out != null) {
            JsonOutput.write(Path.of(out), json);
            in.out().println("  written to " + out);
        }
        return 0;
    }
}
