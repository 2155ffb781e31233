package org.strata.graph.janus;

import java.util.ArrayList;
import java.util.List;

/**
 * The provenance of a fact, as stored in its {@code source} property: a space-separated list of entries
 * {@code SOURCE:LINE}, one per source that asserts the fact. A source id is {@code DELTA.N}: the N-th
 * file of the delta that read it, so the delta that brought an entry is part of the entry
 * ({@code d3.1:1042} is line 1042 of the first file of delta d3).
 *
 * <p>Static helpers only; entries are compared as strings.
 */
final class Provenance {

    private Provenance() {
    }

    /** The id of the {@code n}-th (1-based) source of a delta. */
    static String sourceId(String deltaId, int n) {
        return deltaId + "." + n;
    }

    /** One entry. */
    static String entry(String sourceId, long line) {
        return sourceId + ":" + line;
    }

    /** The entries of a {@code source} property value (empty for null or blank). */
    static List<String> entries(String value) {
        List<String> out = new ArrayList<>(2);
        if (value == null) {
            return out;
        }
        int i = 0;
        int n = value.length();
        while (i < n) {
            int j = value.indexOf(' ', i);
            if (j < 0) {
                j = n;
            }
            if (j > i) {
                out.add(value.substring(i, j));
            }
            i = j + 1;
        }
        return out;
    }

    /** The property value for a list of entries. */
    static String join(List<String> entries) {
        return String.join(" ", entries);
    }

    /** The source id of an entry. */
    static String sourceOf(String entry) {
        int colon = entry.lastIndexOf(':');
        return colon < 0 ? entry : entry.substring(0, colon);
    }

    /** The delta id of an entry or a source id. */
    static String deltaOf(String entryOrSource) {
        int dot = entryOrSource.indexOf('.');
        return dot < 0 ? entryOrSource : entryOrSource.substring(0, dot);
    }
}
