/**
 * Rules applied: the engine that answers queries by firing rules (max-plus or noisy-or), the scorer
 * for the shared evaluation, explanations (the rules and one grounding per answer) and the firing records
 * the learned combination trains on. The inference limits every caller uses are stated on
 * {@link org.strata.rules.apply.RuleEngine}.
 */
package org.strata.rules.apply;
