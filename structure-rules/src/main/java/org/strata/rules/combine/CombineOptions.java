package org.strata.rules.combine;

import org.strata.graph.config.Option;

/**
 * The options of learning how rules combine. The defaults are the setting with the best validation MRR of
 * those tried on CoDEx-S (30 s of rules, seed 42; README "Benchmarks"): 8 rules per candidate, group decay
 * 0.7, no groups, rate 0.01, pull 0.01.
 */
public final class CombineOptions {

    private CombineOptions() {
    }

    public static final Option<Learner> LEARNER = Option.choice("combine", "learner", Learner.class)
            .description("How the rule network learns: phase (equilibrium propagation, two nudged phases, no "
                    + "backward pass), kinase (fast and slow activity traces, one nudged phase) or bptt (the exact "
                    + "gradient)").defaultValue(Learner.PHASE).build();

    public static final Option<Integer> TRAIN_FACTS = Option.integer("combine", "train-facts").label("N")
            .description("Training facts sampled as queries (each asked both ways, its own fact left out)")
            .defaultValue(20_000).range(1, 100_000_000).build();

    public static final Option<Integer> VALID_FACTS = Option.integer("combine", "valid-facts").label("N")
            .description("Validation facts sampled for early stopping and the fixed baselines' settings (each asked "
                    + "both ways)").defaultValue(3_000).range(1, 100_000_000).build();

    public static final Option<Integer> EPOCHS = Option.integer("combine", "combine-epochs").label("E")
            .description("Most passes over the training queries (early stopping on validation MRR)")
            .defaultValue(10).range(1, 10_000).build();

    public static final Option<Double> RATE = Option.decimal("combine", "combine-rate").label("X")
            .description("AdaGrad learning rate of the rule network").defaultValue(0.01).between(1e-9, 100).build();

    public static final Option<Double> L2 = Option.decimal("combine", "combine-l2").label("X")
            .description("Pull of each rule weight toward its start").defaultValue(0.01).between(0, 1e6).build();

    public static final Option<Double> GROUP_DECAY = Option.decimal("combine", "group-decay").label("X")
            .description("Weight of a candidate's j-th group of overlapping rules: group-decay^j (1 counts independent "
                    + "groups alike, as a non-redundant noisy-or does)").defaultValue(0.7).between(0, 1).build();

    public static final Option<Double> OVERLAP = Option.decimal("combine", "group-overlap").label("J")
            .description("Jaccard index of their predictions from which two rules share a group unit (above 1, the "
                    + "default: every rule alone; groups cost CoDEx-S validation MRR)").defaultValue(2.0).between(0, 2)
            .build();

    public static final Option<Double> COMBINE_SECONDS = Option.decimal("combine", "combine-seconds").label("S")
            .description("Most seconds for training the combination, query building included (the last epoch "
                    + "finishes)").defaultValue(200.0).between(1, 1e7).build();

    public static final Option<Double> DECAY = Option.decimal("combine", "decay").label("X")
            .description("Weight of a candidate's i-th rule, most confident first: decay^i (1 sums them alike; small "
                    + "values let the best rule decide and the next ones break ties); inside a group of overlapping "
                    + "rules").defaultValue(0.1).between(0, 1)
            .build();

    public static final Option<Integer> MAX_CANDIDATES = Option.integer("combine", "max-candidates").label("N")
            .description("Candidates the network scores per query (the best by their starting scores)")
            .defaultValue(200).range(1, 1_000_000).build();

    public static final Option<Integer> MAX_RULES = Option.integer("combine", "max-rules").label("N")
            .description("Rules per candidate the network reads (the heaviest by their starting weights, then the "
                    + "most confident)").defaultValue(8)
            .range(1, 1_000_000).build();

    public static final Option<Boolean> NO_CALIBRATION = Option.flag("combine", "no-calibration")
            .description("Start from the rules' own confidences instead of a calibration chosen on validation (the "
                    + "factor of candidates a training fact already links to the asking entity, the confidence's "
                    + "smoothing constant and a weight per class of rule: cyclic, acyclic, without a body, by length)")
            .build();
}
