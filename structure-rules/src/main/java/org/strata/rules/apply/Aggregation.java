package org.strata.rules.apply;

/** How the confidences of the rules that predict a candidate combine into its rank. */
public enum Aggregation {
    /**
     * AnyBURL's max-plus: candidates compare by the confidence of their best rule, ties broken by the
     * next best, and so on (lexicographic order of the sorted confidences). Zero rules ({@code r(X,c) <=})
     * rank below every rule with a body: they order only the candidates the other rules leave unranked or
     * tied.
     */
    MAX_PLUS,
    /** Noisy-or: {@code 1 - prod(1 - confidence)} over every rule that fired, zero rules included. */
    NOISY_OR
}
