package org.strata.graph.janus;

import java.util.Iterator;
import java.util.Map;
import org.apache.tinkerpop.gremlin.structure.Direction;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.janusgraph.core.JanusGraphTransaction;
import org.janusgraph.core.JanusGraphVertex;

/** Finds store elements by their keys (uid, community id, fact ends, rule text) through the indexes. */
final class Elements {

    private Elements() {
    }

    static JanusGraphVertex entity(JanusGraphTransaction tx, String uid) {
        Iterator<JanusGraphVertex> it = tx.query().has(Schema.UID, uid).vertices().iterator();
        while (it.hasNext()) {
            JanusGraphVertex v = it.next();
            if (Schema.ENTITY.equals(v.label())) {
                return v;
            }
        }
        return null;
    }

    static JanusGraphVertex community(JanusGraphTransaction tx, String id) {
        Iterator<JanusGraphVertex> it = tx.query().has(Schema.COMMUNITY_ID, id).vertices().iterator();
        return it.hasNext() ? it.next() : null;
    }

    static Edge fact(JanusGraphTransaction tx, String head, String relation, String tail) {
        JanusGraphVertex h = entity(tx, head);
        if (h == null) {
            return null;
        }
        for (Iterator<Edge> it = h.edges(Direction.OUT, relation); it.hasNext(); ) {
            Edge e = it.next();
            if (tail.equals(e.inVertex().value(Schema.UID))) {
                return e;
            }
        }
        return null;
    }

    /** The head relation of a rule in AnyBURL syntax: the text before the first parenthesis. */
    static String ruleHead(String text) {
        int p = text.indexOf('(');
        return p < 0 ? text : text.substring(0, p).trim();
    }

    /**
     * Rule vertices found by their text, each head relation's rules read once: the index is on the head, so
     * finding every rule of a change set one by one read all rules of its head for each (on UMLS an evolve
     * cycle's rule refresh spent about 4 ms a rule on it). Ids, not vertices, are kept, so the lookups stay
     * valid across the transactions of one write. Rules added after a head was read are not seen.
     */
    static final class Rules {
        private final Map<String, Map<String, Object>> idsByHead = new java.util.HashMap<>();

        /** The rule vertex with {@code text} in {@code tx}, or null. */
        JanusGraphVertex find(JanusGraphTransaction tx, String text) {
            Object id = idsByHead.computeIfAbsent(ruleHead(text), head -> read(tx, head)).get(text);
            return id == null ? null : tx.getVertex(id);
        }

        private static Map<String, Object> read(JanusGraphTransaction tx, String head) {
            Map<String, Object> ids = new java.util.HashMap<>();
            for (JanusGraphVertex v : tx.query().has(Schema.RULE_HEAD, head).vertices()) {
                if (Schema.RULE.equals(v.label())) {
                    v.<String>property(Schema.RULE_TEXT).ifPresent(t -> ids.putIfAbsent(t, v.id()));
                }
            }
            return ids;
        }
    }

    /** The element a journal reference names, or null when it is gone. */
    static org.apache.tinkerpop.gremlin.structure.Element byRef(JanusGraphTransaction tx, Map<String, Object> ref,
                                                                Rules rules) {
        if (ref.containsKey("c")) {
            return community(tx, (String) ref.get("c"));
        }
        if (ref.containsKey("e")) {
            return entity(tx, (String) ref.get("e"));
        }
        if (ref.containsKey("vid")) {
            Object id = ref.get("vid");
            return tx.getVertex(id instanceof Number n ? n.longValue() : id);
        }
        if (ref.containsKey("rule")) {
            return rules.find(tx, (String) ref.get("rule"));
        }
        return fact(tx, (String) ref.get("h"), (String) ref.get("r"), (String) ref.get("t"));
    }
}
