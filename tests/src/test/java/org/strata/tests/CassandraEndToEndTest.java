package org.strata.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.cassandra.CassandraNode;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.solr.SolrNode;
import org.strata.graph.store.DeltaRecord;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.StoreDump;
import org.strata.graph.store.StoreSpec;
import org.strata.graph.store.Stores;

/**
 * The CQL backend end to end, on a real Apache Cassandra 5.0 node that {@code strata cassandra start}
 * runs for this class: import, re-import, a failing import, export round trip, history, undo, a
 * {@code kill -9} during import, evolve and its undo, {@code strata serve} answering the official
 * JavaScript driver, and Cassandra stopped in the middle of an import. Each test has a keyspace of its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CassandraEndToEndTest {

    @TempDir
    static Path dir;

    static Path node;

    @BeforeAll
    static void startNode() {
        node = dir.resolve("cassandra");
        Cli.Run start = Cli.run("cassandra", "start", "--dir", node.toString(), "--heap-mib", "768");
        assertEquals(0, start.code(), start.toString());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CassandraNode.stop(node, Duration.ofSeconds(5))));
        assertTrue(start.out().contains("store configuration: " + node.resolve("strata.properties")), start.out());
    }

    @AfterAll
    static void stopNode() {
        long pid = CassandraNode.find(node).map(CassandraNode::pid).orElse(-1L);
        Cli.Run stop = Cli.run("cassandra", "stop", "--dir", node.toString());
        assertEquals(0, stop.code(), stop.toString());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the node's process ended");
        Cli.Run status = Cli.run("cassandra", "status", "--dir", node.toString());
        assertEquals(1, status.code(), status.toString());
    }

    /** A store configuration for a keyspace of its own, written by {@code cassandra start} on the running node. */
    private static Path keyspace(String name) {
        Cli.Run again = Cli.run("cassandra", "start", "--dir", node.toString(), "--keyspace", name);
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().startsWith("Cassandra already runs on "), again.out());
        Path config = node.resolve(name + ".properties");
        assertTrue(Files.isRegularFile(config));
        return config;
    }

    /** The store's triples, exported by the CLI, as a set of lines. */
    private static Set<String> export(Path config) {
        Path out = dir.resolve("export-" + System.nanoTime() + ".tsv");
        Cli.Run r = Cli.run("export", "--store-config", config.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.toString());
        return Data.lines(out);
    }

    private static StoreDump dump(Path config) {
        try (GraphStore s = Stores.open(StoreSpec.configFile(config))) {
            return StoreDump.of(s);
        }
    }

    @Test
    @Order(1)
    void importReimportFailingImportExportHistoryAndUndo_onCassandra() throws Exception {
        Path config = keyspace("imports");
        String c = config.toString();
        Path umls = Data.umls();
        Path train = umls.resolve("train.txt");
        Path valid = umls.resolve("valid.txt");
        Cli.Run imported = Cli.run("import", "--store-config", c, "--names", umls.resolve("entity_names.tsv").toString(),
                train.toString(), valid.toString());
        assertEquals(0, imported.code(), imported.toString());
        Set<String> exported = export(config);
        assertEquals(Data.lines(train, valid), exported, "export returns exactly the imported triples");

        Cli.Run again = Cli.run("import", "--store-config", c, train.toString());
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().startsWith("Nothing to import"), again.out());

        Path bad = dir.resolve("bad.tsv");
        Files.writeString(bad, "new_a\tisa\tnew_b\nnew_c\tisa\tnew_d\nonly\ttwo\n", StandardCharsets.UTF_8);
        Cli.Run failed = Cli.run("import", "--store-config", c, bad.toString());
        assertNotEquals(0, failed.code(), failed.toString());
        assertTrue(failed.err().contains(bad + ":3:"), "the error names file and line: " + failed.err());
        assertEquals(exported, export(config), "a failing import leaves the store as it was");

        List<DeltaRecord> history;
        try (GraphStore s = Stores.open(StoreSpec.configFile(config))) {
            history = s.history();
            assertTrue(s.recovery().isEmpty(), "nothing to recover");
        }
        assertEquals(1, history.size(), "one delta: the first import (the second changed nothing, the third failed)");
        Cli.Run undo = Cli.run("undo", "--store-config", c, history.get(0).id());
        assertEquals(0, undo.code(), undo.toString());
        assertEquals(Set.of(), export(config), "undo removes every imported fact");
        try (GraphStore s = Stores.open(StoreSpec.configFile(config))) {
            assertEquals(0, s.project(ProgressListener.NONE).entityCount(), "and every entity");
        }
    }

    @Test
    @Order(2)
    void aStoreMoved_fromTheEmbeddedStoreToCassandra_keepsItsFactsAndNames() throws Exception {
        Path embedded = dir.resolve("embedded");
        Path umls = Data.umls();
        assertEquals(0, Cli.run("import", "--store", embedded.toString(), "--names",
                umls.resolve("entity_names.tsv").toString(), umls.resolve("train.txt").toString()).code());
        Path facts = dir.resolve("moved.tsv");
        Path names = dir.resolve("moved-names.tsv");
        Cli.Run export = Cli.run("export", "--store", embedded.toString(), "--out", facts.toString(), "--names-out",
                names.toString());
        assertEquals(0, export.code(), export.toString());
        Path config = keyspace("moved");
        Cli.Run moved = Cli.run("import", "--store-config", config.toString(), "--names", names.toString(), facts.toString());
        assertEquals(0, moved.code(), moved.toString());
        assertEquals(Data.lines(umls.resolve("train.txt")), export(config));
        Map<String, String> before;
        try (GraphStore s = Stores.open(StoreSpec.embedded(embedded))) {
            before = s.names();
        }
        try (GraphStore s = Stores.open(StoreSpec.configFile(config))) {
            assertEquals(135, before.size(), "every UMLS entity is named");
            assertEquals(before, s.names(), "the names moved with the facts");
        }
    }

    /**
     * {@code strata solr start} and {@code cassandra start --solr}: the store's names are searched in the local
     * Solr node, word by word as JanusGraph's textContains splits them; {@code solr stop} ends the node.
     */
    @Test
    @Order(2)
    void namesOfACassandraStore_areSearchedInTheLocalSolrNode() throws Exception {
        Path solr = dir.resolve("solr");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> SolrNode.stop(solr, Duration.ofSeconds(5))));
        Cli.Run started = Cli.run("solr", "start", "--dir", solr.toString(), "--heap-mib", "384");
        assertEquals(0, started.code(), started.toString());
        assertTrue(Files.readString(solr.resolve("search.properties")).contains("index.search.backend=solr"));
        Cli.Run withSolr = Cli.run("cassandra", "start", "--dir", node.toString(), "--keyspace", "searched", "--solr",
                solr.toString());
        assertEquals(0, withSolr.code(), withSolr.toString());
        Path config = node.resolve("searched.properties");
        Path umls = Data.umls();
        assertEquals(0, Cli.run("import", "--store-config", config.toString(), "--names",
                umls.resolve("entity_names.tsv").toString(), umls.resolve("train.txt").toString()).code());
        Set<String> expected = new java.util.TreeSet<>();
        for (String line : Files.readAllLines(umls.resolve("entity_names.tsv"))) {
            String[] f = line.split("\t");
            if (List.of(f[1].toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")).contains("cell")) {
                expected.add(f[0]);
            }
        }
        assertTrue(expected.size() >= 3, "UMLS names several entities with the word cell: " + expected);
        try (GraphStore s = Stores.open(StoreSpec.configFile(config))) {
            var g = s.graph().traversal();
            Set<String> found = new java.util.TreeSet<>(g.V().hasLabel("Entity")
                    .has("name", org.janusgraph.core.attribute.Text.textContains("cell")).<String>values("uid").toList());
            String profile = g.V().hasLabel("Entity").has("name", org.janusgraph.core.attribute.Text.textContains("cell"))
                    .profile().next().toString();
            g.tx().rollback();
            assertEquals(expected, found);
            assertTrue(profile.contains("entityByName") && !profile.contains("_fullscan=true"), profile);
        }
        long pid = SolrNode.find(solr).map(SolrNode::pid).orElse(-1L);
        assertEquals(0, Cli.run("solr", "status", "--dir", solr.toString()).code());
        Cli.Run stop = Cli.run("solr", "stop", "--dir", solr.toString());
        assertEquals(0, stop.code(), stop.toString());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the node's process ended");
        assertEquals(1, Cli.run("solr", "status", "--dir", solr.toString()).code());
    }

    @Test
    @Order(3)
    void importKilledMidWay_isRolledBackOnTheNextOpen_onCassandra() throws Exception {
        Path config = keyspace("killed");
        assertEquals(0, Cli.run("import", "--store-config", config.toString(), Data.umls().resolve("train.txt").toString())
                .code());
        StoreDump before = dump(config);
        Process child = importInAChild(config, umlsAgain());
        List<String> seen = awaitMidWay(child).seen();
        child.destroyForcibly();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not die");
        assertNotEquals(0, child.exitValue(), "the child finished before it was killed: " + seen);
        try (GraphStore s = Stores.open(StoreSpec.configFile(config))) {
            assertEquals(1, s.recovery().rolledBack().size(), "the killed import's delta was rolled back");
            assertEquals(before.elements(), StoreDump.of(s).elements(), "exactly the vertices and edges from before the "
                    + "killed import (the schema keeps the relations it introduced, as on the embedded store)");
        }
    }

    @Test
    @Order(4)
    void evolve_andTheUndoOfEachOfItsDeltas_onCassandra() {
        Path config = keyspace("evolve");
        String c = config.toString();
        assertEquals(0, Cli.run("import", "--store-config", c, Data.umls().resolve("train.txt").toString()).code());
        StoreDump imported = dump(config);
        Cli.Run evolve = Cli.run("evolve", "--store-config", c, "--cycles", "1", "--rule-seconds", "1",
                "--combine-budget", "0", "--calibration-facts", "200");
        assertEquals(0, evolve.code(), evolve.toString());
        List<DeltaRecord> history;
        try (GraphStore s = Stores.open(StoreSpec.configFile(config))) {
            history = s.history();
        }
        assertTrue(history.size() > 2, "evolve recorded its steps as deltas: " + history);
        assertNotEquals(imported, dump(config), "evolve changed the store");
        for (int i = history.size() - 1; i >= 1; i--) {
            Cli.Run undo = Cli.run("undo", "--store-config", c, history.get(i).id());
            assertEquals(0, undo.code(), undo.toString());
        }
        assertEquals(imported, dump(config), "undoing every evolve delta restores the imported store exactly");
    }

    @Test
    @Order(5)
    void serve_answersTheJavascriptDriver_onCassandra() throws Exception {
        Path config = keyspace("served");
        Path umls = Data.umls();
        assertEquals(0, Cli.run("import", "--store-config", config.toString(), "--names",
                umls.resolve("entity_names.tsv").toString(), umls.resolve("train.txt").toString()).code());
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path trap = dir.resolve("pwned-by-js");
        Process serve = ServeCommandTest.startServe(dir.resolve("unused"), port, "--store-config", config.toString());
        try {
            ServeCommandTest.awaitServing(serve);
            JsonNode r = new ObjectMapper().readTree(JavascriptClient.run("interop.js", "ws://127.0.0.1:" + port
                    + "/gremlin", trap.toString()));
            assertEquals(135, r.get("entities").asInt());
            assertEquals("virus", r.get("virusName").asText());
            assertEquals("[\"entity\",\"physical_object\"]", r.get("virusIsa").toString());
            assertTrue(r.get("bytecodeIo").asText().contains("io() step is not allowed"), r.toString());
            assertFalse(Files.exists(trap));
        } finally {
            serve.destroy();
            assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
        }
    }

    @Test
    @Order(6)
    void cassandraStoppedMidImport_endsTheImportWithAClearError_andTheStoreRecovers() throws Exception {
        Path config = keyspace("outage");
        Files.writeString(config, Files.readString(config) + "# give up on a lost backend after 10 s (defaults 100 s, and "
                + "120 s for an id block)\nstorage.write-time=10000\nstorage.read-time=10000\nids.renew-timeout=10000\n");
        assertEquals(0, Cli.run("import", "--store-config", config.toString(), Data.umls().resolve("train.txt").toString())
                .code());
        StoreDump before = dump(config);
        Process child = importInAChild(config, umlsAgain());
        MidWay midWay = awaitMidWay(child);
        List<String> seen = midWay.seen();
        try {
            assertTrue(CassandraNode.stop(node, Duration.ofSeconds(30)), "the node was running");
            for (String line; (line = midWay.output().readLine()) != null; ) {
                seen.add(line);
            }
            assertTrue(child.waitFor(240, TimeUnit.SECONDS), "the import did not end after Cassandra stopped: " + seen);
            assertNotEquals(0, child.exitValue(), "the import failed: " + seen);
        } finally {
            child.destroyForcibly();
            Cli.Run restart = Cli.run("cassandra", "start", "--dir", node.toString());
            assertEquals(0, restart.code(), restart.toString());
        }
        String error = seen.stream().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
        assertTrue(error.startsWith("error: the store's backend failed during the import (") && error.contains(
                "rolled back when the store is next opened"), "a clear error: " + seen);
        assertTrue(seen.stream().noneMatch(l -> l.startsWith("\tat ")), "no stack trace: " + seen);
        assertTrue(seen.stream().anyMatch(l -> l.startsWith("import: stopped at ")) && seen.stream().noneMatch(
                l -> l.startsWith("import: done")), "the progress says the import was cut off: " + seen);
        try (GraphStore s = Stores.open(StoreSpec.configFile(config))) {
            assertEquals(1, s.recovery().rolledBack().size(), "the cut-off import's delta was rolled back");
            assertEquals(before.elements(), StoreDump.of(s).elements(), "exactly the vertices and edges from before the "
                    + "cut-off import");
        }
    }

    /**
     * UMLS's training, validation and test facts in one new file: imported into a store that holds the
     * training facts, it confirms those by a second source (their provenance rewritten) and adds the others
     * (new edges between known entities), in batches of 200, long enough to be cut off half-way.
     */
    private static Path umlsAgain() throws java.io.IOException {
        Path again = dir.resolve("umls-again.tsv");
        if (!Files.exists(again)) {
            List<String> all = new ArrayList<>();
            for (String split : List.of("train.txt", "valid.txt", "test.txt")) {
                all.addAll(Files.readAllLines(Data.umls().resolve(split), StandardCharsets.UTF_8));
            }
            Files.write(again, all, StandardCharsets.UTF_8);
        }
        return again;
    }

    /**
     * {@code strata import} of {@code file} into the store of {@code config}, in a JVM of its own, logging as
     * the CLI logs (its logback.xml, not the tests').
     */
    private static Process importInAChild(Path config, Path file) throws java.io.IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=0",
                "-Dlogback.configurationFile=" + CassandraEndToEndTest.class.getClassLoader().getResource("logback.xml"),
                "-cp", System.getProperty("java.class.path"), "org.strata.cli.Main", "import", "--store-config",
                config.toString(), "--progress", "plain", "--batch-size", "200", "--writers", "1", file.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** The child's output so far, and the reader of the rest. */
    private record MidWay(List<String> seen, BufferedReader output) {
    }

    /** Reads the child's output until its import has committed batches and is not finished. */
    private static MidWay awaitMidWay(Process child) throws java.io.IOException {
        List<String> seen = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            seen.add(line);
            // "import: 54,000/272,115 facts (20%, ...)": batches are committed, the import is not finished
            if (line.startsWith("import: ") && line.contains("%") && !line.contains("(0%") && !line.contains("(100%")) {
                return new MidWay(seen, r);
            }
        }
        throw new AssertionError("the import ended before it was half-way: " + seen);
    }
}
