package org.strata.graph.server.budget;

/** A request allocated more memory than the server allows one request; its message says how much. */
public final class RequestBudgetExceededException extends RuntimeException {

    public RequestBudgetExceededException(String message) {
        super(message);
    }
}
