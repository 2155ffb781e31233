package org.strata.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.driver.remote.DriverRemoteConnection;
import org.apache.tinkerpop.gremlin.process.traversal.AnonymousTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.strata.cli.shell.CliOptions;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Format;
import org.strata.cli.shell.Invocation;
import org.strata.cli.shell.UsageException;
import org.strata.cli.shell.JsonOutput;
import org.strata.graph.cassandra.CassandraNode;
import org.strata.graph.solr.SolrNode;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.io.TripleFormat;
import org.strata.graph.projection.Projection;
import org.strata.graph.server.ServerParameters;
import org.strata.graph.server.StrataServer;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.ImportRequest;
import org.strata.graph.store.ImportResult;
import org.strata.graph.store.StoreSpec;
import org.strata.graph.store.Stores;

/**
 * {@code strata bench import}: imports a dataset's {@code train.txt} into a new store (embedded, or CQL on a local
 * Cassandra node, with or without a local Solr node for the name index) and prints
 * facts/s, store size, projection build time and memory (from TSV and from the store), and the latency of
 * Gremlin queries over loopback: an index lookup by uid, a 1-hop and a 2-hop count, on entities drawn
 * with a seed, and a search by a word of their names (through the name index, or the name-word keys of a
 * store without a search server).
 */
final class BenchImportCommand implements Command {

    @Override
    public String name() {
        return "import";
    }

    @Override
    public String summary() {
        return "Import a dataset into a new store (embedded, Cassandra, Cassandra + Solr); print facts/s, store size, "
                + "projection and Gremlin latency";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.DATA, CliOptions.BACKEND, CliOptions.WORK, GraphOptions.WRITERS, GraphOptions.BATCH_SIZE,
                CliOptions.IMPORT_REPEAT, CliOptions.QUERIES, GraphOptions.SEED, CliOptions.JSON, CliOptions.PROGRESS);
    }

    @Override
    public int run(Invocation in) throws Exception {
        Path data = Path.of(in.require(GraphOptions.DATA, "bench import"));
        int rounds = in.get(CliOptions.IMPORT_REPEAT);
        if (in.get(CliOptions.BACKEND) == CliOptions.Backend.CASSANDRA_SOLR && rounds > 1) {
            // JanusGraph names a Solr collection after the index alone: every round's store would write its
            // names into the one collection, and the measured store would find the other rounds' documents
            throw new UsageException("--repeat with --backend cassandra-solr: every round's store would share the "
                    + "Solr node's name collection; repeat with --backend cassandra or embedded");
        }
        Path train = data.resolve("train.txt");
        Path names = data.resolve("entity_names.tsv");
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("dataset", data.getFileName().toString());
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("maxHeapBytes", Runtime.getRuntime().maxMemory());

        long t = System.nanoTime();
        Projection fromTsv = Projection.fromTsv(List.of(train));
        double tsvSeconds = seconds(t);
        long tsvBytes = fromTsv.memoryBytes();
        in.out().println("Projection from TSV: " + Format.count(fromTsv.factCount()) + " facts in "
                + Format.decimal(tsvSeconds, 2) + " s, " + Format.bytes(tsvBytes) + " of arrays");
        report.put("projectionFromTsvSeconds", tsvSeconds);
        report.put("projectionFromTsvBytes", tsvBytes);

        long stamp = System.currentTimeMillis();
        Path storeDir = Path.of(in.get(CliOptions.WORK)).resolve("store-" + stamp);
        CliOptions.Backend backend = in.get(CliOptions.BACKEND);
        boolean cassandra = backend != CliOptions.Backend.EMBEDDED;
        boolean solr = backend == CliOptions.Backend.CASSANDRA_SOLR;
        report.put("backend", backend.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        Path nodeDir = Path.of(in.get(CliOptions.WORK)).resolve("cassandra-" + stamp);
        Path solrDir = Path.of(in.get(CliOptions.WORK)).resolve("solr-" + stamp);
        CassandraNode node = null;
        SolrNode solrNode = null;
        try {
            String search = "";
            if (cassandra) {
                in.err().println("Starting a local Cassandra node in " + nodeDir + " ...");
                node = CassandraNode.start(CassandraNode.Settings.of(nodeDir));
                if (solr) {
                    in.err().println("Starting a local Solr node in " + solrDir + " ...");
                    solrNode = SolrNode.start(SolrNode.Settings.of(solrDir));
                    search = solrNode.searchConfig();
                }
                in.out().println("Store: JanusGraph CQL on Cassandra (one local node, CQL port " + node.nativePort() + ")"
                        + (solr ? ", names in Solr (one local node, " + solrNode.solrUrl() + ")" : ""));
            } else {
                in.out().println("Store: embedded (BerkeleyJE + Lucene) in " + storeDir);
            }
            ImportRequest request = new ImportRequest(List.of(train), TripleFormat.TSV,
                    Files.isRegularFile(names) ? names : null, in.commandLine(),
                    in.get(GraphOptions.BATCH_SIZE), in.get(GraphOptions.WRITERS));
            List<Map<String, Object>> roundFigures = new ArrayList<>();
            for (int round = 1; round < rounds; round++) {
                // an earlier round: the same import into a store of its own, then gone (a keyspace of its own
                // on the Cassandra node, dropped with the node)
                Path roundDir = storeDir.resolveSibling(storeDir.getFileName() + "-round" + round);
                try (GraphStore s = Stores.open(storeSpec(roundDir, node, "bench_round" + round, search))) {
                    ImportResult r = s.importFacts(request, in.progress());
                    in.out().println("Import, round " + round + "/" + rounds + ": " + Format.decimal(r.seconds(), 1)
                            + " s = " + Format.count(Math.round(r.factsPerSecond())) + " facts/s"
                            + (round == 1 ? " (a fresh JVM: its compiler still at work)" : ""));
                    roundFigures.add(figures(r));
                } finally {
                    deleteRecursively(roundDir);
                }
            }
            measure(in, storeSpec(storeDir, node, "bench", search), request, rounds, roundFigures,
                    cassandra ? nodeDir.resolve("data") : storeDir, cassandra && !solr, report);
        } finally {
            if (node != null) {
                node.close();
                deleteRecursively(nodeDir);
            }
            if (solrNode != null) {
                solrNode.close();
                deleteRecursively(solrDir);
            }
            deleteRecursively(storeDir);
        }
        String json = in.get(CliOptions.JSON);
        if (json != null) {
            JsonOutput.write(Path.of(json), report);
            in.out().println("Written to " + json);
        }
        return 0;
    }

    /** What one import round reports: facts, new entities, seconds and facts/s. */
    private static Map<String, Object> figures(ImportResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("facts", r.lines());
        m.put("entities", r.entitiesAdded());
        m.put("seconds", r.seconds());
        m.put("factsPerSecond", r.factsPerSecond());
        return m;
    }

    /** The embedded store in {@code dir}, or a CQL store on the node: its configuration file in {@code dir}. */
    private static StoreSpec storeSpec(Path dir, CassandraNode node, String keyspace, String search) throws IOException {
        if (node == null) {
            return StoreSpec.embedded(dir);
        }
        Files.createDirectories(dir);
        Path config = dir.resolve("cassandra.properties");
        Files.writeString(config, node.storeConfig(keyspace) + search, java.nio.charset.StandardCharsets.UTF_8);
        return StoreSpec.configFile(config);
    }

    /**
     * The measured round: imports into a new store, then times the projection from it and the Gremlin
     * queries against it; {@code sizeDir} is the folder whose size the store's data is (on Cassandra, the
     * node's data folder: after earlier rounds, its growth during this round); {@code nameKeys}: the store
     * finds name words through its name-word keys.
     */
    private static void measure(Invocation in, StoreSpec spec, ImportRequest request, int rounds,
                                List<Map<String, Object>> roundFigures, Path sizeDir, boolean nameKeys,
                                Map<String, Object> report) throws Exception {
        boolean cassandra = spec.kind() != StoreSpec.Kind.EMBEDDED;
        long sizeBefore = cassandra && rounds > 1 ? directorySize(sizeDir) : 0;
        try (GraphStore store = Stores.open(spec)) {
            ImportResult r = store.importFacts(request, in.progress());
            long size = directorySize(sizeDir) - sizeBefore;
            in.out().println("Import" + (rounds > 1 ? ", round " + rounds + "/" + rounds : "") + ": "
                    + Format.count(r.lines()) + " facts, " + Format.count(r.entitiesAdded())
                    + " entities in " + Format.decimal(r.seconds(), 1) + " s = " + Format.count(Math.round(r.factsPerSecond()))
                    + " facts/s (" + request.writers() + " writers, batches of " + request.batchSize() + ")");
            in.out().println("Store size on disk: " + Format.bytes(size) + (cassandra ? (rounds > 1
                    ? " (the growth of the node's data folder during this round, commit log included"
                    : " (the node's whole data folder, commit log included")
                    + "; memtables not yet flushed are not in sstables)" : ""));
            roundFigures.add(figures(r));
            report.put("importRounds", roundFigures);
            report.put("importSeconds", r.seconds());
            report.put("factsPerSecond", r.factsPerSecond());
            report.put("storeBytes", size);

            System.gc();
            long heapBefore = usedHeap();
            long t = System.nanoTime();
            Projection p = store.project(in.progress());
            double projectSeconds = seconds(t);
            System.gc();
            long heapAfter = usedHeap();
            in.out().println("Projection from store: " + Format.decimal(projectSeconds, 2) + " s, "
                    + Format.bytes(p.memoryBytes()) + " of arrays, heap +" + Format.bytes(Math.max(0, heapAfter - heapBefore))
                    + " (" + Format.bytes(heapAfter) + " used)");
            report.put("projectionFromStoreSeconds", projectSeconds);
            report.put("projectionBytes", p.memoryBytes());
            report.put("heapUsedAfterProjectionBytes", heapAfter);

            Map<String, Latency> latencies = gremlinLatency(store, p, in.get(CliOptions.QUERIES), in.get(GraphOptions.SEED),
                    nameKeys);
            in.out().println("Gremlin over loopback (GraphBinary; bytecode, the name search a script), "
                    + Format.count(in.get(CliOptions.QUERIES)) + " queries each, microseconds:");
            in.out().printf("  %-36s %9s %9s %9s %9s%n", "", "mean", "p50", "p99", "max");
            latencies.forEach((k, l) -> in.out().printf("  %-36s %9.0f %9.0f %9.0f %9.0f%n", k, l.meanMicros(),
                    l.p50Micros(), l.p99Micros(), l.maxMicros()));
            report.put("gremlinLatency", latencies);
        }
    }

    /**
     * Gremlin latencies over loopback; {@code nameKeys}: the store finds name words through its composite
     * name-word keys (no search server), else through the full-text name index.
     */
    private static Map<String, Latency> gremlinLatency(GraphStore store, Projection p, int queries, long seed,
                                                       boolean nameKeys) throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Map<String, Latency> out = new LinkedHashMap<>();
        try (StrataServer server = StrataServer.start(store, ServerParameters.defaults(port))) {
            Cluster cluster = Cluster.build("127.0.0.1").port(port).create();
            try {
                GraphTraversalSource g = AnonymousTraversalSource.traversal()
                        .withRemote(DriverRemoteConnection.using(cluster, StrataServer.TRAVERSAL_SOURCE));
                Random rnd = new Random(seed);
                List<String> uids = new ArrayList<>();
                for (int i = 0; i < queries; i++) {
                    uids.add(p.entities().name(rnd.nextInt(p.entityCount())));
                }
                Map<String, Function<String, Object>> kinds = new LinkedHashMap<>();
                kinds.put("lookup by uid", u -> g.V().has("uid", u).id().next());
                kinds.put("1-hop count", u -> g.V().has("uid", u).out().count().next());
                kinds.put("2-hop count", u -> g.V().has("uid", u).out().out().count().next());
                for (Map.Entry<String, Function<String, Object>> k : kinds.entrySet()) {
                    // the first pass meets a cold cache for most entities; the second is what a running server sees
                    out.put(k.getKey() + " (first pass)", time(k.getValue(), uids));
                    out.put(k.getKey() + " (warm)", time(k.getValue(), uids));
                }
                List<String> words = nameWords(store.names(), uids);
                if (!words.isEmpty()) {
                    // a script, as a console user writes it: JanusGraph's text predicates need no client library
                    org.apache.tinkerpop.gremlin.driver.Client client = cluster.connect().alias(StrataServer.TRAVERSAL_SOURCE);
                    String script = nameKeys ? "g.V().has('nameWord', w).limit(10).count()"
                            : "g.V().hasLabel('Entity').has('name', textContains(w)).limit(10).count()";
                    Function<String, Object> byWord = w -> client.submit(script, Map.of("w", w)).one();
                    out.put("name word, 10 entities (first pass)", time(byWord, words));
                    out.put("name word, 10 entities (warm)", time(byWord, words));
                }
            } finally {
                cluster.close();
            }
        }
        return out;
    }

    /** The first word (two letters or digits at least, lower case) of each named entity's name, in order. */
    static List<String> nameWords(Map<String, String> names, List<String> uids) {
        List<String> words = new ArrayList<>();
        for (String uid : uids) {
            String name = names.get(uid);
            if (name == null) {
                continue;
            }
            for (String w : name.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (w.length() >= 2) {
                    words.add(w);
                    break;
                }
            }
        }
        return words;
    }

    private static Latency time(Function<String, Object> query, List<String> uids) {
        long[] nanos = new long[uids.size()];
        for (int i = 0; i < uids.size(); i++) {
            long t = System.nanoTime();
            query.apply(uids.get(i));
            nanos[i] = System.nanoTime() - t;
        }
        return Latency.of(nanos);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    static long directorySize(Path dir) {
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
