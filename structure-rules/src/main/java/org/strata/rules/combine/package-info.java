/**
 * Learning how rules combine. A {@link org.strata.rules.combine.RuleNetwork} reads every rule that fires
 * for a query (rule units), groups rules whose predictions overlap ({@link org.strata.rules.combine.RuleGroups})
 * and scores each candidate as a sum over its rules, so every answer keeps its explanation
 * ({@link org.strata.rules.combine.NetworkAnswers}). {@link org.strata.rules.combine.CombinationJob} builds
 * the leave-one-out training queries ({@link org.strata.rules.combine.LinkedPairs} decides whether they leave
 * out every link between their entities) and the filtered validation queries, calibrates the start on
 * validation ({@link org.strata.rules.combine.CalibrationSearch}, {@link org.strata.rules.combine.Calibration}:
 * the smoothing constant, a weight per class of rule, and the factor of candidates a training fact already
 * links to the asking entity) and trains the network with one
 * {@link org.strata.rules.combine.Learner} (phase, kinase or bptt), early-stopped on validation MRR;
 * {@link org.strata.rules.combine.FixedCombinations} are the fixed aggregations as starting networks;
 * {@link org.strata.rules.combine.WeightsFile} binds learned weights to their rules.
 */
package org.strata.rules.combine;
