package org.strata.graph.janus;

import java.util.Date;
import java.util.Set;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.janusgraph.core.Cardinality;
import org.janusgraph.core.EdgeLabel;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.Multiplicity;
import org.janusgraph.core.PropertyKey;
import org.janusgraph.core.RelationType;
import org.janusgraph.core.VertexLabel;
import org.janusgraph.core.schema.ConsistencyModifier;
import org.janusgraph.core.schema.JanusGraphIndex;
import org.janusgraph.core.schema.JanusGraphManagement;
import org.janusgraph.core.schema.Mapping;
import org.janusgraph.graphdb.internal.JanusGraphSchemaCategory;
import org.janusgraph.graphdb.types.system.SystemTypeManager;

/**
 * The store's schema (see DESIGN.md, data model): vertex labels, property keys and indexes, and the
 * edge labels of relations, created on first use.
 *
 * <p>Facts are edges labelled by their relation between {@code Entity} vertices. Property keys and edge
 * labels share one namespace in JanusGraph, so a relation cannot be named like a property key; the names
 * below are reserved.
 */
final class Schema {

    static final String ENTITY = "Entity";
    static final String SOURCE = "Source";
    static final String DELTA = "Delta";

    // Entity
    static final String UID = "uid";
    static final String NAME = "name";
    static final String TYPE = "type";
    static final String CREATED_BY = "createdByDelta";
    static final String NAMED_BY = "namedByDelta";

    // fact edges
    static final String SUPPORT = "support";
    static final String CONFIDENCE = "confidence";
    static final String STATE = "state";
    static final String PROVENANCE = "source";
    static final String FIRST_SEEN = "firstSeen";
    static final String LAST_SEEN = "lastSeen";

    // Source
    static final String SOURCE_ID = "sourceId";
    static final String SOURCE_KIND = "sourceKind";
    static final String SOURCE_PATH = "sourcePath";
    static final String SOURCE_SHA256 = "sourceSha256";
    static final String SOURCE_LINES = "sourceLines";

    // Delta
    static final String DELTA_ID = "deltaId";
    static final String DELTA_SEQ = "deltaSeq";
    static final String DELTA_STATE = "deltaState";
    static final String DELTA_KIND = "deltaKind";
    static final String DELTA_COMMAND = "deltaCommand";
    static final String DELTA_COUNTS = "deltaCounts";
    static final String DELTA_TARGET = "deltaTarget";
    static final String DELTA_TIME = "deltaTime";

    /** The mixed (Lucene/Elasticsearch) index backend name in the JanusGraph configuration. */
    static final String SEARCH_BACKEND = "search";

    /** Names a relation cannot have, because the store uses them. */
    static final Set<String> RESERVED = Set.of(ENTITY, SOURCE, DELTA, UID, NAME, TYPE, CREATED_BY, NAMED_BY, SUPPORT,
            CONFIDENCE, STATE, PROVENANCE, FIRST_SEEN, LAST_SEEN, SOURCE_ID, SOURCE_KIND, SOURCE_PATH,
            SOURCE_SHA256, SOURCE_LINES, DELTA_ID, DELTA_SEQ, DELTA_STATE, DELTA_KIND, DELTA_COMMAND, DELTA_COUNTS,
            DELTA_TARGET, DELTA_TIME);

    private Schema() {
    }

    /** Creates what a new store lacks. Safe to call on every open. */
    static void ensure(JanusGraph graph, boolean withSearchIndex) {
        JanusGraphManagement m = graph.openManagement();
        try {
            if (m.containsPropertyKey(UID)) {
                m.rollback();
                return;
            }
            VertexLabel entity = m.makeVertexLabel(ENTITY).make();
            m.makeVertexLabel(SOURCE).make();
            m.makeVertexLabel(DELTA).make();
            PropertyKey uid = key(m, UID, String.class);
            PropertyKey name = key(m, NAME, String.class);
            key(m, TYPE, String.class);
            PropertyKey createdBy = key(m, CREATED_BY, String.class);
            PropertyKey namedBy = key(m, NAMED_BY, String.class);
            key(m, SUPPORT, Integer.class);
            key(m, CONFIDENCE, Double.class);
            key(m, STATE, String.class);
            key(m, PROVENANCE, String.class);
            key(m, FIRST_SEEN, Date.class);
            key(m, LAST_SEEN, Date.class);
            PropertyKey sourceId = key(m, SOURCE_ID, String.class);
            key(m, SOURCE_KIND, String.class);
            key(m, SOURCE_PATH, String.class);
            key(m, SOURCE_SHA256, String.class);
            key(m, SOURCE_LINES, Long.class);
            PropertyKey deltaId = key(m, DELTA_ID, String.class);
            key(m, DELTA_SEQ, Long.class);
            PropertyKey deltaState = key(m, DELTA_STATE, String.class);
            key(m, DELTA_KIND, String.class);
            key(m, DELTA_COMMAND, String.class);
            key(m, DELTA_COUNTS, String.class);
            key(m, DELTA_TARGET, String.class);
            key(m, DELTA_TIME, Date.class);

            JanusGraphIndex byUid = m.buildIndex("entityByUid", Vertex.class).addKey(uid).unique()
                    .buildCompositeIndex();
            m.setConsistency(byUid, ConsistencyModifier.LOCK);
            m.buildIndex("byCreatedByDelta", Vertex.class).addKey(createdBy).buildCompositeIndex();
            m.buildIndex("byNamedByDelta", Vertex.class).addKey(namedBy).buildCompositeIndex();
            JanusGraphIndex bySourceId = m.buildIndex("sourceById", Vertex.class).addKey(sourceId).unique()
                    .buildCompositeIndex();
            m.setConsistency(bySourceId, ConsistencyModifier.LOCK);
            JanusGraphIndex byDeltaId = m.buildIndex("deltaById", Vertex.class).addKey(deltaId).unique()
                    .buildCompositeIndex();
            m.setConsistency(byDeltaId, ConsistencyModifier.LOCK);
            m.buildIndex("deltaByState", Vertex.class).addKey(deltaState).buildCompositeIndex();
            if (withSearchIndex) {
                m.buildIndex("entityByName", Vertex.class).addKey(name, Mapping.TEXTSTRING.asParameter())
                        .indexOnly(entity).buildMixedIndex(SEARCH_BACKEND);
            }
            m.commit();
        } catch (RuntimeException e) {
            if (m.isOpen()) {
                m.rollback();
            }
            throw e;
        }
    }

    private static PropertyKey key(JanusGraphManagement m, String name, Class<?> type) {
        return m.makePropertyKey(name).dataType(type).cardinality(Cardinality.SINGLE).make();
    }

    /**
     * Why {@code relation} cannot be a relation name in this store, or {@code null} if it can.
     * Checks the reserved names, JanusGraph's own rules, and clashes with property keys or vertex labels
     * that exist in the store.
     */
    static String relationNameProblem(JanusGraphManagement m, String relation) {
        if (RESERVED.contains(relation)) {
            return "relation '" + relation + "' is a name the store reserves (" + String.join(", ",
                    new java.util.TreeSet<>(RESERVED)) + ")";
        }
        try {
            SystemTypeManager.throwIfSystemName(JanusGraphSchemaCategory.EDGELABEL, relation);
        } catch (IllegalArgumentException e) {
            return "relation '" + relation + "' is not a valid JanusGraph edge label: " + e.getMessage();
        }
        RelationType existing = m.getRelationType(relation);
        if (existing != null && !existing.isEdgeLabel()) {
            return "relation '" + relation + "' clashes with the property key of the same name in this store";
        }
        if (existing == null && m.containsVertexLabel(relation)) {
            return "relation '" + relation + "' clashes with the vertex label of the same name in this store";
        }
        return null;
    }

    /** Creates the edge labels that do not exist yet, in one schema transaction. */
    static void ensureEdgeLabels(JanusGraph graph, Iterable<String> relations) {
        JanusGraphManagement m = graph.openManagement();
        boolean changed = false;
        try {
            for (String r : relations) {
                if (!m.containsEdgeLabel(r)) {
                    EdgeLabel label = m.makeEdgeLabel(r).multiplicity(Multiplicity.MULTI).make();
                    changed |= label != null;
                }
            }
            if (changed) {
                m.commit();
            } else {
                m.rollback();
            }
        } catch (RuntimeException e) {
            if (m.isOpen()) {
                m.rollback();
            }
            throw e;
        }
    }

    /** Whether an edge label is a relation of facts (not one of the store's own labels). */
    static boolean isFactLabel(String label) {
        return !RESERVED.contains(label);
    }
}
