package org.strata.rules.learn;

/**
 * How to learn rules.
 *
 * @param seconds       time budget; learning stops at the first round boundary after it (0: no limit)
 * @param rounds        number of rounds to run (0: until the time budget); fixes the result exactly
 * @param threads       worker threads
 * @param seed          the random seed: the same seed and number of rounds give the same rules, with any
 *                      number of threads
 * @param samplesPerRound paths sampled per round
 * @param sampleSize    body groundings sampled to estimate a rule's confidence
 * @param pc            the smoothing constant: confidence = correct / (predicted + pc)
 * @param minCorrect    a rule is kept when it predicts at least this many training facts
 * @param minConfidence and when its confidence reaches this
 * @param maxCyclic     longest body of a cyclic rule (1..3)
 * @param maxAcyclic    longest body of a rule with constants from a random walk (0..2); those whose path
 *                      comes back to the head constant come from cyclic paths and follow maxCyclic
 * @param maxVisits     edge visits allowed to one grounding search
 * @param zeroRules     whether to add the rules with an empty body ({@code r(X,c) <=}), counted exactly
 */
public record LearnParameters(double seconds, int rounds, int threads, long seed, int samplesPerRound, int sampleSize,
                              double pc, int minCorrect, double minConfidence, int maxCyclic, int maxAcyclic,
                              int maxVisits, boolean zeroRules) {

    public LearnParameters {
        if (seconds < 0) {
            throw new IllegalArgumentException("seconds must be at least 0, got " + seconds);
        }
        if (rounds < 0) {
            throw new IllegalArgumentException("rounds must be at least 0, got " + rounds);
        }
        if (seconds == 0 && rounds == 0) {
            throw new IllegalArgumentException("give a time budget (seconds > 0) or a number of rounds");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (samplesPerRound < 1 || sampleSize < 1) {
            throw new IllegalArgumentException("samplesPerRound and sampleSize must be positive, got "
                    + samplesPerRound + " and " + sampleSize);
        }
        if (pc < 0) {
            throw new IllegalArgumentException("pc must be at least 0, got " + pc);
        }
        if (maxCyclic < 1 || maxCyclic > 3) {
            throw new IllegalArgumentException("maxCyclic must be between 1 and 3, got " + maxCyclic);
        }
        if (maxAcyclic < 0 || maxAcyclic > 2) {
            throw new IllegalArgumentException("maxAcyclic must be between 0 and 2, got " + maxAcyclic);
        }
        if (maxVisits < 1) {
            throw new IllegalArgumentException("maxVisits must be positive, got " + maxVisits);
        }
    }

    /** The same parameters with another seed (an evolve cycle's). */
    public LearnParameters withSeed(long seed) {
        return new LearnParameters(seconds, rounds, threads, seed, samplesPerRound, sampleSize, pc, minCorrect,
                minConfidence, maxCyclic, maxAcyclic, maxVisits, zeroRules);
    }

    /** The same parameters with another longest walk-made body with constants and zero rules on or off. */
    public LearnParameters withShapes(int maxAcyclic, boolean zeroRules) {
        return new LearnParameters(seconds, rounds, threads, seed, samplesPerRound, sampleSize, pc, minCorrect,
                minConfidence, maxCyclic, maxAcyclic, maxVisits, zeroRules);
    }

    /** Paths sampled per round: the unit of determinism (a run is reproduced by its number of rounds). */
    public static final int SAMPLES_PER_ROUND = 4_000;
    /**
     * Longest walk-made body of a rule with constants by default: one atom. Two-atom bodies such as
     * {@code r(X,c) <= b1(X,A), b2(A,d)} measured worse at 100 s on FB15k-237 (MRR 0.325 vs 0.334) and
     * CoDEx-S (0.414 vs 0.436), better on WN18RR (0.486 vs 0.483), and make evaluation twice as slow.
     */
    public static final int MAX_ACYCLIC = 1;
    /** Body groundings sampled per confidence estimate by default (AnyBURL's). */
    public static final int SAMPLE_SIZE = 1_000;
    /** The smoothing constant by default (AnyBURL's). */
    public static final double PC = 5;
    /** Least training facts a kept rule predicts, by default (AnyBURL's support 2). */
    public static final int MIN_CORRECT = 2;
    /** Least confidence of a kept rule, by default (AnyBURL's). */
    public static final double MIN_CONFIDENCE = 0.0001;
    /** Longest cyclic body by default. */
    public static final int MAX_CYCLIC = 3;
    /** Edge visits allowed to one grounding search by default. */
    public static final int MAX_VISITS = 100_000;

    /**
     * AnyBURL's defaults (support 2, confidence 0.0001, pc 5, 1,000 groundings per estimate, zero rules; cyclic
     * bodies up to 3 atoms, walk-made bodies with constants of {@link #MAX_ACYCLIC}) for a
     * time budget.
     */
    public static LearnParameters defaults(double seconds, int threads, long seed) {
        return defaults(seconds, 0, threads, seed);
    }

    /** The defaults for a fixed number of rounds and no time budget: the result depends only on the seed. */
    public static LearnParameters ofRounds(int rounds, int threads, long seed) {
        return defaults(0, rounds, threads, seed);
    }

    private static LearnParameters defaults(double seconds, int rounds, int threads, long seed) {
        return new LearnParameters(seconds, rounds, threads, seed, SAMPLES_PER_ROUND, SAMPLE_SIZE, PC, MIN_CORRECT,
                MIN_CONFIDENCE, MAX_CYCLIC, MAX_ACYCLIC, MAX_VISITS, true);
    }
}
