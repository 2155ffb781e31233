/**
 * Learning the spread scorer's gates: phase-based local rules (contrastive Hebbian with symmetric
 * nudging, kinase traces) and backprop through the settling steps, one training loop for all, and the
 * benchmark that compares them (quality, memory against K, cosine with the gradient, continual and
 * streaming learning).
 */
package org.strata.rules.local;
