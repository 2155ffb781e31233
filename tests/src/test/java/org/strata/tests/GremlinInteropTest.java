package org.strata.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tinkerpop.gremlin.driver.Client;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.driver.remote.DriverRemoteConnection;
import org.apache.tinkerpop.gremlin.process.traversal.AnonymousTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.io.TripleFormat;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.graph.server.ServerParameters;
import org.strata.graph.server.StrataServer;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.ImportRequest;
import org.strata.graph.store.StoreSpec;
import org.strata.graph.store.Stores;

/**
 * A real Gremlin Server over an embedded store with UMLS, queried by real TinkerPop clients: the Java
 * driver (bytecode and scripts, 16 clients at once) and the official JavaScript driver from npm.
 */
class GremlinInteropTest {

    @TempDir
    static Path dir;

    static GraphStore store;
    static StrataServer server;
    static Projection facts;

    @BeforeAll
    static void start() throws IOException {
        store = Stores.open(StoreSpec.embedded(dir.resolve("store")));
        Path umls = Data.umls();
        store.importFacts(ImportRequest.of(List.of(umls.resolve("train.txt")), TripleFormat.TSV,
                umls.resolve("entity_names.tsv"), "interop"), ProgressListener.NONE);
        facts = store.project(ProgressListener.NONE);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        server = StrataServer.start(store, ServerParameters.defaults(port));
    }

    @AfterAll
    static void stop() {
        server.close();
        store.close();
    }

    @Test
    void javascriptDriver_queriesWithBytecodeAndScripts_andIsRefusedTheAttacks() throws Exception {
        Path trap = dir.resolve("pwned-by-js");
        String output = JavascriptClient.run("interop.js", server.endpoint(), trap.toString());
        JsonNode r = new ObjectMapper().readTree(output);
        assertEquals(135, r.get("entities").asInt());
        assertEquals("virus", r.get("virusName").asText());
        assertEquals("[\"entity\",\"physical_object\"]", r.get("virusIsa").toString());
        assertEquals(expectedTwoHop(), r.get("twoHop").asLong());
        assertEquals(2, r.get("scriptIsa").asInt());
        assertTrue(r.get("scriptAttack").asText().startsWith("refused: "), r.toString());
        assertTrue(r.get("bytecodeIo").asText().contains("io() step is not allowed"), r.toString());
        assertEquals(1, r.get("bytecodeAfterRefusals").asInt());
        assertFalse(Files.exists(trap));
    }

    /** Entities that share an 'isa' parent with virus (itself included), from the projection. */
    private static long expectedTwoHop() {
        int isa = facts.relations().id("isa");
        int virus = facts.entities().id("virus");
        java.util.Set<Integer> out = new java.util.HashSet<>();
        for (int parent : facts.index(isa, Direction.OUT).targets(virus)) {
            for (int child : facts.index(isa, Direction.IN).targets(parent)) {
                out.add(child);
            }
        }
        return out.size();
    }

    @Test
    void sixteenConcurrentClients_fiveHundredQueriesEach_zeroErrors() throws Exception {
        int clients = 16;
        int queries = 500;
        int isa = facts.relations().id("isa");
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger wrong = new AtomicInteger();
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                results.add(pool.submit(() -> {
                    Cluster cluster = Cluster.build("127.0.0.1").port(server.parameters().port()).create();
                    int done = 0;
                    try {
                        GraphTraversalSource g = AnonymousTraversalSource.traversal()
                                .withRemote(DriverRemoteConnection.using(cluster, "g"));
                        Client scripts = cluster.connect();
                        for (int q = 0; q < queries; q++) {
                            int e = (client * queries + q) % facts.entityCount();
                            String uid = facts.entities().name(e);
                            long expected = facts.index(isa, Direction.OUT).degree(e);
                            long got = switch (q % 3) {
                                case 0 -> g.V().has("uid", uid).out("isa").count().next();
                                case 1 -> scripts.submit("g.V().has('uid', u).out('isa').count()", Map.of("u", uid))
                                        .one().getLong();
                                default -> g.V().has("uid", uid).values("uid").next().equals(uid) ? expected : -1;
                            };
                            if (got != expected) {
                                wrong.incrementAndGet();
                                problems.add(uid + ": expected " + expected + ", got " + got);
                            }
                            done++;
                        }
                    } finally {
                        cluster.close();
                    }
                    return done;
                }));
            }
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(10, TimeUnit.MINUTES);
            }
            assertEquals(clients * queries, total, "every query answered without an error");
            assertEquals(0, wrong.get(), "wrong answers: " + problems);
        } finally {
            pool.shutdownNow();
        }
    }
}
