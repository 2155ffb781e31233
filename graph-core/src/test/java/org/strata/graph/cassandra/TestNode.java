package org.strata.graph.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one Cassandra node of this test JVM: started on first use in a temporary folder, stopped when the
 * JVM ends. Each store gets a keyspace of its own.
 */
public final class TestNode {

    private static CassandraNode node;
    private static final AtomicInteger KEYSPACES = new AtomicInteger();

    private TestNode() {
    }

    /** The running node, started on the first call. */
    public static synchronized CassandraNode get() {
        if (node == null) {
            try {
                Path dir = Files.createTempDirectory("strata-cassandra-");
                node = CassandraNode.start(CassandraNode.Settings.of(dir));
                CassandraNode started = node;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> started.stop(Duration.ofSeconds(5))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return node;
    }

    /** A properties file in {@code dir} for a store in a new keyspace of the node. */
    public static Path newStoreConfig(Path dir) {
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("cassandra.properties");
            Files.writeString(config, get().storeConfig("t" + ProcessHandle.current().pid() + "_"
                    + KEYSPACES.incrementAndGet()), StandardCharsets.UTF_8);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
