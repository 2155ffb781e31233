package org.strata.cli.commands;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.strata.cli.print.ResultPrinter;
import org.strata.cli.report.EvolveReportPage;
import org.strata.cli.shell.BundledData;
import org.strata.cli.shell.CliOptions;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Format;
import org.strata.cli.shell.Invocation;
import org.strata.cli.shell.RuleFiles;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.config.OptionValues;
import org.strata.graph.eval.EvaluationJob;
import org.strata.graph.eval.FrequencyScorer;
import org.strata.graph.io.TripleFormat;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Dataset;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.TripleList;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.ImportRequest;
import org.strata.graph.store.StoreStats;
import org.strata.rules.RulesOptions;
import org.strata.rules.apply.Evidence;
import org.strata.rules.apply.Explainer;
import org.strata.rules.apply.Explanation;
import org.strata.rules.apply.Prediction;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.apply.RuleSession;
import org.strata.rules.combine.CombinationJob;
import org.strata.rules.combine.CombineParameters;
import org.strata.rules.combine.NetworkAnswers;
import org.strata.rules.combine.WeightsFile;
import org.strata.rules.evolve.CycleReport;
import org.strata.rules.evolve.EvolveOptions;
import org.strata.rules.evolve.EvolveSettings;
import org.strata.rules.job.EvolveJob;
import org.strata.rules.job.RuleInference;
import org.strata.rules.learn.LearnParameters;
import org.strata.rules.learn.LearnResult;
import org.strata.rules.learn.RuleLearner;
import org.strata.rules.model.Rule;
import org.strata.rules.model.RuleFormat;

/**
 * {@code strata quickstart}: the bundled UMLS dataset into the embedded default store, its statistics,
 * the frequency baseline's evaluation, rules learned from the training facts with their evaluation and
 * three explained predictions, how those rules combine (learned, evaluated, one answer explained by its
 * rules' shares), two evolution cycles, and how to serve and query it. Idempotent: a second run imports nothing
 * new and learns the same rules.
 */
public final class QuickstartCommand implements Command {

    @Override
    public String name() {
        return "quickstart";
    }

    @Override
    public String summary() {
        return "Import the bundled UMLS dataset into the embedded store; show its statistics, a baseline,"
                + " learned rules, explained predictions and their learned combination";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.STORE, CliOptions.PROGRESS);
    }

    @Override
    public int run(Invocation in) {
        Path storeDir = Path.of(in.get(GraphOptions.STORE));
        Path data = BundledData.extract("umls", BundledData.UMLS_FILES, dataDirectory(storeDir));
        in.out().println("Strata quickstart: the UMLS knowledge graph (bundled, " + shown(data) + ") into the embedded store "
                + storeDir);
        in.out().println();
        in.out().println("1. Import train, valid and test with readable names");
        try (GraphStore store = in.openStore()) {
            ImportRequest request = ImportRequest.of(List.of(data.resolve("train.txt"), data.resolve("valid.txt"),
                    data.resolve("test.txt")), TripleFormat.TSV, data.resolve("entity_names.tsv"),
                    in.commandLine());
            ResultPrinter.imported(in, store.importFacts(request, in.progress()), store.spec().toString());
            in.out().println();
            in.out().println("2. What the store holds");
            ResultPrinter.stats(in, StoreStats.of(store.project(in.progress()), 5), store.spec().toString());
            in.out().println();
            in.out().println("3. A Gremlin query on the store: what is a virus?");
            GraphTraversalSource g = store.graph().traversal();
            try {
                List<Object> isa = g.V().has("uid", "virus").out("isa").values("name").order().toList();
                in.out().println("   g.V().has('uid', 'virus').out('isa').values('name')  ->  " + isa);
            } finally {
                g.tx().rollback();
            }
        }
        in.out().println();
        in.out().println("4. The frequency baseline, by the shared evaluation protocol");
        Dataset umls = Dataset.load(data);
        ResultPrinter.evaluation(in, EvaluationJob.run(umls, new FrequencyScorer(umls.trainProjection()), "test",
                threads(), in.progress()));
        in.out().println();
        Path rulesFile = data.getParent().getParent().resolve("umls-rules.txt");
        LearnResult learned = learnRules(in, umls, rulesFile);
        in.out().println();
        Path weightsFile = data.getParent().getParent().resolve("umls-weights.bin");
        learnCombination(in, umls, learned.rules(), rulesFile, weightsFile);
        in.out().println();
        Path reportDir = data.getParent().getParent().resolve("umls-evolve-report");
        evolve(in, reportDir);
        in.out().println();
        String storeFlag = storeDir.equals(Path.of(GraphOptions.STORE.defaultValue())) ? "" : " --store " + storeDir;
        in.out().println("Next:");
        in.out().println("  ./strata serve" + storeFlag + "         # Gremlin Server on ws://127.0.0.1:8182/gremlin (Ctrl-C stops)");
        in.out().println("  then from any TinkerPop client:  g.V().hasLabel('Entity').has('name', textContains('virus'))"
                + ".valueMap('uid', 'name')");
        in.out().println("  ./strata history" + storeFlag + "       # the delta log; ./strata undo DELTA_ID reverts one");
        in.out().println("  ./strata evolve" + storeFlag + " --cycles 2 --report DIR   # more evolution cycles");
        in.out().println("  ./strata predict --data " + shown(data) + " --rules " + shown(rulesFile)
                + " --head virus --relation isa --explain");
        in.out().println("  ./strata predict --data " + shown(data) + " --rules " + shown(rulesFile) + " --weights "
                + shown(weightsFile) + " --head virus --relation isa --explain   # the learned combination");
        return 0;
    }

    /** Rule-learning budget of each quickstart evolution cycle. */
    static final double EVOLVE_RULE_SECONDS = 2.0;

    /** Seconds of the quickstart's combination training (UMLS needs a fraction of them). */
    static final double COMBINE_SECONDS = 60;

    /**
     * Step 7: how the rules combine, learned by the phase learner on UMLS's training facts (each fact left out
     * of its own query), evaluated beside max-plus, and one test answer explained by its rules' shares.
     */
    private static void learnCombination(Invocation in, Dataset umls, List<Rule> rules, Path rulesFile, Path weightsFile) {
        in.out().println("7. How the rules combine, learned (phase learner: two nudged phases, no backward pass)");
        int threads = threads();
        RuleInference inference = RuleInference.of(OptionValues.DEFAULTS);
        RuleEngine firing = inference.firing(umls.trainProjection(), rules);
        CombineParameters p = CombineParameters.from(OptionValues.DEFAULTS, GraphOptions.SEED.defaultValue(), threads)
                .withMaxSeconds(COMBINE_SECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CombinationJob.Result r;
        CombinationJob.Prepared prep;
        try {
            prep = CombinationJob.prepare(firing, umls.valid(), umls.allProjection(), p, pool,
                    in.progress());
            r = CombinationJob.train(prep, p, in.progress(), TerminationFlag.running());
        } finally {
            pool.shutdownNow();
        }
        WeightsFile.write(r.network(), RuleFiles.texts(rules, umls.trainProjection()),
                rulesFile.toString(), weightsFile);
        in.out().println("  " + Format.count(prep.training().size()) + " training queries (each fact left out of its own), "
                + (r.groups().count() == rules.size() ? "" : Format.count(r.groups().count()) + " group units over ")
                + Format.count(rules.size()) + " rules; validation MRR "
                + Format.decimal(r.training().epochs().get(0).validMrr(), 4) + " at the start, "
                + Format.decimal(r.training().validMrr(), 4) + " after epoch " + r.training().bestEpoch()
                + "; written to " + shown(weightsFile));
        ResultPrinter.preparation(in, prep);
        ResultPrinter.evaluation(in, EvaluationJob.run(umls, inference.scorer(firing, r.network(),
                umls.allProjection()), "test", threads, in.progress()));
        TripleList test = umls.test();
        NetworkAnswers answers = inference.answers(firing, r.network(), umls.trainProjection());
        for (int i = 0; i < test.size(); i++) {
            int h = test.heads()[i];
            int rel = test.relations()[i];
            int t = test.tails()[i];
            var top = answers.answer(h, rel, Direction.OUT, 1);
            if (top.isEmpty() || top.get(0).entity() != t || top.get(0).contributions().size() < 2) {
                continue;
            }
            var a = top.get(0);
            in.out().println("  (" + umls.displayName(h) + ", " + umls.relations().name(rel) + ", ?)  ->  "
                    + umls.displayName(a.entity()) + String.format(Locale.ROOT, "  p %.3f", a.probability())
                    + "  (the held-out answer), from " + a.contributions().size() + " rules:");
            for (var c : a.contributions().subList(0, Math.min(3, a.contributions().size()))) {
                in.out().println(String.format(Locale.ROOT, "     %5.1f%%  weight %.3f  ", 100 * c.share(), c.weight())
                        + RuleFormat.text(firing.rules().get(c.rule()), umls.entities(), umls.relations()));
            }
            break;
        }
    }

    /**
     * Believed facts that calibrate the rules' judge in each quickstart cycle: fewer than evolve's default,
     * since on dense UMLS every one costs four firings of every rule.
     */
    static final int EVOLVE_CALIBRATION_FACTS = 500;

    /** Combination-learning budget of each quickstart evolution cycle. */
    static final double EVOLVE_COMBINE_SECONDS = 10.0;

    /** Step 8: two evolution cycles on the store, and their report. */
    private static void evolve(Invocation in, Path reportDir) {
        in.out().println("8. Two evolution cycles on the store: partition, refresh rules, consolidate, admit proposals");
        EvolveSettings s = EvolveOptions.settings(in.with(EvolveOptions.RULE_SECONDS, EVOLVE_RULE_SECONDS)
                .with(EvolveOptions.COMBINE_BUDGET, EVOLVE_COMBINE_SECONDS)
                .with(EvolveOptions.CALIBRATION_FACTS, EVOLVE_CALIBRATION_FACTS));
        ExecutorService pool = Executors.newFixedThreadPool(s.threads());
        try (GraphStore store = in.openStore()) {
            List<CycleReport> reports = new EvolveJob(store, s, pool, in.progress(), in.commandLine())
                    .run(2, false, c -> ResultPrinter.cycle(in, c));
            EvolveReportPage.write(reportDir, store.spec().toString(), reports, List.of());
            in.out().println("  report: " + shown(reportDir.resolve("report.html")) + " (and report.json)");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Rounds of rule learning in the quickstart: a fixed number, so every run learns the same rules. */
    static final int RULE_ROUNDS = 20;

    /** Step 5: rules learned on UMLS, evaluated, and three test queries answered with their reasons. */
    private static LearnResult learnRules(Invocation in, Dataset umls, Path rulesFile) {
        in.out().println("5. Rules learned from the training facts (" + RULE_ROUNDS + " rounds), readable and checkable");
        int threads = threads();
        LearnParameters p = RulesOptions.learnParameters(OptionValues.DEFAULTS.with(RulesOptions.ROUNDS, RULE_ROUNDS)
                .with(GraphOptions.THREADS, threads));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        LearnResult learned;
        try {
            learned = new RuleLearner(umls.trainProjection(), p, pool, in.progress(), TerminationFlag.running()).learn();
        } finally {
            pool.shutdownNow();
        }
        RuleFormat.write(learned.rules(), p.pc(), umls.entities(), umls.relations(), rulesFile);
        ResultPrinter.learnedRules(in, learned, p, "the training facts of umls");
        in.out().println("  written to " + shown(rulesFile));
        RuleInference inference = RuleInference.of(OptionValues.DEFAULTS);
        RuleEngine engine = inference.engine(umls.trainProjection(), learned.rules());
        ResultPrinter.evaluation(in, EvaluationJob.run(umls, inference.scorer(engine, umls.allProjection()), "test",
                threads, in.progress()));
        in.out().println();
        in.out().println("6. Three test queries, answered by the rules and explained");
        RuleSession session = engine.newSession(10, RuleEngine.INFERENCE_VISITS, umls.trainProjection());
        Explainer explainer = inference.explainer(engine);
        TripleList test = umls.test();
        Set<Integer> relationsShown = new HashSet<>();
        for (int i = 0; i < test.size() && relationsShown.size() < 3; i++) {
            int h = test.heads()[i];
            int r = test.relations()[i];
            int t = test.tails()[i];
            if (!relationsShown.add(r)) {
                continue;
            }
            List<Prediction> answers = session.predict(h, r, Direction.OUT);
            if (answers.isEmpty()) {
                relationsShown.remove(r);
                continue;
            }
            Prediction best = answers.get(0);
            int rank = 1;
            while (rank <= answers.size() && answers.get(rank - 1).entity() != t) {
                rank++;
            }
            in.out().println("   (" + umls.displayName(h) + ", " + umls.relations().name(r) + ", ?)  ->  "
                    + umls.displayName(best.entity()) + String.format(Locale.ROOT, "  %.3f", best.score())
                    + (best.entity() == t ? "  (the held-out answer)" : "  (held-out answer: " + umls.displayName(t)
                    + (rank <= answers.size() ? ", ranked " + rank : ", not ranked") + ")"));
            Explanation.Because because = explainer.explain(h, Direction.OUT, best).because().get(0);
            Rule rule = engine.rules().get(because.rule());
            in.out().println("      because " + RuleFormat.text(rule, umls.entities(), umls.relations())
                    + String.format(Locale.ROOT, " (confidence %.3f): ", because.confidence())
                    + Evidence.describe(rule, because.atoms(), umls::displayName, umls.relations()));
        }
        return learned;
    }

    /** The quickstart uses every core. */
    private static int threads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** A path as the user would type it: relative to the working directory when it lies below it. */
    private static Path shown(Path p) {
        Path here = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(here) ? here.relativize(abs) : abs;
    }

    /** The bundled data goes next to the store, under strata-data/datasets when the store is in strata-data. */
    static Path dataDirectory(Path storeDir) {
        Path parent = storeDir.toAbsolutePath().normalize().getParent();
        return (parent == null ? Path.of(".") : parent).resolve("datasets").resolve("umls");
    }
}
