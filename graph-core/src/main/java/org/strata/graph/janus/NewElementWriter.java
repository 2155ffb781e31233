package org.strata.graph.janus;

import java.util.Date;
import org.janusgraph.core.EdgeLabel;
import org.janusgraph.core.JanusGraphEdge;
import org.janusgraph.core.JanusGraphTransaction;
import org.janusgraph.core.JanusGraphVertex;
import org.janusgraph.core.PropertyKey;
import org.janusgraph.core.VertexLabel;
import org.janusgraph.graphdb.internal.InternalRelation;
import org.janusgraph.graphdb.transaction.StandardJanusGraphTx;

/**
 * Adds new entities and new fact edges to one transaction with the schema types resolved once: JanusGraph
 * otherwise looks the label and each property key up by name for every element (joining the type's
 * qualified name each time), which took about a quarter of an import's samples on FB15k-237. Values are
 * still checked by the transaction ({@code verifyAttribute}, {@code addProperty}), as
 * {@code element.property(key, value)} does. Only for elements created in this transaction; one writer per
 * transaction.
 */
final class NewElementWriter {

    private final StandardJanusGraphTx tx;
    private final EdgeLabel[] labels;
    private final VertexLabel entity;
    private final PropertyKey uid;
    private final PropertyKey createdBy;
    private final PropertyKey name;
    private final PropertyKey namedBy;
    private final PropertyKey support;
    private final PropertyKey confidence;
    private final PropertyKey state;
    private final PropertyKey provenance;
    private final PropertyKey firstSeen;
    private final PropertyKey lastSeen;

    NewElementWriter(JanusGraphTransaction tx, int relations) {
        this.tx = (StandardJanusGraphTx) tx;
        this.labels = new EdgeLabel[relations];
        this.entity = tx.getVertexLabel(Schema.ENTITY);
        this.uid = key(Schema.UID);
        this.createdBy = key(Schema.CREATED_BY);
        this.name = key(Schema.NAME);
        this.namedBy = key(Schema.NAMED_BY);
        this.support = key(Schema.SUPPORT);
        this.confidence = key(Schema.CONFIDENCE);
        this.state = key(Schema.STATE);
        this.provenance = key(Schema.PROVENANCE);
        this.firstSeen = key(Schema.FIRST_SEEN);
        this.lastSeen = key(Schema.LAST_SEEN);
    }

    private PropertyKey key(String name) {
        PropertyKey k = tx.getPropertyKey(name);
        if (k == null) {
            throw new IllegalStateException("the store's schema lacks the property key '" + name + "'");
        }
        return k;
    }

    /** A new entity created by {@code deltaId}, named when {@code readable} is not null. */
    JanusGraphVertex addEntity(String entityUid, String readable, String deltaId) {
        JanusGraphVertex v = tx.addVertex(entity);
        tx.addProperty(v, uid, entityUid);
        tx.addProperty(v, createdBy, deltaId);
        if (readable != null) {
            tx.addProperty(v, name, readable);
            tx.addProperty(v, namedBy, deltaId);
        }
        return v;
    }

    /** A new fact edge {@code head -relation-> tail}, seen once now, with its first provenance entry. */
    JanusGraphEdge addFact(JanusGraphVertex head, JanusGraphVertex tail, int relation, String relationName,
                       String initialState, String entry, Date now) {
        EdgeLabel label = labels[relation];
        if (label == null) {
            label = tx.getEdgeLabel(relationName);
            if (label == null) {
                throw new IllegalStateException("the store's schema lacks the edge label '" + relationName + "'");
            }
            labels[relation] = label;
        }
        JanusGraphEdge e = tx.addEdge(head, tail, label);
        InternalRelation r = (InternalRelation) e;
        set(r, support, 1);
        set(r, confidence, 1.0);
        set(r, state, initialState);
        set(r, provenance, entry);
        set(r, firstSeen, now);
        set(r, lastSeen, now);
        return e;
    }

    private void set(InternalRelation r, PropertyKey key, Object value) {
        r.setPropertyDirect(key, tx.verifyAttribute(key, value));
    }
}
