package org.strata.graph.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who sent each request ("alice@127.0.0.1:53412"), from the channel that received it to the worker thread
 * that runs it: the network side knows the user and address, the worker side commits the writes. Entries
 * are taken once; a bound keeps requests that never ran from piling up. Thread-safe.
 */
final class ClientAttribution {

    private static final int BOUND = 10_000;

    private final Map<Object, String> pending = new ConcurrentHashMap<>();

    void remember(Object requestId, String who) {
        if (requestId == null) {
            return;
        }
        if (pending.size() >= BOUND) {
            pending.clear();
        }
        pending.put(requestId, who);
    }

    /** Who sent the request, or "unknown client" when it was not seen (or was forgotten). */
    String take(Object requestId) {
        String who = requestId == null ? null : pending.remove(requestId);
        return who == null ? "unknown client" : who;
    }
}
