/**
 * Learning how rules combine (issue 16, first step): every rule that fires for a query feeds the
 * candidate it predicts, a candidate's score is a (position-weighted) sum of its rules' learned weights,
 * and a softmax over the candidates and one unit for everything unreached is trained on training facts
 * asked with their own fact left out, by the exact gradient or by equilibrium propagation. Not yet here:
 * the group units (rules whose predictions overlap), the kinase learner, the non-redundant noisy-or
 * baseline, weights files and the CLI beyond {@code strata bench combine}.
 */
package org.strata.rules.combine;
