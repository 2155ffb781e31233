package org.strata.graph.janus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tinkerpop.gremlin.structure.Element;
import org.apache.tinkerpop.gremlin.structure.VertexProperty;
import org.janusgraph.core.JanusGraphTransaction;
import org.janusgraph.core.JanusGraphVertex;

/**
 * The undo journal of a change-set delta: what each change replaced, written as {@code Journal} vertices
 * (a JSON array of entries each) in the same transaction as the changes they describe, so a crash
 * leaves journal and store consistent. Reverting reads the entries back newest first.
 *
 * <p>Entries: {@code props} (an element's prior values of the keys a change set; null for absent),
 * {@code edgeRemoved} (a membership edge and its properties), {@code edgeAdded} (a membership edge).
 * Elements are named by key, never by JanusGraph id: {@code {"c": communityId}}, {@code {"e": uid}},
 * {@code {"h", "r", "t"}} for a fact, {@code {"rule": text, "head": relation}}.
 */
final class Journal {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String deltaId;
    private final List<Map<String, Object>> pending = new ArrayList<>();
    private int seq;

    Journal(String deltaId) {
        this.deltaId = deltaId;
    }

    static Map<String, Object> community(String id) {
        return Map.of("c", id);
    }

    static Map<String, Object> entity(String uid) {
        return Map.of("e", uid);
    }

    static Map<String, Object> fact(String h, String r, String t) {
        return Map.of("h", h, "r", r, "t", t);
    }

    static Map<String, Object> rule(String text, String head) {
        return Map.of("rule", text, "head", head);
    }

    /** Records the prior values of {@code keys} on {@code element}. */
    void properties(Map<String, Object> ref, Element element, Iterable<String> keys) {
        Map<String, Object> before = new LinkedHashMap<>();
        for (String k : keys) {
            before.put(k, encode(element.property(k).isPresent() ? element.value(k) : null));
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("op", "props");
        e.put("ref", ref);
        e.put("before", before);
        pending.add(e);
    }

    /** Records prior values known already ({@code null} for absent), as {@link #properties} would read them. */
    void before(Map<String, Object> ref, Map<String, Object> values) {
        Map<String, Object> before = new LinkedHashMap<>();
        values.forEach((k, v) -> before.put(k, encode(v)));
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("op", "props");
        e.put("ref", ref);
        e.put("before", before);
        pending.add(e);
    }

    /** Records an entity that was removed, with every property it had, to create it again on revert. */
    void entityRemoved(String uid, Map<String, Object> props) {
        Map<String, Object> encoded = new LinkedHashMap<>();
        props.forEach((k, v) -> encoded.put(k, encode(v)));
        pending.add(Map.of("op", "entityRemoved", "uid", uid, "props", encoded));
    }

    void edgeRemoved(String label, Map<String, Object> out, Map<String, Object> in, Map<String, Object> props) {
        Map<String, Object> encoded = new LinkedHashMap<>();
        props.forEach((k, v) -> encoded.put(k, encode(v)));
        pending.add(Map.of("op", "edgeRemoved", "label", label, "out", out, "in", in, "props", encoded));
    }

    void edgeAdded(String label, Map<String, Object> out, Map<String, Object> in) {
        pending.add(Map.of("op", "edgeAdded", "label", label, "out", out, "in", in));
    }

    /** Writes what was recorded since the last flush into {@code tx}, as one Journal vertex; null when nothing was. */
    JanusGraphVertex flush(JanusGraphTransaction tx) {
        if (pending.isEmpty()) {
            return null;
        }
        JanusGraphVertex v = tx.addVertex(Schema.JOURNAL);
        v.property(Schema.CREATED_BY, deltaId);
        v.property(Schema.JOURNAL_SEQ, seq++);
        try {
            v.property(Schema.JOURNAL_TEXT, JSON.writeValueAsString(pending));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the undo journal", e);
        }
        pending.clear();
        return v;
    }

    /** The entries of a delta's journal vertices, newest first. */
    static List<Map<String, Object>> read(JanusGraphTransaction tx, String deltaId) {
        List<JanusGraphVertex> chunks = new ArrayList<>();
        for (JanusGraphVertex v : tx.query().has(Schema.CREATED_BY, deltaId).vertices()) {
            if (Schema.JOURNAL.equals(v.label())) {
                chunks.add(v);
            }
        }
        chunks.sort((a, b) -> Integer.compare(b.<Integer>value(Schema.JOURNAL_SEQ), a.<Integer>value(Schema.JOURNAL_SEQ)));
        List<Map<String, Object>> out = new ArrayList<>();
        for (JanusGraphVertex v : chunks) {
            try {
                List<Map<String, Object>> entries = JSON.readValue(v.<String>value(Schema.JOURNAL_TEXT),
                        new TypeReference<List<Map<String, Object>>>() { });
                for (int i = entries.size() - 1; i >= 0; i--) {
                    out.add(entries.get(i));
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the undo journal of " + deltaId + " is damaged", e);
            }
        }
        return out;
    }

    /** A property value with its type, so it comes back as the same Java type. */
    static Map<String, Object> encode(Object v) {
        if (v == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        switch (v) {
            case String s -> m.put("s", s);
            case Integer i -> m.put("i", i);
            case Long l -> m.put("l", l);
            case Double d -> m.put("d", d);
            case Date t -> m.put("t", t.getTime());
            default -> throw new IllegalArgumentException("cannot journal a " + v.getClass().getSimpleName());
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    static Object decode(Object encoded) {
        if (encoded == null) {
            return null;
        }
        Map<String, Object> m = (Map<String, Object>) encoded;
        Map.Entry<String, Object> e = m.entrySet().iterator().next();
        Object v = e.getValue();
        return switch (e.getKey()) {
            case "s" -> v;
            case "i" -> ((Number) v).intValue();
            case "l" -> ((Number) v).longValue();
            case "d" -> ((Number) v).doubleValue();
            case "t" -> new Date(((Number) v).longValue());
            default -> throw new IllegalStateException("unknown journal value type " + e.getKey());
        };
    }

    /** Sets or removes a property to what {@code encoded} holds. */
    static void restore(Element element, String key, Object encoded) {
        Object v = decode(encoded);
        if (v == null) {
            element.property(key).remove();
        } else if (element instanceof JanusGraphVertex vertex) {
            vertex.property(VertexProperty.Cardinality.single, key, v);
        } else {
            element.property(key, v);
        }
    }
}
