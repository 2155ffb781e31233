/**
 * Extractions resolved against the store into graph proposals: new entities, alias merges and
 * proposed facts with their sources, ready for the gate.
 */
package org.strata.llm.propose;
