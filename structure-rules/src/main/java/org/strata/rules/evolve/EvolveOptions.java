package org.strata.rules.evolve;

import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.config.OptionValues;
import org.strata.graph.govern.GateOptions;
import org.strata.rules.RulesOptions;

/** The options of {@code strata evolve}; the gate's are in {@code GateOptions}. */
public final class EvolveOptions {

    private EvolveOptions() {
    }

    public static final Option<Integer> CYCLES = Option.integer("evolve", "cycles").label("N")
            .description("Evolution cycles to run, one after the other").defaultValue(1).range(1, 1_000).build();

    public static final Option<Boolean> DRY_RUN = Option.flag("evolve", "dry-run")
            .description("Compute one cycle and print what it would change; write nothing").build();

    public static final Option<String> REPORT = Option.string("evolve", "report").label("DIR")
            .description("Write report.json and a self-contained report.html (plots) into this directory").build();

    public static final Option<String> TRUTH = Option.string("evolve", "truth").label("FILE")
            .description("Facts known to be true (TSV): after each cycle, the precision of its promotions to STABLE or "
                    + "SOLIDIFIED (a fact not in FILE counts as false) and the recall of FILE's facts in the store; "
                    + "printed and plotted in the report").build();

    public static final Option<Double> RESOLUTION = Option.decimal("evolve", "resolution").label("X")
            .description("Leiden modularity resolution at level 0 (higher: more, smaller communities)")
            .defaultValue(4.0).between(1e-6, 1e6).build();

    public static final Option<Double> LEVEL_FACTOR = Option.decimal("evolve", "level-factor").label("X")
            .description("Resolution multiplier from one level of the hierarchy to the next").defaultValue(0.25)
            .between(1e-6, 1).build();

    public static final Option<Integer> MAX_LEVELS = Option.integer("evolve", "max-levels").label("N")
            .description("Most levels of the community hierarchy").defaultValue(4).range(1, 20).build();

    public static final Option<Double> RULE_SECONDS = Option.decimal("evolve", "rule-seconds").label("N")
            .description("Rule-learning budget per cycle").defaultValue(5.0).between(0.001, 1e6).build();

    public static final Option<Integer> RULE_ROUNDS = Option.integer("evolve", "rule-rounds").label("N")
            .description("Rule-learning rounds (of 4,000 samples) per cycle instead of --rule-seconds (0: the time "
                    + "budget); with --seed, every cycle learns the same rules on every run")
            .defaultValue(0).range(0, 100_000_000).build();

    public static final Option<Integer> RULES_KEPT = Option.integer("evolve", "rules-kept").label("N")
            .description("Best rules (by confidence) kept in the store and tracked across cycles").defaultValue(1_000)
            .range(0, 10_000_000).build();

    public static final Option<Integer> PROPOSAL_QUERIES = Option.integer("evolve", "proposal-queries").label("N")
            .description("(head, relation) queries the rules answer per cycle to propose new facts")
            .defaultValue(500).range(0, 10_000_000).build();

    public static final Option<Double> ADMIT_SCORE = Option.decimal("evolve", "admit-score").label("X")
            .description("Least confidence of the rule behind a predicted fact for it to be proposed to the gate (with "
                    + "a learned combination: the rule that contributes most to the answer)").defaultValue(0.7)
            .between(1e-9, 1).build();

    public static final Option<Double> COMBINE_BUDGET = Option.decimal("evolve", "combine-budget").label("S")
            .description("Seconds per cycle for learning how the rules combine (phase learner), which then picks the "
                    + "answers to propose; 0 picks them by max-plus").defaultValue(20.0).between(0, 1e7).build();

    public static final Option<Integer> TO_STABLE = Option.integer("evolve", "to-stable").label("N")
            .description("Confirmations (cycles) that promote a CANDIDATE fact, rule or community to STABLE")
            .defaultValue(2).range(1, 1_000).build();

    public static final Option<Integer> TO_SOLIDIFIED = Option.integer("evolve", "to-solidified").label("N")
            .description("Confirmations that promote to SOLIDIFIED (distinct sources, for facts)").defaultValue(3)
            .range(1, 1_000).build();

    public static final Option<Integer> SOURCES_TO_STABLE = Option.integer("evolve", "sources-to-stable").label("N")
            .description("Distinct sources that make a CANDIDATE fact STABLE without rule confirmations")
            .defaultValue(2).range(1, 1_000).build();

    public static final Option<Integer> CALIBRATION_FACTS = Option.integer("evolve", "calibration-facts").label("N")
            .description("Believed facts (each with one corruption) that calibrate the rules' judge of CANDIDATE and "
                    + "LEFTOVER facts each cycle (default 2,000); with labelled triples, the most drawn of each file "
                    + "(default 20,000)").range(0, 10_000_000).build();

    /** Believed facts that calibrate the judge when {@link #CALIBRATION_FACTS} is not given. */
    public static final int BELIEVED_CALIBRATION_FACTS = 2_000;
    /**
     * Labelled triples of each file that calibrate the judge when {@link #CALIBRATION_FACTS} is not given: a
     * user's checked triples are worth their time (on FB15k-237 all 17,535 validation triples confirmed 0.33
     * of the true ones out of fold where 8,000 confirmed 0.25).
     */
    public static final int LABELLED_CALIBRATION_FACTS = 20_000;

    public static final Option<Integer> JUDGE_BELIEVED_FACTS = Option.integer("evolve", "judge-believed-facts")
            .label("N").description("With labelled triples (--calibrate-true/--calibrate-false), believed facts (each "
                    + "left out, with one corruption) that help fit the rules' judge beside them, never choose its "
                    + "thresholds; at most as many as the true labelled triples (0: none)")
            .defaultValue(org.strata.rules.judge.JudgeParameters.FIT_BELIEVED_FACTS).range(0, 10_000_000).build();

    public static final Option<Double> CONFIRM_PRECISION = Option.decimal("evolve", "confirm-precision").label("X")
            .description("Precision (against as many corruptions) the judge's confirmations must reach on its "
                    + "calibration, as a 95 % lower bound; a CANDIDATE it confirms gains a confirmation")
            .defaultValue(0.97).between(0.5, 1).build();

    public static final Option<Double> DOUBT_PRECISION = Option.decimal("evolve", "doubt-precision").label("X")
            .description("Share of corruptions among the calibration triples the judge doubts; a CANDIDATE it doubts "
                    + "becomes LEFTOVER with the evidence against").defaultValue(0.95).between(0.5, 1).build();

    public static final Option<org.strata.rules.judge.JudgeParameters.FusionKind> JUDGE_FUSION = Option.choice("evolve",
                    "judge-fusion", org.strata.rules.judge.JudgeParameters.FusionKind.class)
            .description("How the rules' judge fuses a triple's evidence into its probability: boosted trees or a "
                    + "logistic regression").defaultValue(org.strata.rules.judge.JudgeParameters.FusionKind.TREES).build();

    public static final Option<String> CALIBRATE_TRUE = Option.string("evolve", "calibrate-true").label("FILE")
            .description("Triples known to be true (TSV), not yet believed: with --calibrate-false, the rules' judge is "
                    + "calibrated on them instead of on believed facts and their corruptions").build();

    public static final Option<String> CALIBRATE_FALSE = Option.string("evolve", "calibrate-false").label("FILE")
            .description("Triples known to be false (TSV), for --calibrate-true").build();

    public static final Option<Integer> SHORTCUT_MIN_USES = Option.integer("evolve", "shortcut-min-uses").label("N")
            .description("Answers a confirmed path rule must give in a cycle before its paths are materialised as "
                    + "SHORTCUT edges (0: no shortcuts)").defaultValue(3).range(0, 1_000_000_000).build();

    public static final Option<Integer> SHORTCUTS_PER_RULE = Option.integer("evolve", "shortcuts-per-rule").label("N")
            .description("Most SHORTCUT edges materialised for one rule").defaultValue(1_000).range(0, 100_000_000)
            .build();

    public static final Option<Integer> SUMMARY_LEVEL = Option.integer("summary", "level").label("L")
            .description("The hierarchy level to summarise (0: the finest communities)").defaultValue(0)
            .range(0, 100).build();

    public static final Option<Integer> SUMMARY_TOP = Option.integer("summary", "top").label("N")
            .description("How many communities and inter-community relations to list").defaultValue(20)
            .range(1, 1_000_000).build();

    public static final Option<Double> EVOLVE_EVERY = Option.decimal("serve", "evolve-every").label("S")
            .description("Run an evolution cycle on the served store every S seconds, answering clients meanwhile "
                    + "(0: never); the evolve options apply").defaultValue(0.0).between(0, 1e9).build();

    /** Every option {@link #settings} reads: what a command that runs evolve cycles offers. */
    public static java.util.List<Option<?>> settingsOptions() {
        return java.util.List.of(RESOLUTION, LEVEL_FACTOR, MAX_LEVELS, RULE_SECONDS, RULE_ROUNDS, RULES_KEPT, PROPOSAL_QUERIES,
                ADMIT_SCORE, TO_STABLE, TO_SOLIDIFIED, SOURCES_TO_STABLE, CALIBRATION_FACTS, JUDGE_BELIEVED_FACTS,
                CONFIRM_PRECISION, DOUBT_PRECISION, JUDGE_FUSION, CALIBRATE_TRUE, CALIBRATE_FALSE,
                GateOptions.FUNCTIONAL_MIN_HEADS, GateOptions.TYPING_OVERLAP, SHORTCUT_MIN_USES, SHORTCUTS_PER_RULE, COMBINE_BUDGET,
                RulesOptions.SAMPLE_SIZE, RulesOptions.PC, RulesOptions.MIN_SUPPORT, RulesOptions.MIN_CONFIDENCE,
                RulesOptions.MAX_CYCLIC, RulesOptions.MAX_ACYCLIC, RulesOptions.NO_ZERO_RULES, GraphOptions.SEED,
                GraphOptions.THREADS);
    }

    /** How the rules' judge is calibrated, from typed option values. */
    public static org.strata.rules.judge.JudgeParameters judgeParameters(OptionValues values) {
        return new org.strata.rules.judge.JudgeParameters(calibrationFacts(values, values.get(CALIBRATE_TRUE) != null),
                values.get(CONFIRM_PRECISION),
                values.get(DOUBT_PRECISION), values.get(GraphOptions.SEED), GraphOptions.threads(values),
                path(values.get(CALIBRATE_TRUE)), path(values.get(CALIBRATE_FALSE)), values.get(JUDGE_FUSION),
                values.get(JUDGE_BELIEVED_FACTS));
    }

    /** The calibration's size: {@link #CALIBRATION_FACTS} where given, else the default for the kind of calibration. */
    public static int calibrationFacts(OptionValues values, boolean labelled) {
        Integer given = values.get(CALIBRATION_FACTS);
        return given != null ? given : labelled ? LABELLED_CALIBRATION_FACTS : BELIEVED_CALIBRATION_FACTS;
    }

    private static java.nio.file.Path path(String file) {
        return file == null ? null : java.nio.file.Path.of(file);
    }

    /**
     * An evolution cycle's settings from typed option values: the rule options ({@code --max-cyclic},
     * {@code --pc}, ...) with {@link #RULE_SECONDS} as the budget (or {@link #RULE_ROUNDS} rounds), the gate's
     * options, the seed and threads.
     */
    public static EvolveSettings settings(OptionValues values) {
        return new EvolveSettings(values.get(RESOLUTION), values.get(LEVEL_FACTOR), values.get(MAX_LEVELS),
                RulesOptions.learnParameters(values.with(RulesOptions.ROUNDS, values.get(RULE_ROUNDS))
                        .with(RulesOptions.SECONDS, values.get(RULE_SECONDS))),
                values.get(RULES_KEPT), values.get(PROPOSAL_QUERIES), values.get(ADMIT_SCORE), values.get(TO_STABLE),
                values.get(TO_SOLIDIFIED), values.get(SOURCES_TO_STABLE), GateOptions.parameters(values),
                judgeParameters(values),
                values.get(SHORTCUT_MIN_USES), values.get(SHORTCUTS_PER_RULE), values.get(COMBINE_BUDGET),
                values.get(GraphOptions.SEED));
    }
}
