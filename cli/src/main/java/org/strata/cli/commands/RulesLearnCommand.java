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
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.progress.TerminationFlag;
import org.strata.rules.RulesOptions;
import org.strata.rules.job.RuleWriteStep;
import org.strata.rules.learn.LearnParameters;
import org.strata.rules.learn.LearnResult;
import org.strata.rules.learn.RuleLearner;
import org.strata.rules.model.RuleFormat;

/** {@code strata rules learn}: anytime rule learning into a rule file (and a store's Rule vertices). */
final class RulesLearnCommand implements Command {

    @Override
    public String name() {
        return "learn";
    }

    @Override
    public String summary() {
        return "Learn rules from a dataset's training facts or a store's facts, for a time budget, into a rule file";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.DATA, GraphOptions.STORE, GraphOptions.STORE_CONFIG, RulesOptions.SECONDS,
                RulesOptions.ROUNDS, GraphOptions.THREADS, GraphOptions.SEED, CliOptions.OUT, RulesOptions.SAMPLE_SIZE,
                RulesOptions.PC, RulesOptions.MIN_SUPPORT, RulesOptions.MIN_CONFIDENCE, RulesOptions.MAX_CYCLIC,
                RulesOptions.MAX_ACYCLIC, RulesOptions.NO_ZERO_RULES, RulesOptions.STORE_RULES, CliOptions.PROGRESS);
    }

    @Override
    public int run(Invocation in) {
        Path out = Path.of(in.require(CliOptions.OUT, "rules learn"));
        LearnParameters p = RulesOptions.learnParameters(in);
        try (FactSource source = FactSource.open(in, in.progress())) {
            LearnResult r;
            ExecutorService pool = Executors.newFixedThreadPool(p.threads());
            try {
                r = new RuleLearner(source.facts(), p, pool, in.progress(), TerminationFlag.running()).learn();
            } finally {
                pool.shutdownNow();
            }
            RuleFormat.write(r.rules(), p.pc(), source.facts().entities(), source.facts().relations(), out);
            ResultPrinter.learnedRules(in, r, p, source.description());
            in.out().println("  written to " + out);
            int kept = in.get(RulesOptions.STORE_RULES);
            if (source.store() != null && kept > 0) {
                String delta = RuleWriteStep.write(source.store(), r.rules(), p.pc(), source.facts(), kept,
                        in.commandLine(), in.progress());
                in.out().println("  the best " + Format.count(Math.min(kept, r.rules().size()))
                        + " are Rule vertices in the store, delta " + delta + " (undo with: strata undo " + delta + ")");
            }
        }
        return 0;
    }
}
