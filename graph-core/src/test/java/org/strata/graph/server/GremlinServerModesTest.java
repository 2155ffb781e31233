package org.strata.graph.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.strata.graph.server.ServerTestSupport.rootMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.tinkerpop.gremlin.driver.Client;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.driver.exception.ResponseException;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__;
import org.apache.tinkerpop.gremlin.util.message.ResponseStatusCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.io.InputException;
import org.strata.graph.server.auth.PasswordFile;
import org.strata.graph.store.GraphStore;

/** The server's switches, each on a real server: scripts off, read-only, authentication, limits. */
class GremlinServerModesTest {

    @TempDir
    Path dir;

    static GraphStore store;

    @BeforeAll
    static void open() {
        store = ServerTestSupport.umlsStore();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private interface Check {
        void run(StrataServer server, Cluster cluster) throws Exception;
    }

    private static void with(ServerParameters p, Cluster.Builder cluster, Check check) throws Exception {
        try (StrataServer server = StrataServer.start(store, p)) {
            Cluster c = cluster.port(p.port()).create();
            try {
                check.run(server, c);
            } finally {
                c.close();
            }
        }
    }

    private static ServerParameters defaults() {
        return ServerParameters.defaults(ServerTestSupport.freePort());
    }

    @Test
    void scriptsOff_refusesScripts_butServesBytecode() throws Exception {
        with(defaults().withScripts(false), Cluster.build("127.0.0.1"), (server, cluster) -> {
            Client client = cluster.connect();
            Exception e = assertThrows(Exception.class, () -> client.submit("g.V().count()").all().get());
            assertTrue(rootMessage(e).contains("String scripts are disabled on this server"), rootMessage(e));
            assertEquals(ResponseStatusCode.FORBIDDEN,
                    GremlinServerSecurityTest.cause(e, ResponseException.class).getResponseStatusCode());
            assertEquals(135L, ServerTestSupport.remote(cluster).V().hasLabel("Entity").count().next());
        });
    }

    @Test
    void readOnlyByDefault_refusesMutations_fromBytecodeAndScripts() throws Exception {
        with(defaults(), Cluster.build("127.0.0.1"), (server, cluster) -> {
            GraphTraversalSource g = ServerTestSupport.remote(cluster);
            long before = g.V().count().next();
            Exception add = assertThrows(Exception.class, () -> g.addV("Entity").property("uid", "new").iterate());
            assertTrue(rootMessage(add).contains("is not read only"), rootMessage(add));
            assertThrows(Exception.class, () -> g.V().has("uid", "virus").property("name", "x").iterate());
            assertThrows(Exception.class, () -> g.V().has("uid", "virus").drop().iterate());
            Client client = cluster.connect();
            assertThrows(Exception.class, () -> client.submit("g.addV('Entity').property('uid', 'new')").all().get());
            assertEquals(before, g.V().count().next());
            assertEquals("virus", g.V().has("uid", "virus").values("name").next());
        });
    }

    @Test
    void withWrites_commitsMutations() throws Exception {
        with(defaults().withWrites(true), Cluster.build("127.0.0.1"), (server, cluster) -> {
            GraphTraversalSource g = ServerTestSupport.remote(cluster);
            // the schema is explicit: writes use the labels and keys the store defines
            g.addV("Entity").property("uid", "note-1").iterate();
            assertEquals(1L, g.V().has("uid", "note-1").count().next());
            g.V().has("uid", "note-1").drop().iterate();
            assertEquals(0L, g.V().has("uid", "note-1").count().next());
        });
    }

    @Test
    void authentication_acceptsTheRightPasswordOnly_andStoresNoPlainText() throws Exception {
        Path file = dir.resolve("users");
        PasswordFile.setPassword(file, "alice", "correct horse".toCharArray());
        String stored = Files.readString(file);
        assertTrue(!stored.contains("correct horse") && stored.contains("alice:pbkdf2-sha256:"), stored);
        ServerParameters p = defaults().withAuthFile(file);
        with(p, Cluster.build("127.0.0.1").credentials("alice", "correct horse"), (server, cluster) ->
                assertEquals(135L, ServerTestSupport.remote(cluster).V().hasLabel("Entity").count().next()));
        with(p, Cluster.build("127.0.0.1").credentials("alice", "wrong password"), (server, cluster) -> {
            Exception e = assertThrows(Exception.class, () -> cluster.connect().submit("g.V().count()").all().get());
            assertTrue(rootMessage(e).contains("incorrect"), rootMessage(e));
        });
        with(p, Cluster.build("127.0.0.1"), (server, cluster) -> {
            Exception e = assertThrows(Exception.class,
                    () -> cluster.connect().submit("g.V().count()").all().get(30, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(!(e instanceof java.util.concurrent.TimeoutException), "refused, not left hanging: " + e);
        });
    }

    @Test
    void passwordFile_badLinesAreNamed() throws Exception {
        Path file = dir.resolve("users");
        Files.writeString(file, "# users\nbob:plain:secret\n");
        InputException e = assertThrows(InputException.class, () -> PasswordFile.read(file));
        assertEquals(file + ":2: expected user:pbkdf2-sha256:ITERATIONS:SALT:HASH", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PasswordFile.setPassword(file, "bob", "short".toCharArray()));
    }

    @Test
    void evaluationTimeout_stopsARunawayTraversal() throws Exception {
        // a budget the traversal cannot reach in its two seconds: the timeout is what stops it here
        with(defaults().withEvaluationTimeout(Duration.ofSeconds(2)).withMaxRequestMemory(1L << 40),
                Cluster.build("127.0.0.1"), (server, cluster) -> {
            GraphTraversalSource g = ServerTestSupport.remote(cluster);
            Exception e = assertThrows(Exception.class,
                    () -> g.V().repeat(__.both().simplePath()).times(12).path().count().next());
            ResponseException r = GremlinServerSecurityTest.cause(e, ResponseException.class);
            assertEquals(ResponseStatusCode.SERVER_ERROR_TIMEOUT, r.getResponseStatusCode(), rootMessage(e));
            Client client = cluster.connect();
            Exception s = assertThrows(Exception.class,
                    () -> client.submit("g.V().repeat(both().simplePath()).times(12).path().count()").all().get());
            assertEquals(ResponseStatusCode.SERVER_ERROR_TIMEOUT,
                    GremlinServerSecurityTest.cause(s, ResponseException.class).getResponseStatusCode(), rootMessage(s));
            assertEquals(137L, g.V().count().next(), "the server answers after the timeouts");
        });
    }

    /**
     * The server stops a request by its budget, never by interrupting its thread: an interrupt that reaches
     * BerkeleyJE invalidates the embedded store until it is reopened. Here, on an embedded store, a traversal
     * stopped for time, one stopped for memory, and a server closed while a request runs, after which the
     * store still answers and still writes.
     */
    @Test
    void stoppedRequests_leaveAnEmbeddedStoreUsable() throws Exception {
        try (GraphStore embedded = org.strata.graph.store.Stores.open(
                org.strata.graph.store.StoreSpec.embedded(dir.resolve("embedded")))) {
            embedded.importFacts(org.strata.graph.store.ImportRequest.of(
                    java.util.List.of(org.strata.graph.TestData.umls().resolve("train.txt")),
                    org.strata.graph.io.TripleFormat.TSV, null, "test"), org.strata.graph.progress.ProgressListener.NONE);
            ServerParameters lean = defaults().withMaxRequestMemory(64L << 20);
            try (StrataServer server = StrataServer.start(embedded, lean)) {
                Cluster cluster = Cluster.build("127.0.0.1").port(lean.port()).create();
                try {
                    Exception memory = assertThrows(Exception.class, () -> cluster.connect().submit(
                            "g.V().repeat(both()).times(3).path().fold()").all().get());
                    assertTrue(rootMessage(memory).contains("allocated more than 64 MiB"), rootMessage(memory));
                    assertEquals(135L, ServerTestSupport.remote(cluster).V().hasLabel("Entity").count().next());
                } finally {
                    cluster.close();
                }
            }
            // a budget the traversal cannot reach in its two seconds, however fast the machine: the timeout stops it
            ServerParameters p = defaults().withEvaluationTimeout(Duration.ofSeconds(2)).withMaxRequestMemory(1L << 40);
            String endless = "g.V().repeat(both().simplePath()).times(12).path().count()";
            StrataServer server = StrataServer.start(embedded, p);
            Cluster cluster = Cluster.build("127.0.0.1").port(p.port()).create();
            try {
                Client client = cluster.connect();
                for (int i = 0; i < 3; i++) {
                    long start = System.nanoTime();
                    Exception e = assertThrows(Exception.class, () -> client.submit(endless).all().get());
                    assertEquals(ResponseStatusCode.SERVER_ERROR_TIMEOUT,
                            GremlinServerSecurityTest.cause(e, ResponseException.class).getResponseStatusCode(), rootMessage(e));
                    assertTrue((System.nanoTime() - start) / 1e9 < 10);
                    assertEquals(135L, client.submit("g.V().hasLabel('Entity').count()").one().getLong(),
                            "the store answers after a timeout");
                }
                // a request still running when the server closes
                java.util.concurrent.CompletableFuture<?> running = client.submitAsync(endless)
                        .thenCompose(org.apache.tinkerpop.gremlin.driver.ResultSet::all);
                Thread.sleep(300);
                server.close();
                server = null;
                Exception stopped = assertThrows(Exception.class,
                        () -> running.get(30, java.util.concurrent.TimeUnit.SECONDS));
                assertTrue(!(stopped instanceof java.util.concurrent.TimeoutException),
                        "the running request ends with the server, it is not left hanging: " + stopped);
            } finally {
                cluster.close();
                if (server != null) {
                    server.close();
                }
            }
            Path more = dir.resolve("more.tsv");
            Files.writeString(more, "virus\tisa\tprion\n");
            embedded.importFacts(org.strata.graph.store.ImportRequest.of(java.util.List.of(more),
                    org.strata.graph.io.TripleFormat.TSV, null, "test"), org.strata.graph.progress.ProgressListener.NONE);
            assertEquals(5217, embedded.project(org.strata.graph.progress.ProgressListener.NONE).factCount(),
                    "the store still writes");
        }
    }

    @Test
    void requestsOverTheSizeLimit_areRefused() throws Exception {
        with(defaults().withMaxRequestBytes(16 * 1024), Cluster.build("127.0.0.1"), (server, cluster) -> {
            Client client = cluster.connect();
            String big = "g.V().has('uid', '" + "x".repeat(32 * 1024) + "').count()";
            Exception e = assertThrows(Exception.class,
                    () -> client.submit(big).all().get(20, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(!(e instanceof java.util.concurrent.TimeoutException), "refused, not left hanging: " + e);
            Client fresh = cluster.connect();
            assertEquals(0L, fresh.submit("g.V().has('uid', 'xx').count()").one().getLong());
        });
    }
}
