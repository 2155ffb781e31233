package org.strata.graph.store;

/**
 * The store's backend stopped answering during an operation (a Cassandra node down, a lost connection):
 * the message says what was cut off and what the next open of the store will repair.
 */
public final class StoreUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
