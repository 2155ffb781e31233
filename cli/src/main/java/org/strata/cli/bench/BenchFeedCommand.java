package org.strata.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.strata.cli.shell.CliOptions;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Format;
import org.strata.cli.shell.Invocation;
import org.strata.cli.shell.JsonOutput;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.eval.LinkScorer;
import org.strata.graph.eval.TripleClassification;
import org.strata.graph.govern.Admission;
import org.strata.graph.govern.Gate;
import org.strata.graph.io.TripleFormat;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Dataset;
import org.strata.graph.projection.Projection;
import org.strata.graph.store.DeltaKind;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.ImportRequest;
import org.strata.graph.store.LifecycleState;
import org.strata.graph.store.Proposal;
import org.strata.graph.store.StoreSpec;
import org.strata.graph.store.Stores;
import org.strata.gpu.GpuOptions;
import org.strata.gpu.eval.EmbeddingOpinion;
import org.strata.rules.evolve.EvolveOptions;
import org.strata.rules.evolve.EvolveSettings;
import org.strata.rules.job.EvolveJob;
import org.strata.rules.judge.JudgeParameters;
import org.strata.rules.judge.RuleJudge;
import org.strata.rules.learn.RuleLearner;

/**
 * {@code strata bench feed}: the lifecycle under a noisy feed. A new embedded store holds the dataset's
 * training facts; the test facts and as many negatives (the dataset's, or hard ones made by corruption)
 * arrive shuffled, one source each, in batches, through the gate with the rules' judge; an evolve cycle
 * runs after each batch (and the remaining {@code --cycles} after the last). After each cycle: how many true and
 * false proposals are in each state. Beside it, what admitting everything would believe, and an embedding
 * model's per-relation threshold chosen on validation ({@code --model}).
 */
final class BenchFeedCommand implements Command {

    static final Option<Integer> BATCHES = Option.integer("bench", "batches").label("N")
            .description("Batches the noisy feed arrives in, one evolve cycle after each").defaultValue(3)
            .range(1, 1_000).build();

    static final Option<GraphOptions.Split> SPLIT = Option.choice("bench", "split", GraphOptions.Split.class)
            .description("In 'bench feed': the facts proposed. test: the test triples and their negatives, the judge "
                    + "calibrated on the validation split. valid: a random half of the validation triples and of their "
                    + "negatives, the other half calibrating the judge (and the embedding threshold): for choosing "
                    + "settings without looking at the test split").defaultValue(GraphOptions.Split.TEST).build();

    static final Option<Boolean> SELF_CALIBRATED = Option.flag("bench", "self-calibrated")
            .description("In 'bench feed': calibrate the rules' judge on the store's believed facts and their corruptions "
                    + "instead of the validation triples and their negatives").build();

    static final Option<Boolean> KEEP_STORE = Option.flag("bench", "keep-store")
            .description("In 'bench feed': keep the folder the feed ran in (under --work: its store and the "
                    + "calibration files) and print where, to look at what the store believes and why").build();

    @Override
    public String name() {
        return "feed";
    }

    @Override
    public String summary() {
        return "The lifecycle under a noisy feed: test facts and as many negatives proposed in batches to a store of "
                + "the training facts, evolve cycles between them; true and false proposals by state per cycle";
    }

    @Override
    public List<Option<?>> options() {
        List<Option<?>> options = new ArrayList<>(List.of(GraphOptions.DATA, SPLIT, BATCHES, EvolveOptions.CYCLES, SELF_CALIBRATED,
                KEEP_STORE, GpuOptions.MODEL_FILE, CliOptions.WORK, CliOptions.JSON, CliOptions.PROGRESS));
        options.addAll(EvolveOptions.settingsOptions());
        return options;
    }

    @Override
    public int run(Invocation in) {
        Dataset data = Dataset.load(Path.of(in.require(GraphOptions.DATA, "bench feed")));
        int batches = in.get(BATCHES);
        int cycles = Math.max(in.get(EvolveOptions.CYCLES), batches); // a cycle follows every batch
        long seed = in.get(GraphOptions.SEED);
        EvolveSettings given = EvolveOptions.settings(in);
        boolean onValid = in.get(SPLIT) == GraphOptions.Split.VALID;
        // on valid: one half proposed, the other calibrating; nothing of the test split is read
        TripleClassification.Labelled[] halves = onValid ? TripleScoring.labelled(data, "valid", seed).halves(seed + 2)
                : null;
        NoisyFeed feed = new NoisyFeed(data, onValid ? halves[0] : TripleScoring.labelled(data, "test", seed + 1), seed);
        in.out().println("Noisy feed on " + data.name() + (onValid ? " (half of the validation split; the other half "
                + "calibrates)" : "") + ": " + Format.count(feed.positives()) + " true and "
                + Format.count(feed.negatives()) + " false proposals in " + batches + " batches, " + cycles
                + " evolve cycles");
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("dataset", data.name());
        report.put("split", onValid ? "valid" : "test");
        report.put("trueProposals", feed.positives());
        report.put("falseProposals", feed.negatives());
        report.put("batches", batches);
        report.put("cycleCount", cycles); // "cycles" holds the rows
        List<Map<String, Object>> baselines = new ArrayList<>();
        baselines.add(baseline("admit everything", feed.positives(), feed.negatives(), feed));
        ExecutorService pool = Executors.newFixedThreadPool(given.threads());
        Path work = workFolder(in);
        try {
            JudgeParameters judging = in.get(SELF_CALIBRATED) ? given.judge().withLabelled(null, null)
                    : onValid ? given.judge().withLabelled(write(data, halves[1], true, work.resolve("calibration_true.txt")),
                    write(data, halves[1], false, work.resolve("calibration_false.txt")))
                    : given.judge().withLabelled(data.folder().resolve("valid.txt"), validNegatives(data, work, seed));
            judging = judging.withCalibrationFacts(EvolveOptions.calibrationFacts(in, judging.labelledTrue() != null));
            EvolveSettings settings = given.withJudge(judging);
            in.out().println("  the rules' judge is calibrated on " + (judging.labelledTrue() == null
                    ? "the store's believed facts and their corruptions" : onValid
                    ? "the other half of the validation triples and of their negatives"
                    : "the validation triples and " + judging.labelledFalse().getFileName()));
            EmbeddingOpinion opinion = EmbeddingOpinion.read(in.get(GpuOptions.MODEL_FILE));
            if (opinion != null) {
                baselines.add(embeddingBaseline(data, feed, opinion,
                        onValid ? halves[1] : TripleScoring.labelled(data, "valid", seed), seed, pool, given.threads()));
            }
            Function<Projection, LinkScorer> opinions = opinion == null || judging.labelledTrue() == null ? null
                    : opinion.scorers();
            if (opinion != null) {
                String models = opinion.models().size() == 1 ? "the embedding model's opinion" : "the opinions of "
                        + opinion.models().size() + " embedding models";
                in.out().println(opinions != null ? "  the judge weighs " + models + " beside the rules'"
                        : "  the judge leaves " + models + " out: trained on the believed facts, it cannot be "
                        + "calibrated by them (--self-calibrated)");
            }
            int width = Math.max(34, baselines.stream().mapToInt(b -> b.get("policy").toString().length()).max()
                    .orElse(0));
            in.out().printf("  %-" + width + "s %9s %9s %9s %9s%n", "policy", "true in", "false in", "precision",
                    "recall");
            for (Map<String, Object> b : baselines) {
                in.out().printf("  %-" + width + "s %9d %9d %9.4f %9.4f%n", b.get("policy"), b.get("trueBelieved"),
                        b.get("falseBelieved"), b.get("precision"), b.get("recall"));
            }
            report.put("baselines", baselines);
            in.out().flush();
            report.put("cycles", lifecycle(in, data, feed, settings, judging, opinions, batches, cycles, work, pool));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
            if (!in.get(KEEP_STORE)) {
                deleteQuietly(work);
            }
        }
        if (in.get(KEEP_STORE)) {
            in.out().println("  the store is kept at " + work.resolve("store"));
        }
        String json = in.get(CliOptions.JSON);
        if (json != null) {
            JsonOutput.write(Path.of(json), report);
            in.out().println("  written to " + json);
        }
        return 0;
    }

    /** The store, the batches through the gate and the judge, the cycles: one row per cycle. */
    private static List<Map<String, Object>> lifecycle(Invocation in, Dataset data, NoisyFeed feed,
                                                       EvolveSettings settings, JudgeParameters judging,
                                                       Function<Projection, LinkScorer> opinions, int batches,
                                                       int cycles, Path work, ExecutorService pool)
            throws InterruptedException {
        ProgressListener progress = in.progress();
        List<Map<String, Object>> rows = new ArrayList<>();
        try (GraphStore store = Stores.open(StoreSpec.embedded(work.resolve("store")))) {
            store.importFacts(ImportRequest.of(List.of(data.folder().resolve("train.txt")), TripleFormat.TSV, null,
                    "bench feed"), progress);
            in.out().printf("  %-6s %-44s %-44s %9s %9s%n", "cycle", "true: candidate stable solid leftover rejected",
                    "false: candidate stable solid leftover rejected", "precision", "recall");
            int sent = 0;
            for (int c = 0; c < cycles; c++) {
                Map<String, Object> row = new LinkedHashMap<>();
                if (c < batches) {
                    List<Proposal> batch = feed.batch(c, batches);
                    Projection believed = store.project(progress);
                    RuleJudge judge = RuleJudge.fit(believed, new RuleLearner(believed,
                                    settings.rules().withSeed(settings.seed() + 1_000 + c), pool, progress,
                                    TerminationFlag.running()).learn().rules(), settings.rules().pc(),
                            judging.withSeed(judging.seed() + 1_000 + c), opinions, pool, progress);
                    Admission.Result admitted = new Admission(new Gate(store.facts(progress), settings.gate()), judge)
                            .judge(batch);
                    Admission.write(store, admitted.changes(), DeltaKind.ADMIT, "bench feed", progress);
                    sent += batch.size();
                    row.put("admission", admitted.decisionCounts());
                    row.put("judge", judge.calibration());
                    row.put("judgeFit", judge.fit());
                }
                new EvolveJob(store, settings, pool, progress, "bench feed", opinions).run(1, false, r -> { });
                NoisyFeed.Tally tally = feed.tally(store.facts(progress), sent);
                if (tally.total() != sent) {
                    throw new IllegalStateException("the tally counts " + tally.total() + " proposals, " + sent + " were sent");
                }
                double precision = tally.trueBelieved() + tally.falseBelieved() == 0 ? Double.NaN
                        : tally.trueBelieved() / (double) (tally.trueBelieved() + tally.falseBelieved());
                double recall = tally.trueBelieved() / (double) Math.max(1, tally.trueSent());
                in.out().printf("  %-6d %-44s %-44s %9.4f %9.4f%n", c + 1, counts(tally.trueByState()),
                        counts(tally.falseByState()), precision, recall);
                in.out().flush();
                row.put("cycle", c + 1);
                row.put("sent", sent);
                row.put("trueByState", tally.trueByState());
                row.put("falseByState", tally.falseByState());
                row.put("leftoverWithoutCounterEvidence", tally.leftoverWithoutEvidence());
                Map<String, Map<String, Long>> against = new LinkedHashMap<>();
                tally.leftoverAgainst().forEach((kind, n) -> against.put(kind.name(), Map.of("true", n[0], "false", n[1])));
                row.put("leftoverAgainst", against);
                if (c == cycles - 1) {
                    in.out().println("  LEFTOVER by counter-evidence, true / false proposals held back: "
                            + leftoverAgainst(tally.leftoverAgainst()));
                }
                row.put("precision", precision);
                row.put("recall", recall);
                rows.add(row);
            }
        }
        return rows;
    }

    /** "JUDGE 120 / 2,400, FUNCTIONAL 30 / 500, ...": the kinds that held any proposal back. */
    private static String leftoverAgainst(Map<org.strata.graph.govern.Gate.Against, long[]> against) {
        List<String> parts = new ArrayList<>();
        against.forEach((kind, n) -> {
            if (n[0] + n[1] > 0) {
                parts.add(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " " + Format.count(n[0])
                        + " / " + Format.count(n[1]));
            }
        });
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static String counts(Map<String, Long> byState) {
        return String.format("%9d %6d %5d %8d %8d", byState.get(LifecycleState.CANDIDATE.name()),
                byState.get(LifecycleState.STABLE.name()), byState.get(LifecycleState.SOLIDIFIED.name()),
                byState.get(LifecycleState.LEFTOVER.name()), byState.get(NoisyFeed.REJECTED));
    }

    private static Map<String, Object> baseline(String policy, long trueIn, long falseIn, NoisyFeed feed) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("policy", policy);
        b.put("trueBelieved", trueIn);
        b.put("falseBelieved", falseIn);
        b.put("precision", trueIn + falseIn == 0 ? Double.NaN : trueIn / (double) (trueIn + falseIn));
        b.put("recall", trueIn / (double) Math.max(1, feed.positives()));
        return b;
    }

    /**
     * What an embedding model would let in: each proposal whose mean log-probability passes its relation's
     * threshold, chosen on {@code valid} (validation triples and their negatives); several models are scored
     * together (the sum of their log-probabilities, normalised again).
     */
    private static Map<String, Object> embeddingBaseline(Dataset data, NoisyFeed feed, EmbeddingOpinion opinion,
                                                         TripleClassification.Labelled valid, long seed,
                                                         ExecutorService pool, int threads) throws InterruptedException {
        LinkScorer scorer = opinion.over(data.entities(), data.relations());
        TripleClassification.Thresholds th = TripleClassification.choose(valid,
                TripleScoring.embedding(valid, scorer, pool, threads)[0], data.relations().size(), 5, seed);
        List<Proposal> all = feed.proposals();
        int n = all.size();
        int[] hs = new int[n];
        int[] rs = new int[n];
        int[] ts = new int[n];
        boolean[] labels = new boolean[n];
        for (int i = 0; i < n; i++) {
            Proposal p = all.get(i);
            hs[i] = data.entities().id(p.head());
            rs[i] = data.relations().id(p.relation());
            ts[i] = data.entities().id(p.tail());
            labels[i] = feed.isTrue(p);
        }
        double[] scores = TripleScoring.embedding(new TripleClassification.Labelled(hs, rs, ts, labels), scorer, pool,
                threads)[0];
        Map<Boolean, Long> in = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (th.accepts(rs[i], scores[i])) {
                in.merge(labels[i], 1L, Long::sum);
            }
        }
        return baseline("embedding threshold (" + opinion.label() + ")", in.getOrDefault(true, 0L), in.getOrDefault(false, 0L), feed);
    }

    /** The dataset's validation negatives, or hard ones made by corruption and written into {@code work}. */
    private static Path validNegatives(Dataset data, Path work, long seed) {
        Path file = data.folder().resolve("valid_negatives.txt");
        if (Files.isRegularFile(file)) {
            return file;
        }
        return write(data, org.strata.graph.eval.HardNegatives.of(data, "valid", seed), false,
                work.resolve("valid_negatives.txt"));
    }

    /**
     * Writes the true (or the false) triples of {@code labelled} as TSV to {@code out}, leaving out any that
     * name an entity or relation the dataset lacks.
     */
    static Path write(Dataset data, TripleClassification.Labelled labelled, boolean positive, Path out) {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < labelled.size(); i++) {
            if (labelled.positive()[i] == positive && labelled.heads()[i] >= 0 && labelled.relations()[i] >= 0
                    && labelled.tails()[i] >= 0) {
                kept.add(i);
            }
        }
        org.strata.graph.io.TripleWriter.write(org.strata.graph.io.TripleWriter.Triples.of(kept.size(),
                i -> data.entities().name(labelled.heads()[kept.get(i)]),
                i -> data.relations().name(labelled.relations()[kept.get(i)]),
                i -> data.entities().name(labelled.tails()[kept.get(i)])), out, TripleFormat.TSV);
        return out;
    }

    /** A new folder under {@code --work} for this run's store (deleted afterwards). */
    private static Path workFolder(Invocation in) {
        try {
            return Files.createDirectories(Path.of(in.get(CliOptions.WORK)).resolve("feed-" + System.currentTimeMillis()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the work folder under " + in.get(CliOptions.WORK) + ": "
                    + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is not worth failing the benchmark over
        }
    }
}
