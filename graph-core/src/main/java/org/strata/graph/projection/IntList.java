package org.strata.graph.projection;

import java.util.Arrays;

/** A growable list of primitive ints. Not thread-safe. */
public final class IntList {

    private int[] values;
    private int size;

    public IntList() {
        this(16);
    }

    public IntList(int capacity) {
        values = new int[Math.max(4, capacity)];
    }

    public void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = value;
    }

    public int get(int index) {
        if (index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of size " + size);
        }
        return values[index];
    }

    public int size() {
        return size;
    }

    /** A copy of the values, exactly {@link #size()} long. */
    public int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
