package org.strata.graph.server.budget;

/**
 * The server stopped a request: its time was up, it allocated more than its budget, the server's memory was
 * nearly full, or the server is stopping. The message says which.
 */
public final class RequestStoppedException extends RuntimeException {

    private final boolean timeout;

    public RequestStoppedException(String message, boolean timeout) {
        super(message, null, false, false);
        this.timeout = timeout;
    }

    /** Whether the request ran out of time (as opposed to memory, or a stopping server). */
    public boolean isTimeout() {
        return timeout;
    }
}
