package org.strata.graph.store;

/** A stored rule's text, head relation, lifecycle state, confirmations and confidence. */
public record RuleStateRecord(String text, String headRelation, LifecycleState state, int confirmations, double confidence) {
}
