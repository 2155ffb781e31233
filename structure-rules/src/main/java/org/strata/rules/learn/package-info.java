/**
 * Rule learning, as AnyBURL does it: paths sampled per round, generalised into rules, each rule
 * measured on sampled groundings; zero rules counted exactly. Rule confidence is computed in one place:
 * {@code RuleMeasure} here counts a rule's predictions and correct ones, and
 * {@link org.strata.rules.model.Rule#confidence(double)} smooths them ({@code correct / (predicted + pc)}).
 */
package org.strata.rules.learn;
