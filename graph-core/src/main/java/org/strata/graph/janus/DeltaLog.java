package org.strata.graph.janus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.JanusGraphTransaction;
import org.janusgraph.core.JanusGraphVertex;
import org.strata.graph.store.DeltaKind;
import org.strata.graph.store.DeltaRecord;
import org.strata.graph.store.DeltaState;

/**
 * The delta log: one {@code Delta} vertex per committed job step, with the {@code Source} vertices of
 * the files it read. A delta is opened PENDING before its first write and committed after its last, so
 * a PENDING delta found at open marks work a killed process left unfinished.
 *
 * <p>Delta ids are {@code d} + a sequence number, in the order deltas are opened. Not thread-safe by
 * itself: the store serialises writers.
 */
final class DeltaLog {


    private static final ObjectMapper JSON = new ObjectMapper();

    /** A source file to record with a delta. */
    record SourceSpec(String kind, String path, String sha256, long lines) {
    }

    private final JanusGraph graph;

    DeltaLog(JanusGraph graph) {
        this.graph = graph;
    }

    /** Opens a PENDING delta and its sources in one transaction; returns its id. */
    String open(DeltaKind kind, String command, Instant time, List<SourceSpec> sources, String target) {
        long seq = 1 + list().stream().mapToLong(DeltaRecord::sequence).max().orElse(0);
        String id = "d" + seq;
        JanusGraphTransaction tx = graph.newTransaction();
        try {
            JanusGraphVertex d = tx.addVertex(Schema.DELTA);
            d.property(Schema.DELTA_ID, id);
            d.property(Schema.DELTA_SEQ, seq);
            d.property(Schema.DELTA_STATE, DeltaState.PENDING.name());
            d.property(Schema.DELTA_KIND, kind.label());
            d.property(Schema.DELTA_COMMAND, command);
            d.property(Schema.DELTA_TIME, Date.from(time));
            d.property(Schema.DELTA_COUNTS, "{}");
            if (target != null) {
                d.property(Schema.DELTA_TARGET, target);
            }
            for (int i = 0; i < sources.size(); i++) {
                SourceSpec s = sources.get(i);
                JanusGraphVertex v = tx.addVertex(Schema.SOURCE);
                v.property(Schema.SOURCE_ID, Provenance.sourceId(id, i + 1));
                v.property(Schema.SOURCE_KIND, s.kind());
                v.property(Schema.SOURCE_PATH, s.path());
                v.property(Schema.SOURCE_SHA256, s.sha256());
                v.property(Schema.SOURCE_LINES, s.lines());
                v.property(Schema.CREATED_BY, id);
            }
            tx.commit();
            return id;
        } finally {
            rollbackIfOpen(tx);
        }
    }

    /** Marks a pending delta COMMITTED with its counts, and (for an undo) its target UNDONE, atomically. */
    void commit(String id, Map<String, Long> counts, String undoneTarget) {
        JanusGraphTransaction tx = graph.newTransaction();
        try {
            JanusGraphVertex d = require(tx, id);
            d.property(Schema.DELTA_STATE, DeltaState.COMMITTED.name());
            d.property(Schema.DELTA_COUNTS, toJson(counts));
            if (undoneTarget != null) {
                require(tx, undoneTarget).property(Schema.DELTA_STATE, DeltaState.UNDONE.name());
            }
            tx.commit();
        } finally {
            rollbackIfOpen(tx);
        }
    }

    /** Deletes a delta and its sources: the last step of rolling back an unfinished import. */
    void delete(String id) {
        JanusGraphTransaction tx = graph.newTransaction();
        try {
            for (Iterator<JanusGraphVertex> it = tx.query().has(Schema.CREATED_BY, id).vertices().iterator(); it.hasNext(); ) {
                JanusGraphVertex v = it.next();
                if (Schema.SOURCE.equals(v.label())) {
                    v.remove();
                }
            }
            JanusGraphVertex d = find(tx, id);
            if (d != null) {
                d.remove();
            }
            tx.commit();
        } finally {
            rollbackIfOpen(tx);
        }
    }

    /** Every delta, oldest first. */
    List<DeltaRecord> list() {
        List<DeltaRecord> out = new ArrayList<>();
        JanusGraphTransaction tx = graph.buildTransaction().readOnly().start();
        try {
            for (DeltaState state : DeltaState.values()) {
                for (JanusGraphVertex v : tx.query().has(Schema.DELTA_STATE, state.name()).vertices()) {
                    out.add(record(v));
                }
            }
        } finally {
            tx.rollback();
        }
        out.sort(Comparator.comparingLong(DeltaRecord::sequence));
        return out;
    }

    /** One delta, or {@code null}. */
    DeltaRecord get(String id) {
        JanusGraphTransaction tx = graph.buildTransaction().readOnly().start();
        try {
            JanusGraphVertex v = find(tx, id);
            return v == null ? null : record(v);
        } finally {
            tx.rollback();
        }
    }

    /** The path of every recorded source, by source id. */
    Map<String, String> sourcePaths() {
        Map<String, String> paths = new HashMap<>();
        JanusGraphTransaction tx = graph.buildTransaction().readOnly().start();
        try {
            for (DeltaRecord d : list()) {
                for (JanusGraphVertex v : tx.query().has(Schema.CREATED_BY, d.id()).vertices()) {
                    if (Schema.SOURCE.equals(v.label())) {
                        paths.put(v.value(Schema.SOURCE_ID), v.value(Schema.SOURCE_PATH));
                    }
                }
            }
        } finally {
            tx.rollback();
        }
        return paths;
    }

    private static DeltaRecord record(Vertex v) {
        Map<String, Long> counts;
        try {
            counts = JSON.readValue((String) v.value(Schema.DELTA_COUNTS), new TypeReference<LinkedHashMap<String, Long>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("delta " + v.value(Schema.DELTA_ID) + " has unreadable counts", e);
        }
        Date time = v.value(Schema.DELTA_TIME);
        return new DeltaRecord(v.value(Schema.DELTA_ID), v.<Long>value(Schema.DELTA_SEQ), DeltaKind.of(v.value(Schema.DELTA_KIND)),
                DeltaState.valueOf(v.value(Schema.DELTA_STATE)), time.toInstant(), v.value(Schema.DELTA_COMMAND),
                counts, v.<String>property(Schema.DELTA_TARGET).orElse(null));
    }

    private static JanusGraphVertex find(JanusGraphTransaction tx, String id) {
        Iterator<JanusGraphVertex> it = tx.query().has(Schema.DELTA_ID, id).vertices().iterator();
        return it.hasNext() ? it.next() : null;
    }

    private static JanusGraphVertex require(JanusGraphTransaction tx, String id) {
        JanusGraphVertex v = find(tx, id);
        if (v == null) {
            throw new IllegalStateException("delta " + id + " disappeared while being written");
        }
        return v;
    }

    static String toJson(Map<String, Long> counts) {
        try {
            return JSON.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode counts " + counts, e);
        }
    }

    static void rollbackIfOpen(JanusGraphTransaction tx) {
        if (tx.isOpen()) {
            tx.rollback();
        }
    }
}
