package org.strata.graph.store;

/**
 * A learned rule as the store keeps it: a {@code Rule} vertex.
 *
 * @param text         the rule in AnyBURL's syntax, with the store's entity uids as constants
 * @param headRelation the relation the rule predicts
 * @param kind         the rule's shape ({@code CYCLIC}, {@code CONSTANT_END}, {@code FREE_END})
 * @param predicted    body groundings counted when it was measured
 * @param correct      those that were facts (the rule's support)
 * @param confidence   its smoothed confidence
 */
public record RuleRecord(String text, String headRelation, String kind, long predicted, long correct,
                         double confidence) {
}
