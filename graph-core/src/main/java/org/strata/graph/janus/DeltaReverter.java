package org.strata.graph.janus;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.tinkerpop.gremlin.structure.Direction;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.JanusGraphTransaction;
import org.janusgraph.core.JanusGraphVertex;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.store.DeltaRecord;
import org.strata.graph.store.DeltaState;

/**
 * Reverts what one delta wrote: removes its provenance entries from every fact, removes the facts left
 * without any entry, removes the entities it created that are left without facts, and clears the names
 * it set. What another delta also asserted stays, with that delta's entries only.
 *
 * <p>Idempotent: reverting twice, or again after a crash half-way, gives the same store. This is what
 * makes undo, the rollback of a failed import and the recovery of a killed one the same operation.
 *
 * <p>Cost: one scan over all facts to find the entities whose facts carry the delta's entries, then
 * O(affected facts) writes in batches.
 */
final class DeltaReverter {

    /** What a revert changed. */
    record Counts(long factsRemoved, long factsReverted, long entitiesRemoved, long namesCleared, long rulesRemoved) {
    }

    private final JanusGraph graph;
    private final DeltaLog log;
    private final int batchSize;

    DeltaReverter(JanusGraph graph, DeltaLog log, int batchSize) {
        this.graph = graph;
        this.log = log;
        this.batchSize = batchSize;
    }

    /**
     * Reverts and forgets a delta whose writing failed part-way (or was left PENDING by a killed
     * process); a failure of this clean-up is added to {@code failure} when there is one.
     */
    void abandon(String deltaId, Throwable failure) {
        try {
            revert(deltaId, ProgressListener.NONE);
            log.delete(deltaId);
        } catch (RuntimeException r) {
            if (failure == null) {
                throw r;
            }
            failure.addSuppressed(r);
        }
    }

    /** Reverts {@code deltaId}. */
    Counts revert(String deltaId, ProgressListener progress) {
        // the opening time of every delta, to recompute when a fact was first and last seen; and the deltas
        // still in effect (committed, not this one), whose entities a revert never removes
        Map<String, Date> deltaTimes = new java.util.HashMap<>();
        Set<String> liveDeltas = new HashSet<>();
        for (DeltaRecord d : log.list()) {
            deltaTimes.put(d.id(), Date.from(d.time()));
            if (d.state() == DeltaState.COMMITTED && !d.id().equals(deltaId)) {
                liveDeltas.add(d.id());
            }
        }
        ChangeWriter.revertJournal(graph, deltaId);
        String prefix = deltaId + ".";
        List<Object> affected = findAffected(prefix, progress);
        Set<Object> touched = new HashSet<>();
        long removed = 0;
        long reverted = 0;
        progress.begin("revert " + deltaId, affected.size(), "entities");
        try (TransactionBatch batch = new TransactionBatch(graph, batchSize)) {
            for (Object id : affected) {
                JanusGraphVertex v = batch.tx().getVertex(id);
                int changes = 0;
                if (v != null) {
                    List<Edge> edges = new ArrayList<>();
                    v.edges(Direction.OUT).forEachRemaining(edges::add);
                    for (Edge e : edges) {
                        String value = e.<String>property(Schema.PROVENANCE).orElse(null);
                        if (value == null || !mentions(value, prefix)) {
                            continue;
                        }
                        List<String> keep = new ArrayList<>();
                        for (String entry : Provenance.entries(value)) {
                            if (!entry.startsWith(prefix)) {
                                keep.add(entry);
                            }
                        }
                        if (keep.isEmpty()) {
                            touched.add(v.id());
                            touched.add(e.inVertex().id());
                            e.remove();
                            removed++;
                        } else {
                            rewrite(e, keep, deltaTimes);
                            reverted++;
                        }
                        changes++;
                    }
                }
                progress.advance(1);
                batch.changed(changes);
            }
            batch.commit();
        } finally {
            progress.end();
        }
        long entitiesRemoved = removeOrphans(deltaId, touched, liveDeltas);
        long namesCleared = clearNames(deltaId);
        long rulesRemoved = removeRules(deltaId);
        return new Counts(removed, reverted, entitiesRemoved, namesCleared, rulesRemoved);
    }

    private static boolean mentions(String value, String prefix) {
        return value.startsWith(prefix) || value.contains(" " + prefix);
    }

    /** The entities with at least one outgoing fact that carries an entry of the delta. */
    private List<Object> findAffected(String prefix, ProgressListener progress) {
        List<Object> affected = new ArrayList<>();
        JanusGraphTransaction tx = graph.buildTransaction().readOnly().start();
        progress.begin("scan facts", -1, "entities");
        try {
            for (Iterator<Vertex> it = tx.vertices(); it.hasNext(); ) {
                Vertex v = it.next();
                if (!Schema.ENTITY.equals(v.label())) {
                    continue;
                }
                for (Iterator<Edge> es = v.edges(Direction.OUT); es.hasNext(); ) {
                    Edge e = es.next();
                    String value = e.<String>property(Schema.PROVENANCE).orElse(null);
                    if (value != null && mentions(value, prefix)) {
                        affected.add(v.id());
                        break;
                    }
                }
                progress.advance(1);
            }
        } finally {
            tx.rollback();
            progress.end();
        }
        return affected;
    }

    /** Rewrites a fact's provenance to the kept entries, and the support and sightings derived from it. */
    static void rewrite(Edge e, List<String> entries, Map<String, Date> deltaTimes) {
        e.property(Schema.PROVENANCE, Provenance.join(entries));
        e.property(Schema.SUPPORT, entries.size());
        Date first = null;
        Date last = null;
        for (String entry : entries) {
            Date t = deltaTimes.get(Provenance.deltaOf(entry));
            if (t != null) {
                first = first == null || t.before(first) ? t : first;
                last = last == null || t.after(last) ? t : last;
            }
        }
        if (first != null) {
            e.property(Schema.FIRST_SEEN, first);
            e.property(Schema.LAST_SEEN, last);
        }
    }

    /** Removes the entities the delta created, or left without facts, unless a live delta created them. */
    private long removeOrphans(String deltaId, Set<Object> touched, Set<String> liveDeltas) {
        Set<Object> candidates = new HashSet<>(touched);
        JanusGraphTransaction read = graph.buildTransaction().readOnly().start();
        try {
            for (JanusGraphVertex v : read.query().has(Schema.CREATED_BY, deltaId).vertices()) {
                if (Schema.ENTITY.equals(v.label())) {
                    candidates.add(v.id());
                }
            }
        } finally {
            read.rollback();
        }
        long removed = 0;
        List<Object> ids = new ArrayList<>(candidates);
        try (TransactionBatch batch = new TransactionBatch(graph, batchSize, true)) {
            for (int from = 0; from < ids.size(); from += PREFETCH) {
                // one round trip for a chunk's relations (a remote backend answered one vertex at a time)
                List<JanusGraphVertex> chunk = new ArrayList<>();
                for (Object id : ids.subList(from, Math.min(ids.size(), from + PREFETCH))) {
                    JanusGraphVertex v = batch.tx().getVertex(id);
                    if (v != null && Schema.ENTITY.equals(v.label())) {
                        chunk.add(v);
                    }
                }
                if (chunk.isEmpty()) {
                    continue;
                }
                batch.tx().multiQuery(chunk).preFetch();
                int changes = 0;
                for (JanusGraphVertex v : chunk) {
                    String creator = v.<String>property(Schema.CREATED_BY).orElse(null);
                    if (creator == null || liveDeltas.contains(creator) || hasFacts(v)) {
                        continue;
                    }
                    v.remove();
                    removed++;
                    changes++;
                }
                batch.changed(changes);
            }
            batch.commit();
        }
        return removed;
    }

    /** Vertices whose relations one backend round trip fetches when orphans are removed. */
    private static final int PREFETCH = 256;

    private static boolean hasFacts(Vertex v) {
        for (Iterator<Edge> it = v.edges(Direction.BOTH); it.hasNext(); ) {
            if (Schema.isFactLabel(it.next().label())) {
                return true;
            }
        }
        return false;
    }

    /** Removes the Rule vertices the delta created. */
    private long removeRules(String deltaId) {
        List<Object> ids = new ArrayList<>();
        JanusGraphTransaction read = graph.buildTransaction().readOnly().start();
        try {
            for (JanusGraphVertex v : read.query().has(Schema.CREATED_BY, deltaId).vertices()) {
                if (Schema.RULE.equals(v.label())) {
                    ids.add(v.id());
                }
            }
        } finally {
            read.rollback();
        }
        try (TransactionBatch batch = new TransactionBatch(graph, batchSize)) {
            for (Object id : ids) {
                JanusGraphVertex v = batch.tx().getVertex(id);
                if (v != null) {
                    v.remove();
                    batch.changed(1);
                }
            }
            batch.commit();
        }
        return ids.size();
    }

    private long clearNames(String deltaId) {
        long cleared = 0;
        JanusGraphTransaction tx = graph.newTransaction();
        try {
            for (JanusGraphVertex v : tx.query().has(Schema.NAMED_BY, deltaId).vertices()) {
                v.property(Schema.NAME).remove();
                v.property(Schema.NAMED_BY).remove();
                cleared++;
            }
            tx.commit();
        } finally {
            DeltaLog.rollbackIfOpen(tx);
        }
        return cleared;
    }
}
