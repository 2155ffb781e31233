package org.strata.gpu.propose;

/**
 * A candidate fact a model proposes, with the model's probability of its answer given the query it
 * answers (softmax over all entities).
 *
 * @param head     entity id in the fact source
 * @param relation relation id in the fact source
 * @param tail     entity id in the fact source
 * @param score    probability of the proposed entity as the answer to its query
 */
public record Proposal(int head, int relation, int tail, double score) {
}
