/**
 * A trained model as a proposer: the most probable new facts, as graph-core proposals for the gate.
 * It never writes the store.
 */
package org.strata.gpu.propose;
