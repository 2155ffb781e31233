package org.strata.rules.apply;

import org.strata.graph.projection.Direction;

/**
 * Every rule that fired for one query, by candidate: the input of a learned or non-redundant combination
 * of rules, which needs all of them where max-plus needs only the best few.
 *
 * @param entity     the query entity
 * @param relation   the query relation
 * @param direction  OUT for {@code (entity, relation, ?)}, IN for {@code (?, relation, entity)}
 * @param candidates the candidates, in the order rules first reached them
 * @param rules      for each candidate, the indices (in the engine's rule list) of the rules that predict it,
 *                   in the order they fired (most confident first)
 */
public record Firings(int entity, int relation, Direction direction, int[] candidates, int[][] rules) {

    /** How many candidates. */
    public int size() {
        return candidates.length;
    }

    /** The position of {@code candidate}, or -1 when no rule predicts it. */
    public int indexOf(int candidate) {
        for (int i = 0; i < candidates.length; i++) {
            if (candidates[i] == candidate) {
                return i;
            }
        }
        return -1;
    }
}
