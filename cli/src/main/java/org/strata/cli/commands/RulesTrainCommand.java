package org.strata.cli.commands;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.strata.cli.print.ResultPrinter;
import org.strata.cli.shell.CliOptions;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.FactSource;
import org.strata.cli.shell.Format;
import org.strata.cli.shell.Invocation;
import org.strata.cli.shell.RuleFiles;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Dataset;
import org.strata.rules.RulesOptions;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.combine.CombinationJob;
import org.strata.rules.combine.CombinationTrainer;
import org.strata.rules.combine.CombineOptions;
import org.strata.rules.combine.CombineParameters;
import org.strata.rules.combine.WeightsFile;
import org.strata.rules.job.RuleInference;
import org.strata.rules.model.Rule;

/**
 * {@code strata rules train}: learns how a rule file's rules combine (a rule network trained on training
 * facts with their own fact left out, early-stopped on validation MRR) and writes the weights.
 */
final class RulesTrainCommand implements Command {

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "Learn how a rule file's rules combine (phase, kinase or bptt learner) into a weights file";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.DATA, GraphOptions.STORE, GraphOptions.STORE_CONFIG, RulesOptions.RULES,
                RulesOptions.PC, CliOptions.OUT, CombineOptions.LEARNER, CombineOptions.TRAIN_FACTS,
                CombineOptions.EPOCHS, CombineOptions.COMBINE_SECONDS, CombineOptions.RATE, CombineOptions.L2,
                CombineOptions.DECAY, CombineOptions.GROUP_DECAY, CombineOptions.OVERLAP,
                CombineOptions.MAX_CANDIDATES, CombineOptions.MAX_RULES, CombineOptions.VALID_FACTS,
                CombineOptions.NO_CALIBRATION, GraphOptions.THREADS, GraphOptions.SEED, CliOptions.PROGRESS);
    }

    @Override
    public int run(Invocation in) {
        Path out = Path.of(in.require(CliOptions.OUT, "rules train"));
        in.require(RulesOptions.RULES, "rules train");
        CombineParameters p = CombineParameters.from(in, in.get(GraphOptions.SEED), in.get(GraphOptions.THREADS));
        try (FactSource source = FactSource.open(in, in.progress())) {
            List<Rule> rules = RuleFiles.read(in, source.facts(), "rules train");
            RuleEngine engine = RuleInference.of(in).firing(source.facts(), rules);
            Dataset data = source.dataset();
            ExecutorService pool = Executors.newFixedThreadPool(p.threads());
            CombinationJob.Prepared prep;
            CombinationJob.Result r;
            try {
                prep = CombinationJob.prepare(engine, data == null ? null : data.valid(),
                        data == null ? source.facts() : data.allProjection(), p, pool, in.progress());
                r = CombinationJob.train(prep, p, in.progress(), TerminationFlag.running());
            } finally {
                pool.shutdownNow();
            }
            WeightsFile.write(r.network(), RuleFiles.texts(rules, source.facts()), in.get(RulesOptions.RULES), out);
            in.out().println("Learned how " + Format.count(rules.size()) + " rules combine on " + source.description()
                    + " (" + p.learner().name().toLowerCase() + " learner)");
            in.out().println("  " + Format.count(prep.training().size()) + " training queries (own fact left out), "
                    + Format.count(prep.validation().size()) + (data == null ? " held-out" : " validation")
                    + " queries, built in " + Format.decimal(prep.seconds(), 1) + " s; "
                    + Format.count(r.groups().count()) + " group units ("
                    + (p.overlap() > 1 ? "every rule alone" : "Jaccard overlap >= " + p.overlap()) + ")");
            ResultPrinter.preparation(in, prep);
            print(in, r.training());
            in.out().println("  written to " + out + " (use with --rules " + in.get(RulesOptions.RULES)
                    + " --weights " + out + " in eval --scorer rules and predict)");
        }
        return 0;
    }

    private static void print(Invocation in, CombinationTrainer.Result t) {
        for (CombinationTrainer.Epoch e : t.epochs()) {
            if (e.epoch() == 0) {
                in.out().printf("  start     valid MRR %.4f%n", e.validMrr());
            } else {
                in.out().printf("  epoch %2d  valid MRR %.4f  loss %.4f  %.1f s  cosine with the gradient %.3f%n",
                        e.epoch(), e.validMrr(), e.loss(), e.seconds(), e.cosine());
            }
        }
        in.out().println("  kept epoch " + t.bestEpoch() + " (valid MRR " + Format.decimal(t.validMrr(), 4)
                + "); learning state " + Format.bytes(t.stateBytes()));
    }
}
