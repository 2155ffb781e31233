package org.strata.graph.janus;

import org.strata.graph.store.GraphStore;
import org.strata.graph.store.StoreProvider;
import org.strata.graph.store.StoreSpec;

/** The JanusGraph store as a {@link StoreProvider} service (named in {@code META-INF/services}). */
public final class JanusStoreProvider implements StoreProvider {

    @Override
    public GraphStore open(StoreSpec spec) {
        return JanusGraphStore.open(spec);
    }
}
