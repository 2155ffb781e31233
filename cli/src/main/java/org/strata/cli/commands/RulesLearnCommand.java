package org.strata.cli.commands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.strata.cli.CliOptions;
import org.strata.cli.Command;
import org.strata.cli.FactSource;
import org.strata.cli.Format;
import org.strata.cli.Invocation;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.store.RuleRecord;
import org.strata.rules.RulesOptions;
import org.strata.rules.learn.LearnParameters;
import org.strata.rules.learn.LearnResult;
import org.strata.rules.learn.RuleLearner;
import org.strata.rules.model.Rule;
import org.strata.rules.model.RuleFormat;

/** {@code strata rules learn}: anytime rule learning into a rule file (and a store's Rule vertices). */
public final class RulesLearnCommand implements Command {

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
        int threads = threads(in.get(GraphOptions.THREADS));
        LearnParameters p = new LearnParameters(in.isSet(RulesOptions.ROUNDS) ? 0 : in.get(RulesOptions.SECONDS),
                in.get(RulesOptions.ROUNDS), threads, in.get(GraphOptions.SEED), LearnParameters.SAMPLES_PER_ROUND, in.get(RulesOptions.SAMPLE_SIZE),
                in.get(RulesOptions.PC), in.get(RulesOptions.MIN_SUPPORT), in.get(RulesOptions.MIN_CONFIDENCE),
                in.get(RulesOptions.MAX_CYCLIC), in.get(RulesOptions.MAX_ACYCLIC), LearnParameters.MAX_VISITS,
                !in.get(RulesOptions.NO_ZERO_RULES));
        try (FactSource source = FactSource.open(in, in.progress())) {
            LearnResult r = learn(source, p, in);
            RuleFormat.write(r.rules(), p.pc(), source.facts().entities(), source.facts().relations(), out);
            print(in, r, p, source.description());
            in.out().println("  written to " + out);
            if (source.store() != null && in.get(RulesOptions.STORE_RULES) > 0) {
                List<RuleRecord> records = new ArrayList<>();
                for (Rule rule : r.rules().subList(0, Math.min(r.rules().size(), in.get(RulesOptions.STORE_RULES)))) {
                    records.add(new RuleRecord(RuleFormat.text(rule, source.facts().entities(), source.facts().relations()),
                            source.facts().relations().name(rule.head()), rule.kind().name(), rule.predicted(),
                            rule.correct(), rule.confidence(p.pc())));
                }
                String delta = source.store().writeRules(records, in.commandLine(), in.progress());
                in.out().println("  the best " + Format.count(records.size()) + " are Rule vertices in the store, delta "
                        + delta + " (undo with: strata undo " + delta + ")");
            }
        }
        return 0;
    }

    public static int threads(int option) {
        return option == 0 ? Runtime.getRuntime().availableProcessors() : option;
    }

    static LearnResult learn(FactSource source, LearnParameters p, Invocation in) {
        ExecutorService pool = Executors.newFixedThreadPool(p.threads());
        try {
            return new RuleLearner(source.facts(), p, pool, in.progress(), TerminationFlag.running()).learn();
        } finally {
            pool.shutdownNow();
        }
    }

    static void print(Invocation in, LearnResult r, LearnParameters p, String source) {
        Map<Rule.Kind, Integer> kinds = new EnumMap<>(Rule.Kind.class);
        for (Rule rule : r.rules()) {
            kinds.merge(rule.kind(), 1, Integer::sum);
        }
        in.out().println("Learned " + Format.count(r.rules().size()) + " rules from " + source + " in "
                + Format.decimal(r.seconds(), 1) + " s (" + Format.count(Math.round(r.rules().size() / Math.max(r.seconds(), 1e-9)))
                + " rules/s, " + p.threads() + " threads)");
        in.out().println("  " + Format.count(kinds.getOrDefault(Rule.Kind.CYCLIC, 0)) + " cyclic, "
                + Format.count(kinds.getOrDefault(Rule.Kind.CONSTANT_END, 0)) + " with constants at both ends, "
                + Format.count(kinds.getOrDefault(Rule.Kind.FREE_END, 0)) + " with a head constant and a free end, "
                + Format.count(kinds.getOrDefault(Rule.Kind.ZERO, 0)) + " with an empty body (counted exactly); "
                + Format.count(r.rules().stream().filter(Rule::reflexive).count()) + " reflexive rules r(X,X) among all these");
        in.out().println("  " + Format.count(r.samples()) + " paths sampled in " + r.rounds() + " rounds, "
                + Format.count(r.candidates()) + " distinct rules measured; reproduce exactly with --rounds "
                + r.rounds() + " --seed " + p.seed());
    }
}
