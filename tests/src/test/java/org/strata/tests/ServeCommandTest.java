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

    static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** {@code strata serve} on a loopback port in its own JVM, stdout and stderr merged. */
    static Process startServe(Path store, int port, String... more) throws java.io.IOException {
        return startServe(store, port, java.util.Map.of(), more);
    }

    /** The same, with more variables in the server's environment. */
    static Process startServe(Path store, int port, java.util.Map<String, String> env, String... more)
            throws java.io.IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=0",
                "-cp", System.getProperty("java.class.path"), "org.strata.cli.Main", "serve", "--store",
                store.toString(), "--port", String.valueOf(port)));
        cmd.addAll(List.of(more));
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
        b.environment().putAll(env);
        return b.start();
    }

    /**
     * Reads the server's output until it says it is serving, then keeps reading it in the background (a full
     * pipe would stop the server); returns the list the lines go to.
     */
    static List<String> awaitServing(Process serve) throws java.io.IOException {
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            lines.add(line);
            if (line.startsWith("Serving ")) {
                Thread drain = new Thread(() -> {
                    try {
                        for (String l; (l = out.readLine()) != null; ) {
                            lines.add(l);
                        }
                    } catch (java.io.IOException ended) {
                        // the process ended
                    }
                }, "serve-output");
                drain.setDaemon(true);
                drain.start();
                return lines;
            }
        }
        throw new AssertionError("serve ended without serving: " + lines);
    }

    @Test
    void serve_answersClients_locksTheStore_andStopsCleanly() throws Exception {
        Path store = dir.resolve("store");
        assertEquals(0, Cli.run("import", "--store", store.toString(),
                Data.umls().resolve("train.txt").toString()).code());
        int port = freePort();
        Process serve = startServe(store, port);
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

    @Test
    void serve_evolvesOnSchedule_whileAnsweringClients() throws Exception {
        Path store = dir.resolve("store");
        assertEquals(0, Cli.run("import", "--store", store.toString(),
                Data.umls().resolve("train.txt").toString()).code());
        int port = freePort();
        Process serve = startServe(store, port, "--evolve-every", "0.2", "--rule-seconds", "0.5", "--combine-budget", "2");
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        List<String> seen = new ArrayList<>();
        try {
            Cluster cluster = null;
            long answered = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            boolean cycleDone = false;
            while (!cycleDone && System.nanoTime() < deadline) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null) {
                    seen.add(line);
                    cycleDone = line.startsWith("evolve cycle 1 committed");
                    assertTrue(!line.startsWith("evolve cycle failed"), seen.toString());
                }
                if (cluster == null && seen.stream().anyMatch(l -> l.startsWith("Serving "))) {
                    cluster = Cluster.build("127.0.0.1").port(port).create();
                }
                if (cluster != null) {
                    GraphTraversalSource g = AnonymousTraversalSource.traversal()
                            .withRemote(DriverRemoteConnection.using(cluster, "g"));
                    assertEquals(135L, g.V().hasLabel("Entity").count().next(), "clients are answered while it evolves");
                    answered++;
                }
            }
            assertTrue(cycleDone, "no evolve cycle within two minutes: " + seen);
            assertTrue(answered > 0);
            GraphTraversalSource g = AnonymousTraversalSource.traversal()
                    .withRemote(DriverRemoteConnection.using(cluster, "g"));
            assertTrue(g.V().hasLabel("Community").count().next() > 0, "the cycle's communities are visible");
            assertEquals(135L, g.V().hasLabel("Entity").out("MEMBER_OF").count().next());
            cluster.close();
        } finally {
            serve.destroy();
            assertTrue(serve.waitFor(90, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
        }
        Cli.Run history = Cli.run("history", "--store", store.toString());
        assertTrue(history.out().contains("partition"), history.out());
        // history opens the store, which would roll back a cycle left unfinished and say so on stderr: the
        // stop must have let the running cycle finish, so nothing needed recovering and every delta committed
        assertTrue(history.err().isEmpty(), "no recovery was needed after the stop: " + history.err());
        List<String> deltas = history.out().lines().filter(l -> l.matches("d\\d+ .*")).toList();
        assertTrue(deltas.size() >= 4, "import and one cycle's steps: " + history.out());
        assertTrue(deltas.stream().allMatch(l -> l.contains(" committed ")), history.out());
    }
}
