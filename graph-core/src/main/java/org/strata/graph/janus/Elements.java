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

    static JanusGraphVertex rule(JanusGraphTransaction tx, String text) {
        for (JanusGraphVertex v : tx.query().has(Schema.RULE_HEAD, ruleHead(text)).vertices()) {
            if (Schema.RULE.equals(v.label()) && text.equals(v.<String>property(Schema.RULE_TEXT).orElse(null))) {
                return v;
            }
        }
        return null;
    }

    /** The element a journal reference names, or null when it is gone. */
    static org.apache.tinkerpop.gremlin.structure.Element byRef(JanusGraphTransaction tx, Map<String, Object> ref) {
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
            return rule(tx, (String) ref.get("rule"));
        }
        return fact(tx, (String) ref.get("h"), (String) ref.get("r"), (String) ref.get("t"));
    }
}
