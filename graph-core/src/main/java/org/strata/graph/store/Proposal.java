package org.strata.graph.store;

/**
 * A candidate fact from outside the store's own structure: rule inference, an embedding model, an
 * LLM. Proposers never write; the governance gate decides what becomes of a proposal.
 *
 * @param score  the proposer's confidence in (0, 1]
 * @param source   who proposes it, in words ("rules (cycle 2)", "model codex-s.bin", "llm gpt-4o chunk 3")
 * @param evidence why, in words (the rule that derived it, the sentence it was read from), or null
 */
public record Proposal(String head, String relation, String tail, double score, String source, String evidence) {
}
