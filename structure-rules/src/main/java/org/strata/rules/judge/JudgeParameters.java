package org.strata.rules.judge;

/**
 * How the rules' judge is calibrated.
 *
 * @param calibrationFacts believed facts drawn to calibrate it (each with one corruption)
 * @param confirmPrecision the precision (at one corruption per true fact) the confirmations must reach: the
 *                         one-sided 95 % lower bound of their precision on the out-of-fold calibration
 *                         probabilities (1 is never reached)
 * @param doubtPrecision   the share of corruptions among the held-out triples below the doubt threshold
 * @param seed             seeds the draw and the corruptions
 * @param threads          workers that fire the rules
 * @param labelledTrue     a TSV of triples known to be true and not believed (null: none); with
 *                         {@code labelledFalse}, the judge is calibrated on these labelled triples instead of
 *                         believed facts and their corruptions: what a user who checked a sample of an
 *                         extractor's proposals gives
 * @param labelledFalse    a TSV of triples known to be false (null: none)
 * @param fusion           how the judge fuses a triple's features into its probability
 * @param fitBelievedFacts with labelled triples, believed facts (each left out, with one corruption) drawn to
 *                         help fit the fusion beside them, never to choose its thresholds (0: none); never
 *                         more than the labelled true triples
 */
public record JudgeParameters(int calibrationFacts, double confirmPrecision, double doubtPrecision, long seed,
                              int threads, java.nio.file.Path labelledTrue, java.nio.file.Path labelledFalse,
                              FusionKind fusion, int fitBelievedFacts) {

    /**
     * Believed facts that may help fit a judge calibrated on labelled triples by default (it keeps them where
     * they raise its out-of-fold recall): on FB15k-237's validation triples (out of fold, at 97 %), 10,000
     * beside the made corruptions confirmed 0.539 of the true triples where the made corruptions alone
     * confirmed 0.520, 5,000 0.526, 20,000 0.536.
     */
    public static final int FIT_BELIEVED_FACTS = 10_000;

    /** How the judge fuses a triple's features into its probability. */
    public enum FusionKind {
        /**
         * Gradient-boosted trees ({@link org.strata.graph.eval.BoostedTreesFusion}): a feature may mean one
         * thing for one relation and another for the next; on CoDEx-S validation triples (5-fold, out of
         * fold) they confirm 0.57 of the true triples at 97 % precision where the logistic fusion confirms
         * 0.43.
         */
        TREES,
        /** Logistic regression ({@link org.strata.graph.eval.LogisticFusion}): one weight per feature. */
        LOGISTIC
    }

    public JudgeParameters {
        if (calibrationFacts < 0) {
            throw new IllegalArgumentException("calibrationFacts must be at least 0, got " + calibrationFacts);
        }
        if (!(confirmPrecision > 0.5 && confirmPrecision <= 1)) {
            throw new IllegalArgumentException("confirmPrecision must be in (0.5, 1], got " + confirmPrecision);
        }
        if (!(doubtPrecision > 0.5 && doubtPrecision <= 1)) {
            throw new IllegalArgumentException("doubtPrecision must be in (0.5, 1], got " + doubtPrecision);
        }
        if ((labelledTrue == null) != (labelledFalse == null)) {
            throw new IllegalArgumentException("a labelled calibration needs a file of true triples and a file of "
                    + "false ones (--calibrate-true and --calibrate-false), got only "
                    + (labelledTrue != null ? "the true: " + labelledTrue : "the false: " + labelledFalse));
        }
        if (fusion == null) {
            throw new IllegalArgumentException("fusion must be given (trees or logistic)");
        }
        if (fitBelievedFacts < 0) {
            throw new IllegalArgumentException("fitBelievedFacts must be at least 0, got " + fitBelievedFacts);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** These parameters with another seed. */
    public JudgeParameters withSeed(long newSeed) {
        return new JudgeParameters(calibrationFacts, confirmPrecision, doubtPrecision, newSeed, threads, labelledTrue,
                labelledFalse, fusion, fitBelievedFacts);
    }

    /** These parameters drawing {@code facts} triples to calibrate (of each file, when labelled). */
    public JudgeParameters withCalibrationFacts(int facts) {
        return new JudgeParameters(facts, confirmPrecision, doubtPrecision, seed, threads, labelledTrue, labelledFalse,
                fusion, fitBelievedFacts);
    }

    /** These parameters calibrated on labelled triples (null, null: on the believed facts). */
    public JudgeParameters withLabelled(java.nio.file.Path trueTriples, java.nio.file.Path falseTriples) {
        return new JudgeParameters(calibrationFacts, confirmPrecision, doubtPrecision, seed, threads, trueTriples,
                falseTriples, fusion, fitBelievedFacts);
    }
}
