package org.strata.graph.janus;

import org.janusgraph.core.JanusGraphException;
import org.janusgraph.diskstorage.BackendException;

/**
 * Tells a failure of the storage backend from others: JanusGraph's BackendException somewhere in the causes,
 * or an id block the backend did not hand out in time (JanusGraph reports that as a plain JanusGraphException
 * around a TimeoutException, with no BackendException below it).
 */
final class BackendFailure {

    /** How JanusGraph's id pool begins the message of an id block it could not get from the backend. */
    static final String ID_BLOCK_PREFIX = "ID block allocation on partition";

    private BackendFailure() {
    }

    /**
     * What the backend said, from the deepest cause below the first {@link BackendException} of
     * {@code e}'s chain, or the id pool's message when an id block was not allocated; null when {@code e} is
     * no backend failure.
     */
    static String describe(Throwable e) {
        Throwable t = e;
        boolean backend = false;
        String idBlock = null;
        Throwable deepest = e;
        for (int depth = 0; t != null && depth < 50; depth++, t = t.getCause()) {
            backend |= t instanceof BackendException;
            if (idBlock == null && t instanceof JanusGraphException && t.getMessage() != null
                    && t.getMessage().startsWith(ID_BLOCK_PREFIX)) {
                idBlock = firstLine(t.getMessage());
            }
            deepest = t;
        }
        if (!backend) {
            return idBlock == null ? null : "JanusGraphException: " + idBlock;
        }
        String m = deepest.getMessage();
        return deepest.getClass().getSimpleName() + (m == null ? "" : ": " + firstLine(m));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
