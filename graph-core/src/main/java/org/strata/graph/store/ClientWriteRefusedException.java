package org.strata.graph.store;

/**
 * A write through {@link GraphStore#graph()} that the store refuses: on a read-only store, or one that
 * touches governance, or one too large for a single delta. Nothing of the transaction was written.
 */
public final class ClientWriteRefusedException extends RuntimeException {

    public ClientWriteRefusedException(String message) {
        super(message);
    }
}
