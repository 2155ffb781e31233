package org.strata.rules.apply;

import java.util.Arrays;

/**
 * An open-addressing map from long keys to long values, cleared in O(1) by a generation counter: the
 * per-query memo of a rule session. Not thread-safe.
 */
final class LongLongMap {

    private long[] keys = new long[1024];
    private long[] values = new long[1024];
    private int[] generation = new int[1024];
    private int current = 1;
    private int size;

    void clear() {
        size = 0;
        if (++current == Integer.MAX_VALUE) {
            Arrays.fill(generation, 0);
            current = 1;
        }
    }

    /** The value of {@code key}, or {@code missing}. */
    long get(long key, long missing) {
        int mask = keys.length - 1;
        for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
            if (generation[i] != current) {
                return missing;
            }
            if (keys[i] == key) {
                return values[i];
            }
        }
    }

    void put(long key, long value) {
        if (2 * (size + 1) > keys.length) {
            rehash();
        }
        int mask = keys.length - 1;
        for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
            if (generation[i] != current) {
                generation[i] = current;
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
    }

    private void rehash() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        int[] oldGen = generation;
        int oldCurrent = current;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        generation = new int[oldKeys.length * 2];
        current = 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldGen[i] == oldCurrent) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
