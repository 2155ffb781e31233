package org.strata.graph.store;

/**
 * How a store treats writes made through {@link GraphStore#graph()} in the TinkerPop way (a traversal or
 * {@code graph.tx()}: every Gremlin Server request, every embedded caller), as opposed to the store's own
 * jobs. Either way nothing reaches the store unrecorded.
 */
public enum ClientWriteMode {
    /** Every such write is refused; the store changes only through its jobs. */
    READ_ONLY,
    /**
     * Each committed transaction is one delta (kind {@code gremlin}): it may add, rename and remove
     * entities and add and remove facts; governance (fact properties, states, provenance, Delta, Rule,
     * Community and the other vertices the store keeps) is not writable. Listed by {@code history}, reverted
     * by {@code undo}.
     */
    GOVERNED
}
