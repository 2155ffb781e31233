package org.strata.graph.store;

/**
 * Opens stores of one implementation. {@link Stores} finds the providers on the class path with
 * {@link java.util.ServiceLoader} (as TinkerPop's {@code GraphFactory} opens a graph by its configured
 * class), so this package never names an implementation.
 */
public interface StoreProvider {

    /**
     * Opens (creating if needed) the store at {@code spec} and repairs what a killed process left
     * unfinished.
     */
    GraphStore open(StoreSpec spec);
}
