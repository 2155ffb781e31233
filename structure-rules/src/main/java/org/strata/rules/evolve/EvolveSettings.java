package org.strata.rules.evolve;

import org.strata.graph.govern.GateParameters;
import org.strata.rules.judge.JudgeParameters;
import org.strata.rules.learn.LearnParameters;

/**
 * The settings of an evolution cycle; {@link EvolveOptions#settings} builds them from the typed options.
 *
 * @param resolution       Leiden modularity resolution at level 0
 * @param levelFactor      resolution multiplier per level up
 * @param maxLevels        most levels of the hierarchy
 * @param rules            how each cycle learns its rules (its seed is offset by the cycle number); the
 *                         time budget per cycle is {@code rules.seconds()}, threads {@code rules.threads()}
 * @param rulesKept        best rules (by confidence) kept in the store per cycle
 * @param proposalQueries  (head, relation) queries the rules answer per cycle to propose facts
 * @param admitScore       least confidence of the rule behind a prediction for it to be proposed
 * @param toStable         confirmations (cycles) that promote a CANDIDATE to STABLE
 * @param toSolidified     confirmations that promote to SOLIDIFIED
 * @param sourcesToStable  distinct sources that make a CANDIDATE fact STABLE on their own
 * @param gate             the gate's thresholds
 * @param judge            how the rules' judge is calibrated each cycle (its seed is offset by the cycle)
 * @param shortcutMinUses  answers a STABLE or SOLIDIFIED path rule (body length ≥ 2, confidence ≥
 *                         admitScore) must give in a cycle for its paths to become shortcut edges (0: none)
 * @param shortcutsPerRule most shortcut edges materialised per rule
 * @param combineSeconds   seconds per cycle for learning how the rules combine (phase learner, held-out
 *                         facts for early stopping), which then picks the answers to propose; 0: max-plus
 *                         picks them
 * @param seed             seeds partition, learning and sampling
 */
public record EvolveSettings(double resolution, double levelFactor, int maxLevels, LearnParameters rules,
                             int rulesKept, int proposalQueries, double admitScore, int toStable, int toSolidified,
                             int sourcesToStable, GateParameters gate, JudgeParameters judge, int shortcutMinUses,
                             int shortcutsPerRule,
                             double combineSeconds, long seed) {

    public EvolveSettings {
        if (!(resolution > 0)) {
            throw new IllegalArgumentException("resolution must be positive, got " + resolution);
        }
        if (!(levelFactor > 0 && levelFactor <= 1)) {
            throw new IllegalArgumentException("levelFactor must be in (0, 1], got " + levelFactor);
        }
        if (maxLevels < 1) {
            throw new IllegalArgumentException("maxLevels must be at least 1, got " + maxLevels);
        }
        if (rules == null || gate == null || judge == null) {
            throw new IllegalArgumentException("rules, gate and judge parameters are required");
        }
        if (rulesKept < 0 || proposalQueries < 0 || shortcutMinUses < 0 || shortcutsPerRule < 0) {
            throw new IllegalArgumentException("rulesKept, proposalQueries, shortcutMinUses and shortcutsPerRule must "
                    + "be at least 0, got " + rulesKept + ", " + proposalQueries + ", " + shortcutMinUses + " and "
                    + shortcutsPerRule);
        }
        if (!(admitScore > 0 && admitScore <= 1)) {
            throw new IllegalArgumentException("admitScore must be in (0, 1], got " + admitScore);
        }
        if (toStable < 1) {
            throw new IllegalArgumentException("toStable must be at least 1, got " + toStable);
        }
        if (toSolidified < toStable) {
            throw new IllegalArgumentException("toSolidified must be at least toStable (" + toStable + "), got "
                    + toSolidified);
        }
        if (sourcesToStable < 1) {
            throw new IllegalArgumentException("sourcesToStable must be at least 1, got " + sourcesToStable);
        }
        if (!(combineSeconds >= 0)) {
            throw new IllegalArgumentException("combineSeconds must be at least 0, got " + combineSeconds);
        }
    }

    /** These settings with the judge calibrated by {@code newJudge}. */
    public EvolveSettings withJudge(JudgeParameters newJudge) {
        return new EvolveSettings(resolution, levelFactor, maxLevels, rules, rulesKept, proposalQueries, admitScore,
                toStable, toSolidified, sourcesToStable, gate, newJudge, shortcutMinUses, shortcutsPerRule,
                combineSeconds, seed);
    }

    /** These settings with the cycles' rules learned by {@code newRules} (a round budget makes a cycle repeatable). */
    public EvolveSettings withRules(LearnParameters newRules) {
        return new EvolveSettings(resolution, levelFactor, maxLevels, newRules, rulesKept, proposalQueries, admitScore,
                toStable, toSolidified, sourcesToStable, gate, judge, shortcutMinUses, shortcutsPerRule, combineSeconds,
                seed);
    }

    /** Threads for rule learning and inference. */
    public int threads() {
        return rules.threads();
    }
}
