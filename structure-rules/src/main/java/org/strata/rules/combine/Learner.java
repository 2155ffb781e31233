package org.strata.rules.combine;

/**
 * How a rule network learns from one training query: each learner turns the query into a change of the
 * weights that lowers the cross-entropy of the answer, by its own means.
 */
public enum Learner {
    /**
     * Backpropagation: the exact gradient of the softmax cross-entropy, from the network's forward values.
     */
    BPTT,
    /**
     * The temporal-derivative form of phase learning (kinase): every unit keeps a fast and a slow trace of
     * its activity; after a free phase the units are nudged once toward the answer, and each weight changes
     * by its sending activity times the fast minus the slow trace at its receiving unit. No copy of the
     * free phase is kept: the slow trace remembers it.
     */
    KINASE,
    /**
     * Phase-based learning (equilibrium propagation, symmetric nudging): a free phase, the network's own
     * prediction, then two phases in which the candidate units settle while nudged by {@code +beta} and
     * {@code -beta} toward the true answer; each weight changes by the difference of its two ends' products
     * between the nudged phases, divided by {@code 2 beta}. Nothing is stored between phases but the units'
     * own states.
     */
    PHASE
}
