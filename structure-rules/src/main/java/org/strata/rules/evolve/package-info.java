/**
 * The structure-evolution cycle: partition, refresh rules, consolidate lifecycle states, admit
 * proposals through the gate; each step one delta, each cycle one report.
 */
package org.strata.rules.evolve;
