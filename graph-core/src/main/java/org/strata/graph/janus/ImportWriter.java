package org.strata.graph.janus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.tinkerpop.gremlin.structure.Direction;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.JanusGraphEdge;
import org.janusgraph.core.JanusGraphTransaction;
import org.janusgraph.core.JanusGraphVertex;
import org.janusgraph.core.schema.JanusGraphManagement;
import org.strata.graph.store.DeltaKind;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.store.ImportInput;
import org.strata.graph.store.ImportRequest;
import org.strata.graph.store.ImportResult;
import org.strata.graph.store.StoreUnavailableException;

/**
 * Writes a validated {@link ImportInput} as one delta.
 *
 * <p>Steps: check relation names; look up which entities exist; open a PENDING delta with one source per
 * file; create the missing edge labels and entities; write the facts; commit the delta. Facts are grouped
 * by head entity and written by parallel workers, each group in one batch-loading transaction, so no two
 * workers touch the same head's adjacency. A fact that already exists gains a provenance entry unless
 * the same file already asserts it. Any failure after the delta is opened reverts it before the error
 * is rethrown, except a failure of the backend itself: then the delta stays open, a
 * {@link StoreUnavailableException} says so, and the next open of the store rolls it back.
 */
final class ImportWriter {

    private static final String FILE_KIND = "file";
    /** Entities a transaction creates: small enough that progress moves and writers share the work. */
    private static final int ENTITY_BATCH = 2_000;

    private final JanusGraph graph;
    private final DeltaLog log;
    private final DeltaReverter reverter;
    private final ExecutorService pool;

    ImportWriter(JanusGraph graph, DeltaLog log, DeltaReverter reverter, ExecutorService pool) {
        this.graph = graph;
        this.log = log;
        this.reverter = reverter;
        this.pool = pool;
    }

    ImportResult write(ImportRequest request, ImportInput in, String initialState, ProgressListener progress,
                       long startNanos) {
        List<java.nio.file.Path> marked = in.files().stream().filter(ImportInput.SourceFile::byteOrderMark)
                .map(ImportInput.SourceFile::path).toList();
        if (in.size() == 0 && in.names().isEmpty()) {
            return new ImportResult(null, in.files().size(), 0, 0, 0, 0, 0, 0, 0,
                    (System.nanoTime() - startNanos) / 1e9, marked); // nothing to import: no delta
        }
        checkRelations(in);
        long[] vertexIds = lookupEntities(in, request.writers(), progress);
        Map<String, String> sourcePaths = log.sourcePaths();
        Instant now = Instant.now();
        List<DeltaLog.SourceSpec> sources = new ArrayList<>();
        for (ImportInput.SourceFile f : in.files()) {
            sources.add(new DeltaLog.SourceSpec(FILE_KIND, f.absolutePath().toString(), f.sha256(), f.triples()));
        }
        String deltaId = log.open(DeltaKind.IMPORT, request.command(), now, sources, null);
        Counters c = new Counters();
        try {
            List<String> relationNames = new ArrayList<>();
            for (int r = 0; r < in.relations().size(); r++) {
                relationNames.add(in.relations().name(r));
            }
            Schema.ensureEdgeLabels(graph, relationNames);
            boolean[] existed = new boolean[vertexIds.length];
            for (int e = 0; e < vertexIds.length; e++) {
                existed[e] = vertexIds[e] >= 0;
            }
            writeEntities(in, deltaId, vertexIds, request, progress, c);
            writeFacts(in, deltaId, vertexIds, existed, sourcePaths, Date.from(now), initialState, request, progress, c);
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("files", (long) in.files().size());
            counts.put("lines", (long) in.size());
            counts.put("factsAdded", c.added.sum());
            counts.put("factsConfirmed", c.confirmed.sum());
            counts.put("factsUnchanged", c.unchanged.sum());
            counts.put("entitiesAdded", c.entities.sum());
            counts.put("namesSet", c.namesSet.sum());
            counts.put("namesConflicting", c.namesConflicting.sum());
            if (c.added.sum() + c.confirmed.sum() + c.entities.sum() + c.namesSet.sum() == 0) {
                reverter.abandon(deltaId, null); // nothing new: no delta, the store exactly as it was
                deltaId = null;
            } else {
                log.commit(deltaId, counts, null);
            }
        } catch (RuntimeException | Error e) {
            String lost = BackendFailure.describe(e);
            if (lost != null) {
                // the backend is gone: reverting now would only wait out its retries; the delta stays open,
                // and the next open of the store rolls it back (recovery)
                throw new StoreUnavailableException("the store's backend failed during the import (" + lost + "); "
                        + "the import is unfinished: its delta " + deltaId + " is rolled back when the store is next "
                        + "opened", e);
            }
            reverter.abandon(deltaId, e);
            throw e;
        }
        return new ImportResult(deltaId, in.files().size(), in.size(), c.added.sum(), c.confirmed.sum(),
                c.unchanged.sum(), c.entities.sum(), c.namesSet.sum(), c.namesConflicting.sum(),
                (System.nanoTime() - startNanos) / 1e9, marked);
    }

    /** Reverts and deletes an unfinished import delta. */
    void rollback(String deltaId) {
        reverter.abandon(deltaId, null);
    }

    private static final class Counters {
        final LongAdder added = new LongAdder();
        final LongAdder confirmed = new LongAdder();
        final LongAdder unchanged = new LongAdder();
        final LongAdder entities = new LongAdder();
        final LongAdder namesSet = new LongAdder();
        final LongAdder namesConflicting = new LongAdder();
    }

    private void checkRelations(ImportInput in) {
        JanusGraphManagement m = graph.openManagement();
        try {
            for (int r = 0; r < in.relations().size(); r++) {
                String problem = Schema.relationNameProblem(m, in.relations().name(r));
                if (problem != null) {
                    throw in.relationError(r, problem);
                }
            }
        } finally {
            m.rollback();
        }
    }

    /** The vertex id of every entity of the input that exists, or -1. */
    private long[] lookupEntities(ImportInput in, int workers, ProgressListener progress) {
        long[] ids = new long[in.entities().size()];
        if (!anyEntity()) {
            java.util.Arrays.fill(ids, -1); // a store without entities: nothing to look up
            return ids;
        }
        AtomicInteger next = new AtomicInteger();
        progress.begin("look up entities", ids.length, "entities");
        try {
            Parallel.run(pool, workers, () -> lookupChunks(in, ids, next, progress));
        } finally {
            progress.end();
        }
        return ids;
    }

    /** Whether the store holds any entity (stops at the first vertex that has a uid). */
    private boolean anyEntity() {
        JanusGraphTransaction tx = graph.buildTransaction().readOnly().start();
        try {
            return tx.query().has(Schema.UID).limit(1).vertices().iterator().hasNext();
        } finally {
            tx.rollback();
        }
    }

    private void lookupChunks(ImportInput in, long[] ids, AtomicInteger next, ProgressListener progress) {
        int chunk = 2048;
        JanusGraphTransaction tx = graph.buildTransaction().readOnly().start();
        try {
            int from;
            while ((from = next.getAndAdd(chunk)) < ids.length) {
                int to = Math.min(ids.length, from + chunk);
                for (int e = from; e < to; e++) {
                    Iterator<JanusGraphVertex> it = tx.query().has(Schema.UID, in.entities().name(e)).vertices().iterator();
                    ids[e] = it.hasNext() ? vertexId(it.next()) : -1;
                }
                progress.advance(to - from);
            }
        } finally {
            tx.rollback();
        }
    }

    static long vertexId(JanusGraphVertex v) {
        if (v.id() instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalStateException("this store uses non-numeric vertex ids (" + v.id().getClass().getName()
                + "); Strata needs the default long ids");
    }

    /** Creates the new entities and names the existing ones that have no name yet. */
    private void writeEntities(ImportInput in, String deltaId, long[] vertexIds, ImportRequest request,
                               ProgressListener progress, Counters c) {
        Map<String, String> names = in.names();
        List<Integer> missing = new ArrayList<>();
        List<Integer> toName = new ArrayList<>();
        for (int e = 0; e < vertexIds.length; e++) {
            if (vertexIds[e] < 0) {
                missing.add(e);
            } else if (names.containsKey(in.entities().name(e))) {
                toName.add(e);
            }
        }
        AtomicInteger next = new AtomicInteger();
        progress.begin("create entities", missing.size(), "entities");
        try {
            Parallel.run(pool, request.writers(), () -> createChunks(in, deltaId, missing, vertexIds, next,
                    Math.min(request.batchSize(), ENTITY_BATCH), progress, c));
        } finally {
            progress.end();
        }
        if (!toName.isEmpty()) {
            JanusGraphTransaction tx = graph.newTransaction();
            try {
                for (int e : toName) {
                    JanusGraphVertex v = tx.getVertex(vertexIds[e]);
                    String wanted = names.get(in.entities().name(e));
                    String current = v.<String>property(Schema.NAME).orElse(null);
                    if (current == null) {
                        v.property(Schema.NAME, wanted);
                        v.property(Schema.NAMED_BY, deltaId);
                        c.namesSet.increment();
                    } else if (!current.equals(wanted)) {
                        c.namesConflicting.increment();
                    }
                }
                tx.commit();
            } finally {
                DeltaLog.rollbackIfOpen(tx);
            }
        }
    }

    /** Creates chunks of the missing entities, one transaction each, until none is left. */
    private void createChunks(ImportInput in, String deltaId, List<Integer> missing, long[] vertexIds,
                              AtomicInteger next, int batch, ProgressListener progress, Counters c) {
        Map<String, String> names = in.names();
        int from;
        while ((from = next.getAndAdd(batch)) < missing.size()) {
            int to = Math.min(missing.size(), from + batch);
            JanusGraphTransaction tx = batchTransaction();
            try {
                NewElementWriter writer = new NewElementWriter(tx, 0);
                List<JanusGraphVertex> created = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    String uid = in.entities().name(missing.get(i));
                    String name = names.get(uid);
                    created.add(writer.addEntity(uid, name, deltaId));
                    if (name != null) {
                        c.namesSet.increment();
                    }
                }
                tx.commit();
                for (int i = from; i < to; i++) {
                    vertexIds[missing.get(i)] = vertexId(created.get(i - from));
                }
                c.entities.add(to - from);
                progress.advance(to - from);
            } finally {
                DeltaLog.rollbackIfOpen(tx);
            }
        }
    }

    private JanusGraphTransaction batchTransaction() {
        return graph.buildTransaction().enableBatchLoading().checkExternalVertexExistence(false)
                .consistencyChecks(false).start();
    }

    /** Writes the facts, grouped by head entity; each group of about one batch is one transaction. */
    private void writeFacts(ImportInput in, String deltaId, long[] vertexIds, boolean[] existed,
                            Map<String, String> sourcePaths, Date now, String initialState, ImportRequest request,
                            ProgressListener progress, Counters c) {
        int n = in.size();
        int entities = vertexIds.length;
        // counting sort of triple positions by head, stable in input order
        int[] start = new int[entities + 1];
        for (int i = 0; i < n; i++) {
            start[in.head(i) + 1]++;
        }
        for (int e = 0; e < entities; e++) {
            start[e + 1] += start[e];
        }
        int[] order = new int[n];
        int[] fill = java.util.Arrays.copyOf(start, entities);
        for (int i = 0; i < n; i++) {
            order[fill[in.head(i)]++] = i;
        }
        // groups of consecutive heads holding about one batch of facts each
        List<int[]> groups = new ArrayList<>();
        int groupStart = 0;
        for (int e = 0; e < entities; e++) {
            if (start[e + 1] - start[groupStart] >= request.batchSize() || e == entities - 1) {
                groups.add(new int[] {groupStart, e + 1});
                groupStart = e + 1;
            }
        }
        Map<Long, Integer> denseOfExisting = new HashMap<>();
        for (int e = 0; e < entities; e++) {
            if (existed[e]) {
                denseOfExisting.put(vertexIds[e], e);
            }
        }
        String[] fileSourceIds = new String[in.files().size()];
        String[] filePaths = new String[in.files().size()];
        for (int f = 0; f < fileSourceIds.length; f++) {
            fileSourceIds[f] = Provenance.sourceId(deltaId, f + 1);
            filePaths[f] = in.files().get(f).absolutePath().toString();
        }
        progress.begin("import", n, "facts");
        try {
            AtomicInteger next = new AtomicInteger();
            Parallel.run(pool, request.writers(), () -> {
                int g;
                while ((g = next.getAndIncrement()) < groups.size()) {
                    int[] group = groups.get(g);
                    JanusGraphTransaction tx = batchTransaction();
                    try {
                        NewElementWriter facts = new NewElementWriter(tx, in.relations().size());
                        for (int h = group[0]; h < group[1]; h++) {
                            if (start[h] == start[h + 1]) {
                                continue;
                            }
                            JanusGraphVertex hv = tx.getVertex(vertexIds[h]);
                            Map<Long, JanusGraphEdge> edges = existed[h]
                                    ? existingFacts(hv, in, order, start[h], start[h + 1], denseOfExisting)
                                    : new HashMap<>();
                            for (int k = start[h]; k < start[h + 1]; k++) {
                                int i = order[k];
                                int r = in.relation(i);
                                int t = in.tail(i);
                                long key = ((long) r << 32) | (t & 0xffffffffL);
                                int file = in.file(i);
                                String entry = Provenance.entry(fileSourceIds[file], in.line(i));
                                JanusGraphEdge e = edges.get(key);
                                if (e == null) {
                                    e = facts.addFact(hv, tx.getVertex(vertexIds[t]), r, in.relations().name(r),
                                            initialState, entry, now);
                                    edges.put(key, e);
                                    c.added.increment();
                                    continue;
                                }
                                List<String> entries = Provenance.entries(e.<String>property(Schema.PROVENANCE).orElse(null));
                                if (sameFile(entries, fileSourceIds[file], filePaths[file], deltaId, sourcePaths)) {
                                    c.unchanged.increment();
                                } else {
                                    entries.add(entry);
                                    e.property(Schema.PROVENANCE, Provenance.join(entries));
                                    e.property(Schema.SUPPORT, entries.size());
                                    e.property(Schema.LAST_SEEN, now);
                                    c.confirmed.increment();
                                }
                            }
                        }
                        tx.commit();
                    } finally {
                        DeltaLog.rollbackIfOpen(tx);
                    }
                    progress.advance(start[group[1]] - start[group[0]]);
                }
            });
        } finally {
            progress.end();
        }
    }

    /**
     * The facts an existing head already has under the relations its triples {@code order[from..to)} use,
     * by (relation, tail). Adjacency is sorted by label, so only those relations' edges are read.
     */
    private static Map<Long, JanusGraphEdge> existingFacts(JanusGraphVertex hv, ImportInput in, int[] order, int from,
                                                           int to, Map<Long, Integer> denseOfExisting) {
        java.util.Set<String> labels = new java.util.HashSet<>();
        for (int k = from; k < to; k++) {
            labels.add(in.relations().name(in.relation(order[k])));
        }
        Map<Long, JanusGraphEdge> edges = new HashMap<>();
        for (Iterator<Edge> it = hv.edges(Direction.OUT, labels.toArray(String[]::new)); it.hasNext(); ) {
            JanusGraphEdge e = (JanusGraphEdge) it.next();
            int r = in.relations().id(e.label());
            if (r < 0) {
                continue;
            }
            Integer t = denseOfExisting.get(vertexId(e.inVertex()));
            if (t != null) {
                edges.putIfAbsent(((long) r << 32) | (t & 0xffffffffL), e);
            }
        }
        return edges;
    }

    /** Whether one of the entries comes from the file being imported (in this delta or an earlier one). */
    private static boolean sameFile(List<String> entries, String sourceId, String path, String deltaId,
                                    Map<String, String> sourcePaths) {
        for (String entry : entries) {
            String source = Provenance.sourceOf(entry);
            if (source.equals(sourceId)) {
                return true;
            }
            if (!Provenance.deltaOf(source).equals(deltaId) && path.equals(sourcePaths.get(source))) {
                return true;
            }
        }
        return false;
    }
}
