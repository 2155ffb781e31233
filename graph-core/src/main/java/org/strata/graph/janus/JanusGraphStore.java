package org.strata.graph.janus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.tinkerpop.gremlin.structure.Graph;
import org.janusgraph.graphdb.configuration.GraphDatabaseConfiguration;
import org.strata.graph.store.LifecycleState;
import org.strata.graph.store.DeltaKind;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.projection.Projection;
import org.strata.graph.store.DeltaRecord;
import org.strata.graph.store.DeltaState;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.ImportInput;
import org.strata.graph.store.ImportRequest;
import org.strata.graph.store.ImportResult;
import org.strata.graph.store.RecoveryReport;
import org.strata.graph.store.RuleRecord;
import org.strata.graph.store.StoreSpec;
import org.strata.graph.store.StoreUnavailableException;
import org.strata.graph.store.UndoResult;

/**
 * The {@link GraphStore} on JanusGraph: BerkeleyJE + Lucene in a directory by default, the in-memory
 * backend for tests, or any backend a JanusGraph properties file names (Cassandra/ScyllaDB +
 * Elasticsearch for scale-out).
 *
 * <p>An embedded store directory holds {@code graph/} (BerkeleyJE), {@code search/} (Lucene) and the
 * marker file {@code strata-store.properties}; a non-empty directory without the marker is refused, so a
 * mistyped {@code --store} cannot litter a home folder. BerkeleyJE allows one process per directory; a
 * second one gets a clear error. Writes (import, undo) are serialised by a lock; reads are concurrent.
 */
final class JanusGraphStore implements GraphStore {

    static final String MARKER = "strata-store.properties";
    /** Facts a user imports are asserted by the user: STABLE from the start (the gate governs proposals). */
    private static final String IMPORTED_STATE = LifecycleState.STABLE.name();
    private static final int REVERT_BATCH = 10_000;

    /** Embedded store directories open in this process: BerkeleyJE would share them silently. */
    private static final Set<Path> OPEN_DIRECTORIES = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Set when the backend failed under a write: closing then does not wait out JanusGraph's retries. */
    private volatile boolean backendLost;

    private final StoreSpec spec;
    private final StrataJanusGraph graph;
    private final Path openDirectory;
    private final Path tempSearchDir;
    private final DeltaLog log;
    private final DeltaReverter reverter;
    private final ExecutorService pool;
    private final ReentrantLock writeLock = new ReentrantLock();
    private RecoveryReport recovery = RecoveryReport.NONE;
    private final ClientWrites clientWrites;
    /** Whether the name index splits names into words as JanusGraph's textContains does (findEntities uses it). */
    private boolean nameIndexSplitsLikeJanusGraph;

    private JanusGraphStore(StoreSpec spec, StrataJanusGraph graph, Path tempSearchDir, Path openDirectory) {
        this.spec = spec;
        this.openDirectory = openDirectory;
        this.graph = graph;
        this.tempSearchDir = tempSearchDir;
        this.log = new DeltaLog(graph);
        this.reverter = new DeltaReverter(graph, log, REVERT_BATCH);
        this.clientWrites = new ClientWrites(log, writeLock);
        graph.hook(clientWrites);
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "strata-store-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens or creates a store and recovers unfinished deltas. */
    public static JanusGraphStore open(StoreSpec spec) {
        Path tempSearch = null;
        Path claimed = null;
        StrataJanusGraph graph;
        boolean searchIndex = true;
        boolean solrIndex = false;
        boolean luceneIndex = true;
        switch (spec.kind()) {
            case EMBEDDED -> {
                Path dir = prepareDirectory(spec.directory());
                claimed = claim(dir, spec);
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("storage.backend", "berkeleyje");
                c.put("storage.directory", dir.resolve("graph").toString());
                c.put("index.search.backend", "lucene");
                c.put("index.search.directory", dir.resolve("search").toString());
                c.put("schema.default", "none");
                c.put("storage.berkeleyje.cache-percentage", 35);
                // measured on FB15k-237 2-hop counts: read locks held to the end of a transaction pile
                // up in BerkeleyJE's lock table; READ_COMMITTED releases each after the read
                c.put("storage.berkeleyje.isolation-level", "READ_COMMITTED");
                // one process owns an embedded store, so its database cache never goes stale
                c.put("cache.db-cache", true);
                c.put("cache.db-cache-size", 0.25);
                c.put("cache.db-cache-time", 0);
                // a vertex id holds its partition in its low bits and a count within the partition above
                // them. With JanusGraph's default of 32 partitions the ids' hashes filled one bin in 16 of a
                // transaction's vertex cache (FB15k-237), and its treeified bins took much of a 2-hop count's
                // time; with 1,024 the counts sit higher, where the hash folds them into the low bits. Fixed
                // when a store is created: an older store keeps its 32
                c.put("cluster.max-partitions", VERTEX_PARTITIONS);
                // the management log carries schema-cache messages between JanusGraph instances sharing a
                // backend; an embedded store has one. Its reader polled every 5 s, and a poll still running
                // when the graph closed was interrupted inside BerkeleyJE, which then refused to reopen the
                // directory in this process (JanusGraph #2120): poll once at open, then daily
                c.put("log." + GraphDatabaseConfiguration.MANAGEMENT_LOG + ".read-interval",
                        MANAGEMENT_LOG_READ_INTERVAL.toMillis());
                graph = openGuarded(spec, claimed, () -> GraphOpener.open(c));
            }
            case IN_MEMORY -> {
                try {
                    tempSearch = Files.createTempDirectory("strata-search-");
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create a temporary index directory", e);
                }
                Path search = tempSearch;
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("storage.backend", "inmemory");
                c.put("index.search.backend", "lucene");
                c.put("index.search.directory", search.toString());
                c.put("schema.default", "none");
                graph = openGuarded(spec, null, () -> GraphOpener.open(c));
            }
            case CONFIG_FILE -> {
                Path file = spec.configFile();
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("store configuration " + file + " does not exist");
                }
                String backend = searchBackend(file);
                searchIndex = backend != null;
                solrIndex = "solr".equals(backend);
                luceneIndex = "lucene".equals(backend);
                graph = openGuarded(spec, null, () -> GraphOpener.open(file));
            }
            default -> throw new IllegalArgumentException("unknown store kind " + spec.kind());
        }
        JanusGraphStore store = new JanusGraphStore(spec, graph, tempSearch, claimed);
        try {
            if (Schema.ensure(graph, searchIndex, luceneIndex).contains(NameKeys.WORD)) {
                NameKeys.backfill(graph); // a store made before the name keys: its names gain them
            }
            store.nameIndexSplitsLikeJanusGraph = Schema.nameIndexSplitsLikeTextContains(graph, solrIndex);
            store.recovery = store.recover();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /** The search backend a store configuration names for the name index, or null. */
    private static String searchBackend(Path file) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read store configuration " + file, e);
        }
        String backend = p.getProperty("index." + Schema.SEARCH_BACKEND + ".backend");
        return backend == null ? null : backend.trim();
    }

    private static Path prepareDirectory(Path dir) {
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new IllegalArgumentException("store " + dir + " is a file, not a directory");
            }
            Path marker = dir.resolve(MARKER);
            if (Files.isDirectory(dir) && !Files.exists(marker)) {
                try (var entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException("store " + dir + " is not empty and holds no Strata store ("
                                + MARKER + " is missing); give a new or empty directory");
                    }
                }
            }
            Files.createDirectories(dir);
            if (!Files.exists(marker)) {
                Files.writeString(marker, "# A Strata store: JanusGraph with BerkeleyJE (graph/) and Lucene (search/)\n"
                        + "format=1\n", StandardCharsets.UTF_8);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare store directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private interface Opener {
        StrataJanusGraph open();
    }

    private static Path claim(Path dir, StoreSpec spec) {
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve store directory " + dir, e);
        }
        if (!OPEN_DIRECTORIES.add(real)) {
            throw new IllegalStateException("store " + spec + " is in use by this process; close it first");
        }
        return real;
    }

    private static StrataJanusGraph openGuarded(StoreSpec spec, Path claimed, Opener opener) {
        try {
            return opener.open();
        } catch (RuntimeException e) {
            if (claimed != null) {
                OPEN_DIRECTORIES.remove(claimed);
            }
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t.getClass().getSimpleName().equals("EnvironmentLockedException")) {
                    throw new IllegalStateException("store " + spec + " is in use by another process (a running "
                            + "'strata serve'?); stop it or use another store", e);
                }
            }
            throw new IllegalStateException("cannot open store " + spec + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Rolls back unfinished imports and completes unfinished undos. */
    private RecoveryReport recover() {
        List<String> rolledBack = new ArrayList<>();
        List<String> completed = new ArrayList<>();
        for (DeltaRecord d : log.list()) {
            if (d.state() != DeltaState.PENDING) {
                continue;
            }
            if (d.kind() == DeltaKind.UNDO) {
                finishUndo(d.id(), d.target(), ProgressListener.NONE);
                completed.add(d.id());
            } else {
                writer().rollback(d.id());
                rolledBack.add(d.id());
            }
        }
        return new RecoveryReport(rolledBack, completed);
    }

    private ImportWriter writer() {
        return new ImportWriter(graph, log, reverter, pool);
    }

    @Override
    public StoreSpec spec() {
        return spec;
    }

    @Override
    public RecoveryReport recovery() {
        return recovery;
    }

    @Override
    public ImportResult importFacts(ImportRequest request, ProgressListener progress) {
        long start = System.nanoTime();
        ImportInput input = ImportInput.read(request);
        writeLock.lock();
        try {
            return writer().write(request, input, IMPORTED_STATE, progress, start);
        } catch (StoreUnavailableException e) {
            backendLost = true;
            throw e;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public List<DeltaRecord> history() {
        return log.list();
    }

    @Override
    public UndoResult undo(String deltaId, String command, ProgressListener progress) {
        long start = System.nanoTime();
        writeLock.lock();
        try {
            DeltaRecord target = log.get(deltaId);
            if (target == null) {
                throw new IllegalArgumentException("no delta " + deltaId + " in store " + spec + " (see 'strata history')");
            }
            if (target.kind() == DeltaKind.UNDO) {
                throw new IllegalStateException("delta " + deltaId + " is an undo; undoing an undo is not supported "
                        + "(import the facts again instead)");
            }
            if (target.state() != DeltaState.COMMITTED) {
                throw new IllegalStateException("delta " + deltaId + " is " + target.state().name().toLowerCase()
                        + ", only a committed delta can be undone");
            }
            String undoId = log.open(DeltaKind.UNDO, command, Instant.now(), List.of(), deltaId);
            DeltaReverter.Counts c = finishUndo(undoId, deltaId, progress);
            return new UndoResult(deltaId, undoId, c.factsRemoved(), c.factsReverted(), c.entitiesRemoved(),
                    c.namesCleared(), c.rulesRemoved(), (System.nanoTime() - start) / 1e9);
        } finally {
            writeLock.unlock();
        }
    }

    /** Reverts the target of a pending undo delta and commits both. Idempotent. */
    private DeltaReverter.Counts finishUndo(String undoId, String targetId, ProgressListener progress) {
        DeltaReverter.Counts c = reverter.revert(targetId, progress);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("factsRemoved", c.factsRemoved());
        counts.put("factsReverted", c.factsReverted());
        counts.put("entitiesRemoved", c.entitiesRemoved());
        counts.put("namesCleared", c.namesCleared());
        counts.put("rulesRemoved", c.rulesRemoved());
        log.commit(undoId, counts, targetId);
        return c;
    }

    @Override
    public String writeRules(List<RuleRecord> rules, String command, ProgressListener progress) {
        writeLock.lock();
        try {
            return new RuleWriter(graph, log, reverter).write(rules, command, progress);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public String apply(org.strata.graph.store.ChangeSet changes, DeltaKind kind, String command,
                        ProgressListener progress) {
        writeLock.lock();
        try {
            return new ChangeWriter(graph, log, reverter).apply(changes, kind, command, progress);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public List<org.strata.graph.store.FactRecord> facts(ProgressListener progress) {
        return GovernanceScan.facts(graph, progress);
    }

    @Override
    public org.strata.graph.store.FactSnapshot snapshot(ProgressListener progress) {
        return GovernanceScan.snapshot(graph, progress);
    }

    @Override
    public List<org.strata.graph.store.CommunityRecord> communities() {
        return GovernanceScan.communities(graph);
    }

    @Override
    public List<String> findEntities(String text, int limit) {
        return GovernanceScan.findEntities(graph, text, limit, nameIndexSplitsLikeJanusGraph);
    }

    @Override
    public List<org.strata.graph.store.FactRecord> factsAround(String uid, int limit) {
        return GovernanceScan.factsAround(graph, uid, limit);
    }

    @Override
    public Map<String, List<String>> aliases() {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        org.janusgraph.core.JanusGraphTransaction tx = graph.buildTransaction().readOnly().start();
        try {
            for (var it = tx.traversal().V().hasLabel(Schema.ALIAS); it.hasNext(); ) {
                var a = it.next();
                for (var es = a.edges(org.apache.tinkerpop.gremlin.structure.Direction.OUT, Schema.ALIAS_OF); es.hasNext(); ) {
                    out.computeIfAbsent(es.next().inVertex().value(Schema.UID), k -> new ArrayList<>())
                            .add(a.value(Schema.NAME));
                }
            }
        } finally {
            tx.rollback();
        }
        return out;
    }

    @Override
    public long shortcutCount() {
        org.janusgraph.core.JanusGraphTransaction tx = graph.buildTransaction().readOnly().start();
        try {
            return tx.traversal().E().hasLabel(Schema.SHORTCUT).count().next();
        } finally {
            tx.rollback();
        }
    }

    @Override
    public List<org.strata.graph.store.RuleStateRecord> rules() {
        return GovernanceScan.rules(graph);
    }

    @Override
    public Map<String, String> names() {
        return FactScan.names(graph);
    }

    @Override
    public Map<String, String> types() {
        return FactScan.entityValues(graph, Schema.TYPE);
    }

    @Override
    public Projection project(ProgressListener progress) {
        return FactScan.project(graph, progress);
    }

    @Override
    public Graph graph() {
        return graph;
    }

    @Override
    public List<String> schema() {
        return Schema.describe(graph);
    }

    @Override
    public org.strata.graph.store.ClientWriteMode clientWriteMode() {
        return clientWrites.mode();
    }

    @Override
    public void clientWriteMode(org.strata.graph.store.ClientWriteMode mode) {
        clientWrites.mode(mode);
    }

    @Override
    public void attributeClientWrites(String who) {
        clientWrites.attribute(who);
    }

    @Override
    public void closeOnlyWhenAsked() {
        graph.removeExitHook();
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            if (graph.isOpen() && backendLost) {
                closeWithin(BACKEND_LOST_CLOSE);
            } else if (graph.isOpen()) {
                graph.close();
            }
        } finally {
            if (openDirectory != null) {
                OPEN_DIRECTORIES.remove(openDirectory);
            }
            if (tempSearchDir != null) {
                deleteRecursively(tempSearchDir);
            }
        }
    }

    /** JanusGraph's partition count for a new embedded store (its default is 32). */
    static final int VERTEX_PARTITIONS = 1024;

    /** How often an embedded store's graph reads its management log after the first read at open. */
    static final java.time.Duration MANAGEMENT_LOG_READ_INTERVAL = java.time.Duration.ofDays(1);

    /** How long closing waits for a backend that failed (JanusGraph retries each write it makes on close). */
    private static final java.time.Duration BACKEND_LOST_CLOSE = java.time.Duration.ofSeconds(5);

    /**
     * Closes the graph on a thread of its own and waits at most {@code limit}: with its backend gone,
     * JanusGraph would retry its closing writes (instance registration, log markers) for minutes. What it
     * leaves unwritten is repaired when the store is next opened.
     */
    private void closeWithin(java.time.Duration limit) {
        Thread closing = new Thread(() -> {
            try {
                graph.close();
            } catch (RuntimeException ignored) {
                // the backend is gone; the next open recovers
            }
        }, "strata-close");
        closing.setDaemon(true);
        closing.start();
        try {
            closing.join(limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort for a temporary directory
                }
            });
        } catch (IOException ignored) {
            // best effort for a temporary directory
        }
    }
}
