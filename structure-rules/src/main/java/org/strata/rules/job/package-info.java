/**
 * The structural path's jobs, as the CLI and the quickstart run them: how rules answer queries
 * ({@link org.strata.rules.job.RuleInference}, one place for evaluation, prediction and evolve), writing
 * learned rules to the store, and running evolution cycles. Rule learning itself is
 * {@code RuleLearner}; the learned combination's training is {@code CombinationJob}.
 */
package org.strata.rules.job;
