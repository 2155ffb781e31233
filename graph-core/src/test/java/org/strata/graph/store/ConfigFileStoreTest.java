package org.strata.graph.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The contract through a JanusGraph properties file ({@code --store-config}), the path Cassandra/ScyllaDB
 * with Elasticsearch takes; here the file names the in-memory backend with Lucene, since no Cassandra
 * runs on the build machines.
 */
class ConfigFileStoreTest extends StoreContractTest {

    @Override
    GraphStore newStore(Path dir) {
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("janusgraph.properties");
            Files.writeString(config, "storage.backend=inmemory\n"
                    + "index.search.backend=lucene\n"
                    + "index.search.directory=" + dir.resolve("search") + "\n"
                    + "schema.default=none\n");
            return Stores.open(StoreSpec.configFile(config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
