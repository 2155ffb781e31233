package org.strata.graph.store;

import org.strata.graph.janus.JanusGraphStore;

/** Opens stores. */
public final class Stores {

    private Stores() {
    }

    /**
     * Opens (creating if needed) the store at {@code spec}, and repairs what a killed process left
     * unfinished (see {@link GraphStore#recovery()}).
     *
     * @throws IllegalArgumentException if the directory exists and is not a Strata store
     * @throws IllegalStateException    if another process holds the store
     */
    public static GraphStore open(StoreSpec spec) {
        return JanusGraphStore.open(spec);
    }
}
