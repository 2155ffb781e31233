package org.strata.graph.eval;

/**
 * Several plausibility scores of a triple fused into one log-odds of being true, fitted on labelled
 * triples. The score is a bias plus one contribution per feature, so that a judgement can name the
 * evidence that raised it and the evidence that lowered it.
 */
public interface Fusion {

    /** The fused score (the log-odds of being true) of one row of features. */
    double score(double[] features);

    /**
     * What each feature adds to {@link #score}: the score is a constant bias plus their sum, so the most
     * negative ones are the evidence against the triple.
     */
    double[] contributions(double[] features);
}
