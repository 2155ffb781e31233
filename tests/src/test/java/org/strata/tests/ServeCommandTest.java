package org.strata.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.driver.remote.DriverRemoteConnection;
import org.apache.tinkerpop.gremlin.process.traversal.AnonymousTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata serve} in its own process: it serves, refuses a second writer, and stops cleanly on SIGTERM. */
class ServeCommandTest {

    @TempDir
    Path dir;

    @Test
    void serve_answersClients_locksTheStore_andStopsCleanly() throws Exception {
        Path store = dir.resolve("store");
        assertEquals(0, Cli.run("import", "--store", store.toString(),
                Data.umls().resolve("train.txt").toString()).code());
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process serve = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
                "org.strata.cli.Main", "serve", "--store", store.toString(), "--port", String.valueOf(port),
                "--read-only").redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("Serving ")) {
                    break;
                }
            }
            assertTrue(lines.stream().anyMatch(l -> l.contains("ws://127.0.0.1:" + port + "/gremlin")), lines.toString());
            Cluster cluster = Cluster.build("127.0.0.1").port(port).create();
            try {
                GraphTraversalSource g = AnonymousTraversalSource.traversal()
                        .withRemote(DriverRemoteConnection.using(cluster, "g"));
                assertEquals(135L, g.V().hasLabel("Entity").count().next());
            } finally {
                cluster.close();
            }
            Cli.Run second = Cli.run("stats", "--store", store.toString());
            assertEquals(1, second.code(), second.toString());
            assertTrue(second.err().contains("is in use by another process"), second.err());
        } finally {
            serve.destroy(); // SIGTERM: the shutdown hook stops the server and closes the store
            assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
        }
        Cli.Run after = Cli.run("stats", "--store", store.toString());
        assertEquals(0, after.code(), after.toString());
        assertTrue(after.out().contains("facts      5,216"), after.out());
        assertTrue(after.err().isEmpty(), "no recovery was needed: " + after.err());
    }
}
