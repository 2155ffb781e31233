package org.strata.rules;

import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.config.OptionValues;
import org.strata.rules.apply.Aggregation;
import org.strata.rules.learn.LearnParameters;

/** The options of rule learning and rule inference. */
public final class RulesOptions {

    private RulesOptions() {
    }

    public static final Option<Double> SECONDS = Option.decimal("rules", "seconds").label("N")
            .description("Learning time budget; learning stops at the first round boundary after it")
            .defaultValue(30.0).between(0.001, 1e7).build();

    public static final Option<Integer> ROUNDS = Option.integer("rules", "rounds").label("N")
            .description("Rounds of 4,000 samples to run instead of a time budget (0: use --seconds); "
                    + "with --seed, gives the same rule file byte for byte")
            .defaultValue(0).range(0, 100_000_000).build();

    public static final Option<Integer> SAMPLE_SIZE = Option.integer("rules", "sample-size").label("N")
            .description("Body groundings sampled to estimate a rule's confidence").defaultValue(LearnParameters.SAMPLE_SIZE)
            .range(10, 10_000_000).build();

    public static final Option<Double> PC = Option.decimal("rules", "pc").label("X")
            .description("Smoothing constant: confidence = correct / (predictions + pc)").defaultValue(LearnParameters.PC)
            .between(0, 1e6).build();

    public static final Option<Integer> MIN_SUPPORT = Option.integer("rules", "min-support").label("N")
            .description("Keep a rule when it predicts at least this many training facts").defaultValue(LearnParameters.MIN_CORRECT)
            .range(1, 1_000_000).build();

    public static final Option<Double> MIN_CONFIDENCE = Option.decimal("rules", "min-confidence").label("X")
            .description("Keep a rule when its confidence is at least this").defaultValue(LearnParameters.MIN_CONFIDENCE).between(0, 1)
            .build();

    public static final Option<Integer> MAX_CYCLIC = Option.integer("rules", "max-cyclic").label("N")
            .description("Longest body of a cyclic rule, r(X,Y) <= path(X..Y)").defaultValue(LearnParameters.MAX_CYCLIC).range(1,
                    3).build();

    public static final Option<Integer> MAX_ACYCLIC = Option.integer("rules", "max-acyclic").label("N")
            .description("Longest body of a rule with constants from a random walk, r(X,c) <= path(X..d) or "
                    + "path(X..A); 0 for none (those that come back to c, r(X,c) <= b1(X,A), b2(A,c), come from "
                    + "cyclic paths). 2 suits WN18RR, 1 FB15k-237 and CoDEx-S")
            .defaultValue(LearnParameters.MAX_ACYCLIC).range(0, 2).build();

    public static final Option<Boolean> NO_ZERO_RULES = Option.flag("rules", "no-zero-rules")
            .description("Leave out the rules with an empty body, r(X,c) <= and r(X,X) <= (AnyBURL's zero rules: how "
                    + "common an answer is for r; they rank what no other rule reaches)").build();

    public static final Option<Integer> STORE_RULES = Option.integer("rules", "store-rules").label("N")
            .description("When learning from a store: how many of the best rules become Rule vertices")
            .defaultValue(10_000).range(0, 100_000_000).build();

    public static final Option<String> RULES = Option.string("rules", "rules").label("FILE")
            .description("A rule file (AnyBURL's format: predictions, correct, confidence, rule)").build();

    public static final Option<Aggregation> AGGREGATE = Option.choice("rules", "aggregate", Aggregation.class)
            .description("How the rules that predict a candidate combine: max-plus (AnyBURL) or noisy-or")
            .defaultValue(Aggregation.MAX_PLUS).build();

    public static final Option<Integer> CANDIDATES = Option.integer("rules", "candidates").label("N")
            .description("Candidates an evaluation query gathers before it stops adding new ones; answers the "
                    + "evaluation filters (other known facts) are ranked but not counted").defaultValue(100)
            .range(1, 1_000_000).build();

    public static final Option<Integer> SETTLE = Option.integer("rules", "settle").label("N")
            .description("Ranks whose ties further rules break, at most --candidates, not counting answers the "
                    + "evaluation filters").defaultValue(30)
            .range(1, 1_000_000).build();

    public static final Option<Integer> K = Option.integer("rules", "k").label("N")
            .description("Answers a prediction lists").defaultValue(10).range(1, 100_000).build();

    public static final Option<String> HEAD = Option.string("rules", "head").label("NAME_OR_ID")
            .description("Predict tails of (HEAD, --relation, ?): an entity id, or its name").build();

    public static final Option<String> TAIL = Option.string("rules", "tail").label("NAME_OR_ID")
            .description("Predict heads of (?, --relation, TAIL): an entity id, or its name").build();

    public static final Option<String> RELATION = Option.string("rules", "relation").label("R")
            .description("The relation of the query").build();

    public static final Option<Boolean> EXPLAIN = Option.flag("rules", "explain")
            .description("List the rules behind each answer, each with a grounding in the facts").build();

    /**
     * How to learn rules, from typed option values: {@link #ROUNDS} when given (then no time budget),
     * otherwise {@link #SECONDS}; threads and seed from the job options.
     */
    public static LearnParameters learnParameters(OptionValues values) {
        int rounds = values.get(ROUNDS);
        return new LearnParameters(rounds > 0 ? 0 : values.get(SECONDS), rounds, GraphOptions.threads(values),
                values.get(GraphOptions.SEED), LearnParameters.SAMPLES_PER_ROUND, values.get(SAMPLE_SIZE),
                values.get(PC), values.get(MIN_SUPPORT), values.get(MIN_CONFIDENCE), values.get(MAX_CYCLIC),
                values.get(MAX_ACYCLIC), LearnParameters.MAX_VISITS, !values.get(NO_ZERO_RULES));
    }
}
