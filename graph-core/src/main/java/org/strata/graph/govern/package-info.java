/**
 * Governance: where proposals are judged and admitted. {@link org.strata.graph.govern.Gate} learns the
 * invariants (no duplicate, functional relations, learned domain and range, self loops) from the
 * believed facts; {@link org.strata.graph.govern.Admission} is the one pipeline every proposer uses
 * (gate → change set → one delta). Proposers (rules, embeddings, LLMs) live in their own modules and
 * never write.
 */
package org.strata.graph.govern;
