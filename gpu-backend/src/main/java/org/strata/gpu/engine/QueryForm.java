package org.strata.gpu.engine;

/**
 * How a model combines a query's entity embedding {@code h} and relation embedding {@code r} into the
 * query vector {@code q} whose dot product with every entity embedding gives the scores.
 */
public enum QueryForm {
    /** DistMult: {@code q = h ∘ r}. */
    PRODUCT,
    /** ComplEx: rows hold {@code [re | im]} halves and {@code q = h · r} as complex numbers. */
    COMPLEX,
    /** TransE with squared L2: {@code q = h + r}; scores are {@code 2 q·e − |q|² − |e|²}. */
    SUM
}
