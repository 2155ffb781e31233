package org.strata.graph.server;

import org.apache.tinkerpop.gremlin.server.op.session.SessionOpProcessor;

/**
 * How many Gremlin sessions the server holds open: Gremlin Server keeps them in a static map of its
 * session processor, which only a subclass may read. Never instantiated.
 */
final class OpenSessions extends SessionOpProcessor {

    private OpenSessions() {
    }

    static int count() {
        return sessions.size();
    }

    static boolean isOpen(String id) {
        return sessions.containsKey(id);
    }
}
