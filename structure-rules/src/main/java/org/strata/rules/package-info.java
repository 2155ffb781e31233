/**
 * Structure-evolution jobs (to be built; see the project's issues): anytime rule mining and explained
 * rule inference over the projection, partitioning into communities and granularity levels,
 * consolidation and lifecycle states, the governance gate that admits proposals, and phase-based local
 * learning. Depends on graph-core only; never writes the store except through graph-core's deltas.
 */
package org.strata.rules;
