package org.strata.cli.print;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.strata.cli.shell.Format;
import org.strata.cli.shell.Invocation;
import org.strata.graph.eval.EvaluationResult;
import org.strata.graph.eval.Metrics;
import org.strata.graph.store.ImportResult;
import org.strata.graph.store.StoreStats;
import org.strata.rules.combine.CalibrationSearch;
import org.strata.rules.combine.CombinationJob;
import org.strata.rules.combine.LinkedPairs;
import org.strata.rules.evolve.CycleReport;
import org.strata.rules.learn.LearnParameters;
import org.strata.rules.learn.LearnResult;
import org.strata.rules.model.Rule;

/** Prints the results of the store and structural-path jobs, as every command that runs them shows them. */
public final class ResultPrinter {

    private ResultPrinter() {
    }

    /**
     * How a rule combination's queries were prepared: how often training queries leave out every fact
     * between their entities, and how the start was calibrated on validation (each line only when known).
     */
    public static void preparation(Invocation in, CombinationJob.Prepared prep) {
        LinkedPairs l = prep.linked();
        if (!Double.isNaN(l.validShare())) {
            in.out().println("  linked by another fact: " + Format.percent(l.validShare()) + " of validation facts, "
                    + Format.percent(l.trainShare()) + " of training facts; training queries leave out every fact "
                    + "between their two entities in " + Format.percent(l.leaveOutShare()) + " of cases");
        }
        CalibrationSearch.Choice c = prep.chosen();
        if (c != null) {
            in.out().println("  start calibrated on " + Format.count(c.queries()) + " validation queries: "
                    + "MRR " + Format.decimal(c.before(), 4) + " -> "
                    + Format.decimal(c.after(), 4) + " (" + c.calibration() + ")");
        }
    }

    /** An import's counts and how to undo it. */
    public static void imported(Invocation in, ImportResult r, String store) {
        String files = r.files() + (r.files() == 1 ? " file" : " files");
        if (r.nothingImported()) {
            in.out().println("Nothing to import: " + (r.lines() == 0 ? "no triple in " + files
                    : Format.count(r.lines()) + " lines from " + files + ", every fact already in the store from "
                    + (r.files() == 1 ? "this file" : "these files")) + " (no delta recorded)");
        } else {
            in.out().println("Imported " + Format.count(r.lines()) + " lines from " + files + " in "
                    + Format.decimal(r.seconds(), 1) + " s (" + Format.count(Math.round(r.factsPerSecond()))
                    + " facts/s) as delta " + r.deltaId());
        }
        for (java.nio.file.Path marked : r.byteOrderMarks()) {
            in.out().println("  " + marked + " began with a UTF-8 byte-order mark: dropped, not part of the first entity");
        }
        if (r.nothingImported()) {
            if (r.lines() > 0) {
                in.out().println("  facts:    " + Format.count(r.factsUnchanged()) + " unchanged");
            }
            return;
        }
        in.out().println("  facts:    " + Format.count(r.factsAdded()) + " added, " + Format.count(r.factsConfirmed())
                + " confirmed by a new source, " + Format.count(r.factsUnchanged()) + " unchanged");
        in.out().println("  entities: " + Format.count(r.entitiesAdded()) + " added; names: " + Format.count(r.namesSet())
                + " set, " + Format.count(r.namesConflicting()) + " kept (entity already named)");
        in.out().println("  undo with: strata undo --store " + store + " " + r.deltaId());
    }

    /** What a store holds: sizes, degrees, the most common relations. */
    public static void stats(Invocation in, StoreStats s, String store) {
        in.out().println("Store " + store);
        in.out().println("  entities   " + Format.count(s.entities()));
        in.out().println("  facts      " + Format.count(s.facts()));
        in.out().println("  relations  " + Format.count(s.relations()));
        in.out().println("  degree     mean " + Format.decimal(s.degreeMean(), 1) + ", p50 " + s.degreeP50() + ", p90 "
                + s.degreeP90() + ", p99 " + s.degreeP99() + ", max " + s.degreeMax());
        if (!s.topRelations().isEmpty()) {
            in.out().println("  top relations:");
            for (StoreStats.RelationCount r : s.topRelations()) {
                in.out().printf("    %10s  %s%n", Format.count(r.facts()), r.relation());
            }
        }
    }

    /** An evaluation's table: both directions, tail and head queries. */
    public static void evaluation(Invocation in, EvaluationResult r) {
        in.out().println("Evaluation of " + r.scorer() + " on " + r.dataset() + " (" + r.split() + ", filtered, both "
                + "directions, ties at the mean rank)");
        in.out().printf("  %-6s %8s %8s %8s %8s %8s%n", "", "queries", "MRR", "Hits@1", "Hits@3", "Hits@10");
        row(in, "both", new Metrics(r.queries(), r.mrr(), r.hits1(), r.hits3(), r.hits10()));
        row(in, "tail", r.tail());
        row(in, "head", r.head());
        in.out().println("  " + Format.count(r.unseenQueries()) + " queries with an entity or relation unseen in "
                + "training count as misses; " + Format.decimal(r.seconds(), 2) + " s");
    }

    /** The metrics of each relation's queries, the relations with the most queries first. */
    public static void relations(Invocation in, EvaluationResult r) {
        int width = 8;
        for (var m : r.relations()) {
            width = Math.max(width, m.relation().length());
        }
        String format = "  %-" + width + "s %8s %8s %8s %8s %10s %10s%n";
        in.out().printf(format, "relation", "queries", "MRR", "Hits@1", "Hits@10", "tail MRR", "head MRR");
        for (var m : r.relations()) {
            in.out().printf(format, m.relation(), m.both().queries(), Format.decimal(m.both().mrr(), 4),
                    Format.decimal(m.both().hits1(), 4), Format.decimal(m.both().hits10(), 4),
                    Format.decimal(m.tail().mrr(), 4), Format.decimal(m.head().mrr(), 4));
        }
    }

    private static void row(Invocation in, String label, Metrics m) {
        in.out().printf("  %-6s %8d %8.4f %8.4f %8.4f %8.4f%n", label, m.queries(), m.mrr(), m.hits1(), m.hits3(), m.hits10());
    }

    /** A rule-learning run: how many rules of each shape, how fast, how to reproduce it. */
    public static void learnedRules(Invocation in, LearnResult r, LearnParameters p, String source) {
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

    /** An evolve cycle: each step's delta, time and changes; communities, gate, states, stability. */
    public static void cycle(Invocation in, CycleReport r) {
        in.out().println((r.dryRun() ? "Dry run of cycle " : "Cycle ") + r.cycle() + (r.dryRun()
                ? " (nothing written)" : ""));
        for (Map.Entry<String, Map<String, Long>> step : r.counts().entrySet()) {
            StringBuilder changes = new StringBuilder();
            step.getValue().forEach((k, v) -> {
                if (v > 0) {
                    changes.append(changes.isEmpty() ? "" : ", ").append(Format.count(v)).append(' ').append(k);
                }
            });
            String delta = r.deltas().get(step.getKey());
            in.out().printf("  %-12s %-8s %6.1f s  %s%n", step.getKey(), delta == null ? (r.dryRun() ? "(dry)" : "-")
                    : delta, r.seconds().getOrDefault(step.getKey(), 0.0), changes.isEmpty() ? "no change" : changes);
        }
        List<String> levels = new ArrayList<>();
        for (int l = 0; l < r.communitySizes().size(); l++) {
            levels.add("level " + l + ": " + r.communitySizes().get(l).size());
        }
        in.out().println("  communities  " + String.join(", ", levels));
        in.out().println("  gate         " + r.gate());
        in.out().println("  states       " + r.states());
        Map<String, String> stab = new LinkedHashMap<>();
        // NaN: nothing to measure (the judge found no threshold that reaches its precision, so confirms none);
        // counts (rules kept, rows that fitted the judge) as counts
        r.stability().forEach((k, v) -> stab.put(k, Double.isNaN(v) ? "-"
                : v == Math.rint(v) && Math.abs(v) < 1e12 ? Format.count(Math.round(v)) : Format.decimal(v, 3)));
        in.out().println("  stability    " + stab);
    }

    /** One cycle's promotions against the truth file ({@code evolve --truth}). */
    public static void truth(Invocation in, org.strata.graph.eval.PromotionCheck.Cycle c) {
        in.out().println("  truth        promoted " + Format.count(c.promoted()) + ", of which true "
                + Format.count(c.promotedTrue()) + " (precision " + (Double.isNaN(c.precision()) ? "-"
                : Format.decimal(c.precision(), 3)) + "); true facts believed " + Format.count(c.trueBelieved()) + " of "
                + Format.count(c.trueInStore()) + " in the store (recall " + (Double.isNaN(c.recall()) ? "-"
                : Format.decimal(c.recall(), 3)) + ")");
    }
}
