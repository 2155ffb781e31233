package org.strata.graph.janus;

import org.janusgraph.diskstorage.BackendException;

/** Tells a failure of the storage backend (JanusGraph's BackendException somewhere in the causes) from others. */
final class BackendFailure {

    private BackendFailure() {
    }

    /**
     * What the backend said, from the deepest cause below the first {@link BackendException} of
     * {@code e}'s chain; null when {@code e} is no backend failure.
     */
    static String describe(Throwable e) {
        Throwable t = e;
        boolean backend = false;
        Throwable deepest = e;
        for (int depth = 0; t != null && depth < 50; depth++, t = t.getCause()) {
            backend |= t instanceof BackendException;
            deepest = t;
        }
        if (!backend) {
            return null;
        }
        String m = deepest.getMessage();
        return deepest.getClass().getSimpleName() + (m == null ? "" : ": " + firstLine(m));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
