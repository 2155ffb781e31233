package org.strata.graph.store;

import java.nio.file.Path;
import org.strata.graph.cassandra.TestNode;

/**
 * The contract on JanusGraph's CQL backend against a real Apache Cassandra 5.0 node (started for this
 * test JVM on loopback ports), each test in a keyspace of its own.
 */
class CqlStoreTest extends StoreContractTest {

    @Override
    GraphStore newStore(Path dir) {
        return Stores.open(StoreSpec.configFile(TestNode.newStoreConfig(dir)));
    }
}
