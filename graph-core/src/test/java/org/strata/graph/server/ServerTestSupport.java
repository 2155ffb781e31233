package org.strata.graph.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.driver.remote.DriverRemoteConnection;
import org.apache.tinkerpop.gremlin.process.traversal.AnonymousTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.strata.graph.TestData;
import org.strata.graph.io.TripleFormat;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.ImportRequest;
import org.strata.graph.store.StoreSpec;
import org.strata.graph.store.Stores;

/** A store with UMLS in it, and helpers to reach a server on loopback. */
final class ServerTestSupport {

    private ServerTestSupport() {
    }

    static GraphStore umlsStore() {
        GraphStore store = Stores.open(StoreSpec.inMemory());
        store.importFacts(ImportRequest.of(List.of(TestData.umls().resolve("train.txt")), TripleFormat.TSV,
                TestData.umls().resolve("entity_names.tsv"), "test"), ProgressListener.NONE);
        return store;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Cluster cluster(int port) {
        return Cluster.build("127.0.0.1").port(port).create();
    }

    static GraphTraversalSource remote(Cluster cluster) {
        return AnonymousTraversalSource.traversal().withRemote(DriverRemoteConnection.using(cluster, "g"));
    }

    /** The message of the deepest cause: what the server answered. */
    static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
