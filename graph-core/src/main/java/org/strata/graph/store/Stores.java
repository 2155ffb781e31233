package org.strata.graph.store;

import java.util.ServiceLoader;

/** Opens stores through the {@link StoreProvider} on the class path (JanusGraph's, in this project). */
public final class Stores {

    private Stores() {
    }

    /**
     * Opens (creating if needed) the store at {@code spec}, and repairs what a killed process left
     * unfinished (see {@link GraphStore#recovery()}).
     *
     * @throws IllegalArgumentException if the directory exists and is not a Strata store
     * @throws IllegalStateException    if another process holds the store, or no store implementation is on
     *                                  the class path
     */
    public static GraphStore open(StoreSpec spec) {
        return provider().open(spec);
    }

    private static StoreProvider provider() {
        return ServiceLoader.load(StoreProvider.class, Stores.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no store implementation on the class path (a "
                        + StoreProvider.class.getName() + " service); graph-core's janus package provides one"));
    }
}
