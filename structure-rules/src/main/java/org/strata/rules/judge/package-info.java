/**
 * The rules' judge of proposed facts: features of a triple from the rules that fire for it both ways, from
 * how full its head and tail already are and from how close they lie in the graph ({@link
 * org.strata.rules.judge.PairFeatures}), fused by boosted trees (or a logistic regression)
 * calibrated on the store's own believed facts (each left out of its groundings) against type-consistent
 * corruptions of them, or on labelled triples, with thresholds for a confirmation and for a doubt chosen
 * on that calibration's out-of-fold probabilities.
 */
package org.strata.rules.judge;
