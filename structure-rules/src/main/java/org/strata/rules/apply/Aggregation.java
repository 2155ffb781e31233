package org.strata.rules.apply;

/** How the confidences of the rules that predict a candidate combine into its rank. */
public enum Aggregation {
    /**
     * AnyBURL's max-plus: candidates compare by the confidence of their best rule, ties broken by the
     * next best, and so on (lexicographic order of the sorted confidences).
     */
    MAX_PLUS,
    /** Noisy-or: {@code 1 - prod(1 - confidence)} over every rule that fired. */
    NOISY_OR
}
