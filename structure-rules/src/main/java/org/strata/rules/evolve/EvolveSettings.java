package org.strata.rules.evolve;

/**
 * The settings of an evolution cycle.
 *
 * @param resolution         Leiden modularity resolution at level 0
 * @param levelFactor        resolution multiplier per level up
 * @param maxLevels          most levels of the hierarchy
 * @param ruleSeconds        rule-learning budget per cycle
 * @param rulesKept          best rules (by confidence) kept in the store per cycle
 * @param proposalQueries    (head, relation) queries the rules answer per cycle to propose facts
 * @param admitScore         least confidence of the rule behind a prediction for it to be proposed
 * @param toStable           confirmations (cycles) that promote a CANDIDATE to STABLE
 * @param toSolidified       confirmations that promote to SOLIDIFIED
 * @param sourcesToStable    distinct sources that make a CANDIDATE fact STABLE on their own
 * @param functionalMinHeads heads a relation needs before it can be called functional
 * @param typingOverlap      share of a relation's ends that must also be another's to count as its type
 * @param shortcutMinUses    answers a STABLE or SOLIDIFIED path rule (body length ≥ 2, confidence ≥
 *                           admitScore) must give in a cycle for its paths to become shortcut edges (0: none)
 * @param shortcutsPerRule   most shortcut edges materialised per rule
 * @param combineSeconds     seconds per cycle for learning how the rules combine (phase learner, held-out
 *                           facts for early stopping), which then picks the answers to propose; 0: max-plus
 *                           picks them
 * @param threads            threads for rule learning and inference
 * @param seed               seeds partition, learning and sampling
 */
public record EvolveSettings(double resolution, double levelFactor, int maxLevels, double ruleSeconds, int rulesKept,
                             int proposalQueries, double admitScore, int toStable, int toSolidified,
                             int sourcesToStable, int functionalMinHeads, double typingOverlap, int shortcutMinUses,
                             int shortcutsPerRule, double combineSeconds, int threads, long seed) {

    public EvolveSettings {
        if (toStable < 1 || toSolidified < toStable || sourcesToStable < 1 || rulesKept < 0 || proposalQueries < 0
                || !(admitScore > 0 && admitScore <= 1) || threads < 1 || shortcutMinUses < 0 || shortcutsPerRule < 0 || !(combineSeconds >= 0)) {
            throw new IllegalArgumentException("invalid evolve settings: " + this);
        }
    }
}
