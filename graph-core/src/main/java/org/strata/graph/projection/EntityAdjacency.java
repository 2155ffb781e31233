package org.strata.graph.projection;

/**
 * All edges of every entity in one direction, across relations, as a dense CSR over entity ids: the
 * edges of entity {@code e} are the positions {@code [start(e), end(e))}, sorted by relation and then by
 * neighbour. This is what path sampling walks.
 *
 * <p>Immutable and thread-safe.
 */
public final class EntityAdjacency {

    private final int[] offsets;
    private final int[] relations;
    private final int[] neighbours;

    EntityAdjacency(int[] offsets, int[] relations, int[] neighbours) {
        this.offsets = offsets;
        this.relations = relations;
        this.neighbours = neighbours;
    }

    public int start(int entity) {
        return offsets[entity];
    }

    public int end(int entity) {
        return offsets[entity + 1];
    }

    public int degree(int entity) {
        return offsets[entity + 1] - offsets[entity];
    }

    /** The relation of the edge at position {@code i}. */
    public int relation(int i) {
        return relations[i];
    }

    /** The entity at the other end of the edge at position {@code i}. */
    public int neighbour(int i) {
        return neighbours[i];
    }

    long memoryBytes() {
        return 16L * 3 + 4L * (offsets.length + relations.length + neighbours.length) + 48;
    }
}
