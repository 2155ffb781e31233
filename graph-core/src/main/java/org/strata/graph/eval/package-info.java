/**
 * The shared filtered link-prediction evaluation protocol (head and tail queries, filtered ranks, ties
 * at the mean position, unseen entities as misses) and the frequency baseline.
 */
package org.strata.graph.eval;
