package org.strata.graph.projection;

/**
 * Triples as three parallel int arrays of dense ids, in input order (duplicates kept).
 *
 * @param heads     head entity ids
 * @param relations relation ids
 * @param tails     tail entity ids
 */
public record TripleList(int[] heads, int[] relations, int[] tails) {

    public TripleList {
        if (heads.length != relations.length || heads.length != tails.length) {
            throw new IllegalArgumentException("heads, relations and tails must have the same length, got "
                    + heads.length + ", " + relations.length + ", " + tails.length);
        }
    }

    public int size() {
        return heads.length;
    }
}
