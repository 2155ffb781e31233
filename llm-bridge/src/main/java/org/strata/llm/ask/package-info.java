/**
 * Questions answered from the graph: the context of a question (entities, the facts around them with
 * their states, the rules that bear on them) and an answer that may cite only what that context holds.
 */
package org.strata.llm.ask;
