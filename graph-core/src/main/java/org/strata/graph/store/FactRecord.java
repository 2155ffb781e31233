package org.strata.graph.store;

import java.util.List;

/**
 * A fact as governance sees it: its ends and relation, lifecycle state, the provenance entries that
 * assert it (one per source), how often it was confirmed, and counter-evidence where it is LEFTOVER.
 */
public record FactRecord(String head, String relation, String tail, LifecycleState state, List<String> sources,
                         int confirmations, double confidence, String counterEvidence) {

    /**
     * One string that names a fact by its ends and relation ({@code head NUL relation NUL tail}): the key
     * every map and set of facts is kept by, so that one part's keys can be looked up in another's.
     */
    public static String key(String head, String relation, String tail) {
        return head + '\u0000' + relation + '\u0000' + tail;
    }

    /** This fact's {@link #key(String, String, String)}. */
    public String key() {
        return key(head, relation, tail);
    }

    /** Distinct sources asserting the fact (a source is an entry without its line). */
    public int distinctSources() {
        return (int) sources.stream().map(e -> {
            int colon = e.lastIndexOf(':');
            return colon < 0 ? e : e.substring(0, colon);
        }).distinct().count();
    }
}
