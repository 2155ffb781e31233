/**
 * The spreading-activation scorer: a relation-gated network over the facts (subject and object units
 * per entity, symmetric couplings with an energy), its weights file, its settling dynamics with the
 * Hebbian statistics and backprop the learners read, and a measured state tape.
 */
package org.strata.rules.spread;
