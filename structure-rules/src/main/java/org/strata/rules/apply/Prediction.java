package org.strata.rules.apply;

/**
 * A ranked answer to a query.
 *
 * @param entity      the candidate
 * @param score       its aggregated score (noisy-or), or its best rule's confidence (max-plus)
 * @param confidences confidences of the rules that predicted it, best first (up to the engine's depth); under
 *                    max-plus, those of zero rules come after every rule with a body
 * @param rules       those rules' indices in the engine's rule list, in the same order
 */
public record Prediction(int entity, double score, double[] confidences, int[] rules) {
}
