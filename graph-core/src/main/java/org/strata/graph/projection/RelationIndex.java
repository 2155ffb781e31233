package org.strata.graph.projection;

import java.util.Arrays;

/**
 * The edges of one relation in one direction, as a sparse CSR: the sorted distinct source entities
 * ({@code keys}), and for the i-th key the sorted distinct targets {@code targets[offsets[i] ..
 * offsets[i+1])}. Finding an entity is a binary search over the keys, O(log k).
 *
 * <p>Immutable and thread-safe.
 */
public final class RelationIndex {

    static final RelationIndex EMPTY = new RelationIndex(new int[0], new int[] {0}, new int[0]);

    private final int[] keys;
    private final int[] offsets;
    private final int[] targets;
    /** Key position by entity (-1: none), when given one; otherwise null. */
    private int[] position;

    RelationIndex(int[] keys, int[] offsets, int[] targets) {
        this.keys = keys;
        this.offsets = offsets;
        this.targets = targets;
    }

    /** Builds the O(1) position table over {@code entityCount} entities; called once, before publication. */
    void buildPositions(int entityCount) {
        int[] table = new int[entityCount];
        Arrays.fill(table, -1);
        for (int k = 0; k < keys.length; k++) {
            table[keys[k]] = k;
        }
        position = table;
    }

    /** The position of {@code entity} among the keys, or -1 if it has no edge here. */
    public int find(int entity) {
        if (position != null) {
            return entity >= 0 && entity < position.length ? position[entity] : -1;
        }
        int k = Arrays.binarySearch(keys, entity);
        return k < 0 ? -1 : k;
    }

    /** The number of distinct source entities. */
    public int keyCount() {
        return keys.length;
    }

    /** The entity at key position {@code k}. */
    public int key(int k) {
        return keys[k];
    }

    /** Start (inclusive) of the targets of key position {@code k} in {@link #target(int)}. */
    public int start(int k) {
        return offsets[k];
    }

    /** End (exclusive) of the targets of key position {@code k}. */
    public int end(int k) {
        return offsets[k + 1];
    }

    /** The target at edge position {@code i}. */
    public int target(int i) {
        return targets[i];
    }

    /** The number of edges (distinct source-target pairs). */
    public int edgeCount() {
        return targets.length;
    }

    /** How many targets {@code entity} has; 0 if none. */
    public int degree(int entity) {
        int k = find(entity);
        return k < 0 ? 0 : offsets[k + 1] - offsets[k];
    }

    /** The targets of {@code entity}, as a new sorted array. */
    public int[] targets(int entity) {
        int k = find(entity);
        return k < 0 ? new int[0] : Arrays.copyOfRange(targets, offsets[k], offsets[k + 1]);
    }

    /** Whether key position {@code k} has {@code target} among its targets (binary search). */
    public boolean hasTarget(int k, int target) {
        return Arrays.binarySearch(targets, offsets[k], offsets[k + 1], target) >= 0;
    }

    /** Whether {@code source -> target} is an edge. */
    public boolean contains(int source, int target) {
        int k = find(source);
        return k >= 0 && Arrays.binarySearch(targets, offsets[k], offsets[k + 1], target) >= 0;
    }

    long memoryBytes() {
        return 16L * 4 + 4L * (keys.length + offsets.length + targets.length + (position == null ? 0 : position.length))
                + 48;
    }
}
