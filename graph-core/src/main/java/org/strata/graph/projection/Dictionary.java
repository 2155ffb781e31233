package org.strata.graph.projection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A two-way mapping between string identifiers and dense int ids, assigned in order of first sight
 * (0, 1, 2, ...). Not thread-safe while it grows; safe to share once no more ids are added.
 */
public final class Dictionary {

    private final Map<String, Integer> ids;
    private final List<String> names;

    public Dictionary() {
        this(1024);
    }

    public Dictionary(int expected) {
        ids = new HashMap<>(Math.max(16, expected * 4 / 3));
        names = new ArrayList<>(expected);
    }

    /** The id of {@code name}, adding it if it is new. */
    public int add(String name) {
        Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        int next = names.size();
        ids.put(name, next);
        names.add(name);
        return next;
    }

    /** The id of {@code name}, or -1 if it is unknown. */
    public int id(String name) {
        Integer id = ids.get(name);
        return id == null ? -1 : id;
    }

    /** The name of an id. */
    public String name(int id) {
        return names.get(id);
    }

    public int size() {
        return names.size();
    }

    /**
     * The ids this dictionary's names get when numbered in sorted order: {@code remap[oldId]} is the new id,
     * and {@code into} (empty) receives the names in that order. A store read in another order then gives
     * the same ids.
     */
    public int[] sortedInto(Dictionary into) {
        if (into.size() != 0) {
            throw new IllegalArgumentException("the dictionary to fill must be empty");
        }
        String[] sorted = names.toArray(new String[0]);
        java.util.Arrays.sort(sorted);
        for (String name : sorted) {
            into.add(name);
        }
        int[] remap = new int[names.size()];
        for (int i = 0; i < remap.length; i++) {
            remap[i] = into.id(names.get(i));
        }
        return remap;
    }

    /** An estimate of the heap this dictionary holds, in bytes. */
    public long memoryBytes() {
        long bytes = 0;
        for (String s : names) {
            bytes += 40 + s.length(); // String header + compact Latin-1 array, typical case
        }
        // HashMap node (32) + table slot (4) + boxed Integer (16), ArrayList slot (4)
        return bytes + names.size() * 56L;
    }
}
