package org.strata.rules.combine;

import org.strata.rules.apply.RuleEngine;
import org.strata.graph.config.OptionValues;

/**
 * Everything that decides how a rule combination is learned, read from the {@link CombineOptions} in one
 * place (their defaults and ranges are stated there, once).
 *
 * @param learner       how the network learns
 * @param trainFacts    training facts sampled as queries (each asked both ways)
 * @param epochs        the most passes over the training queries
 * @param rate          the AdaGrad learning rate
 * @param l2            the pull of each weight toward its start
 * @param shape         decays and start weights
 * @param overlap       the Jaccard index from which two rules share a group (above 1: none do)
 * @param maxCandidates candidates per query
 * @param maxRules      rules per candidate
 * @param validFacts    validation facts sampled for model selection
 * @param maxSeconds    the most seconds for query building and training
 * @param seed          sampling and order
 * @param threads       workers for building the queries
 * @param calibrate     whether the start is calibrated on validation ({@link CalibrationSearch})
 */
public record CombineParameters(Learner learner, int trainFacts, int epochs, double rate, double l2,
                                RuleNetwork.Shape shape, double overlap, int maxCandidates, int maxRules,
                                int validFacts, double maxSeconds, long seed, int threads, boolean calibrate) {

    /** The nudge of the phase learners. */
    public static final double BETA = 0.01;
    /** Settling steps of each nudged phase. */
    public static final int STEPS = 8;
    /** Epochs without a better validation MRR before training stops. */
    public static final int PATIENCE = 2;
    /** Edge visits allowed to one rule walk. */
    public static final int MAX_VISITS = RuleEngine.INFERENCE_VISITS;

    public CombineParameters {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** The parameters the options give; {@code threads} 0 means one per core. */
    public static CombineParameters from(OptionValues v, long seed, int threads) {
        double decay = v.get(CombineOptions.DECAY);
        return new CombineParameters(v.get(CombineOptions.LEARNER), v.get(CombineOptions.TRAIN_FACTS),
                v.get(CombineOptions.EPOCHS), v.get(CombineOptions.RATE), v.get(CombineOptions.L2),
                new RuleNetwork.Shape(decay, v.get(CombineOptions.GROUP_DECAY), decay < 1),
                v.get(CombineOptions.OVERLAP), v.get(CombineOptions.MAX_CANDIDATES), v.get(CombineOptions.MAX_RULES),
                v.get(CombineOptions.VALID_FACTS), v.get(CombineOptions.COMBINE_SECONDS), seed,
                threads == 0 ? Runtime.getRuntime().availableProcessors() : threads,
                !v.get(CombineOptions.NO_CALIBRATION));
    }

    /** The same with another learner. */
    public CombineParameters withLearner(Learner other) {
        return new CombineParameters(other, trainFacts, epochs, rate, l2, shape, overlap, maxCandidates, maxRules,
                validFacts, maxSeconds, seed, threads, calibrate);
    }

    /** The same with another time budget. */
    public CombineParameters withMaxSeconds(double seconds) {
        return new CombineParameters(learner, trainFacts, epochs, rate, l2, shape, overlap, maxCandidates, maxRules,
                validFacts, seconds, seed, threads, calibrate);
    }

    /** The same with or without the calibration of the start. */
    public CombineParameters withCalibration(boolean on) {
        return new CombineParameters(learner, trainFacts, epochs, rate, l2, shape, overlap, maxCandidates, maxRules,
                validFacts, maxSeconds, seed, threads, on);
    }

    /** The trainer's own parameters. */
    CombinationTrainer.Parameters trainer(double secondsLeft) {
        return new CombinationTrainer.Parameters(learner, epochs, rate, l2, BETA, STEPS, PATIENCE, seed,
                Math.max(1e-3, secondsLeft));
    }
}
