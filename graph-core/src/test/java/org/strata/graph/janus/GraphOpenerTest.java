package org.strata.graph.janus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.janusgraph.graphdb.configuration.GraphDatabaseConfiguration;
import org.janusgraph.graphdb.database.StandardJanusGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.StoreSpec;
import org.strata.graph.store.Stores;

/**
 * Every store's graph commits each transaction on its own thread (JanusGraph 1.1's parallel aggregation of
 * index updates fails now and then, issue 4889), unless its properties file says otherwise.
 */
class GraphOpenerTest {

    @TempDir
    Path dir;

    private static int threshold(GraphStore store) {
        return ((StandardJanusGraph) store.graph()).getConfiguration().getConfiguration()
                .get(GraphDatabaseConfiguration.NUM_MUTATIONS_PARALLEL_THRESHOLD);
    }

    @Test
    void commitsOnOneThread_unlessTheConfigurationSaysOtherwise() throws Exception {
        try (GraphStore s = Stores.open(StoreSpec.embedded(dir.resolve("embedded")))) {
            assertEquals(Integer.MAX_VALUE, threshold(s));
        }
        Path props = dir.resolve("store.properties");
        Files.writeString(props, "storage.backend=inmemory\nindex.search.backend=lucene\nindex.search.directory="
                + dir.resolve("search") + "\nschema.default=none\n" + GraphOpener.PARALLEL_THRESHOLD + "=500\n");
        try (GraphStore s = Stores.open(StoreSpec.configFile(props))) {
            assertEquals(500, threshold(s));
        }
    }
}
