package org.strata.graph.store;

import java.nio.file.Path;

class InMemoryStoreTest extends StoreContractTest {
    @Override
    GraphStore newStore(Path dir) {
        return Stores.open(StoreSpec.inMemory());
    }
}
