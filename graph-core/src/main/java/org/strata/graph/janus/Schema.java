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
import org.janusgraph.core.schema.Parameter;
import org.janusgraph.graphdb.internal.JanusGraphSchemaCategory;
import org.janusgraph.graphdb.types.ParameterType;
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
    static final String RULE = "Rule";
    static final String COMMUNITY = "Community";
    static final String JOURNAL = "Journal";
    /** Edge labels of the granularity hierarchy: entity to its level-0 community, community to its parent. */
    static final String MEMBER_OF = "MEMBER_OF";
    static final String CHILD_OF = "CHILD_OF";
    /** A derived edge that materialises a rule's body path between two entities (not a fact). */
    static final String SHORTCUT = "SHORTCUT";
    /** Another name of an entity: an Alias vertex and its ALIAS_OF edge to the entity. */
    static final String ALIAS = "Alias";
    static final String ALIAS_OF = "ALIAS_OF";

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

    // Rule (also: support = correct predictions, confidence, state, createdByDelta)
    static final String RULE_TEXT = "ruleText";
    static final String RULE_HEAD = "ruleHead";
    static final String RULE_KIND = "ruleKind";
    static final String RULE_PREDICTIONS = "rulePredictions";
    static final String RULE_WEIGHT = "ruleWeight";

    // governance: communities, lifecycle, the undo journal of a change set
    static final String COMMUNITY_ID = "communityId";
    static final String LEVEL = "communityLevel";
    static final String SIZE = "communitySize";
    static final String FIRST_CYCLE = "firstCycle";
    static final String LAST_CYCLE = "lastCycle";
    static final String CONFIRMATIONS = "confirmations";
    static final String COUNTER_EVIDENCE = "counterEvidence";
    static final String DERIVED = "derivedBy";
    /** A judge's last word on a proposed fact: its call, plausibility and evidence (see FactJudge). */
    static final String JUDGEMENT = "judgement";
    static final String PARTITION_KEY = "partitionKey";
    static final String JOURNAL_SEQ = "journalSeq";
    static final String JOURNAL_TEXT = "journalText";

    /** The composite index on exact entity names, built when no search backend is configured. */
    static final String EXACT_NAME_INDEX = "entityByExactName";

    /** The mixed (Lucene/Elasticsearch) index backend name in the JanusGraph configuration. */
    static final String SEARCH_BACKEND = "search";
    /** The full-text index of entity names (with a search backend). */
    static final String NAME_INDEX = "entityByName";

    /** Names a relation cannot have, because the store uses them. */
    static final Set<String> RESERVED = Set.of(ENTITY, SOURCE, DELTA, RULE, RULE_TEXT, RULE_HEAD, RULE_KIND,
            RULE_PREDICTIONS, RULE_WEIGHT, UID, NAME, TYPE, CREATED_BY, NAMED_BY, SUPPORT,
            CONFIDENCE, STATE, PROVENANCE, FIRST_SEEN, LAST_SEEN, SOURCE_ID, SOURCE_KIND, SOURCE_PATH,
            SOURCE_SHA256, SOURCE_LINES, DELTA_ID, DELTA_SEQ, DELTA_STATE, DELTA_KIND, DELTA_COMMAND, DELTA_COUNTS,
            DELTA_TARGET, DELTA_TIME, COMMUNITY, JOURNAL, MEMBER_OF, CHILD_OF, SHORTCUT, ALIAS, ALIAS_OF, COMMUNITY_ID, LEVEL, SIZE,
                    FIRST_CYCLE,
            LAST_CYCLE, CONFIRMATIONS, COUNTER_EVIDENCE, DERIVED, JUDGEMENT, PARTITION_KEY, JOURNAL_SEQ, JOURNAL_TEXT,
            NameKeys.WORD, NameKeys.PREFIX);

    private Schema() {
    }

    /**
     * Whether the name index splits names into words as JanusGraph's {@code textContains} does, so that a
     * query through it finds what a scan would: a Lucene index made with {@link NameAnalyzer} (stores created
     * since), or Solr with Strata's schema. Lucene's and Elasticsearch's standard analyzers keep
     * {@code Barack_Obama} one word.
     */
    static boolean nameIndexSplitsLikeTextContains(JanusGraph graph, boolean solr) {
        JanusGraphManagement m = graph.openManagement();
        try {
            JanusGraphIndex index = m.getGraphIndex(NAME_INDEX);
            if (index == null) {
                return false;
            }
            if (solr) {
                return true;
            }
            for (Parameter<?> p : index.getParametersFor(m.getPropertyKey(NAME))) {
                if (ParameterType.TEXT_ANALYZER.getName().equals(p.key())
                        && NameAnalyzer.class.getName().equals(String.valueOf(p.value()))) {
                    return true;
                }
            }
            return false;
        } finally {
            m.rollback();
        }
    }

    /**
     * Creates what the store lacks, element by element, so that a store made by an earlier version gains
     * the labels and keys added since. An index is created only together with its keys (an index over
     * keys that already hold data would need a reindex). Safe to call on every open.
     *
     * @param withSearchIndex whether the store has a search backend (the name index is a mixed index)
     * @param lucene          whether that backend is Lucene (it then splits names with {@link NameAnalyzer})
     * @return the names of the property keys it created
     */
    static Set<String> ensure(JanusGraph graph, boolean withSearchIndex, boolean lucene) {
        JanusGraphManagement m = graph.openManagement();
        try {
            Set<String> created = new java.util.HashSet<>();
            VertexLabel entity = label(m, ENTITY);
            label(m, SOURCE);
            label(m, DELTA);
            label(m, RULE);
            label(m, COMMUNITY);
            label(m, JOURNAL);
            label(m, ALIAS);
            for (String edge : new String[] {MEMBER_OF, CHILD_OF, SHORTCUT, ALIAS_OF}) {
                if (!m.containsEdgeLabel(edge)) {
                    m.makeEdgeLabel(edge).multiplicity(Multiplicity.MULTI).make();
                }
            }
            PropertyKey uid = key(m, UID, String.class, created);
            PropertyKey name = key(m, NAME, String.class, created);
            key(m, TYPE, String.class, created);
            PropertyKey createdBy = key(m, CREATED_BY, String.class, created);
            PropertyKey namedBy = key(m, NAMED_BY, String.class, created);
            key(m, SUPPORT, Integer.class, created);
            key(m, CONFIDENCE, Double.class, created);
            key(m, STATE, String.class, created);
            key(m, PROVENANCE, String.class, created);
            key(m, FIRST_SEEN, Date.class, created);
            key(m, LAST_SEEN, Date.class, created);
            PropertyKey sourceId = key(m, SOURCE_ID, String.class, created);
            key(m, SOURCE_KIND, String.class, created);
            key(m, SOURCE_PATH, String.class, created);
            key(m, SOURCE_SHA256, String.class, created);
            key(m, SOURCE_LINES, Long.class, created);
            PropertyKey deltaId = key(m, DELTA_ID, String.class, created);
            key(m, DELTA_SEQ, Long.class, created);
            PropertyKey deltaState = key(m, DELTA_STATE, String.class, created);
            key(m, DELTA_KIND, String.class, created);
            key(m, DELTA_COMMAND, String.class, created);
            key(m, DELTA_COUNTS, String.class, created);
            key(m, DELTA_TARGET, String.class, created);
            key(m, DELTA_TIME, Date.class, created);
            key(m, RULE_TEXT, String.class, created);
            PropertyKey ruleHead = key(m, RULE_HEAD, String.class, created);
            key(m, RULE_KIND, String.class, created);
            key(m, RULE_PREDICTIONS, Long.class, created);
            key(m, RULE_WEIGHT, Double.class, created);
            PropertyKey communityId = key(m, COMMUNITY_ID, String.class, created);
            key(m, LEVEL, Integer.class, created);
            key(m, SIZE, Integer.class, created);
            key(m, FIRST_CYCLE, Integer.class, created);
            key(m, LAST_CYCLE, Integer.class, created);
            key(m, CONFIRMATIONS, Integer.class, created);
            key(m, COUNTER_EVIDENCE, String.class, created);
            key(m, DERIVED, String.class, created);
            key(m, JUDGEMENT, String.class, created);
            key(m, PARTITION_KEY, String.class, created);
            key(m, JOURNAL_SEQ, Integer.class, created);
            key(m, JOURNAL_TEXT, String.class, created);

            compositeIndex(m, "entityByUid", uid, true, created);
            compositeIndex(m, "byCreatedByDelta", createdBy, false, created);
            compositeIndex(m, "byNamedByDelta", namedBy, false, created);
            compositeIndex(m, "sourceById", sourceId, true, created);
            compositeIndex(m, "deltaById", deltaId, true, created);
            compositeIndex(m, "deltaByState", deltaState, false, created);
            compositeIndex(m, "ruleByHead", ruleHead, false, created);
            compositeIndex(m, "communityById", communityId, true, created);
            if (withSearchIndex && created.contains(NAME) && !m.containsGraphIndex(NAME_INDEX)) {
                // Lucene splits names with Strata's analyzer, as textContains does (Solr: Strata's schema)
                Parameter<?>[] mapping = lucene
                        ? new Parameter<?>[] {Mapping.TEXTSTRING.asParameter(),
                            ParameterType.TEXT_ANALYZER.getParameter(NameAnalyzer.class.getName())}
                        : new Parameter<?>[] {Mapping.TEXTSTRING.asParameter()};
                m.buildIndex(NAME_INDEX, Vertex.class).addKey(name, mapping).indexOnly(entity)
                        .buildMixedIndex(SEARCH_BACKEND);
            } else if (!withSearchIndex) {
                // no search backend configured (a CQL store without Elasticsearch): exact names still found
                // by index; text predicates (textContains, textPrefix) scan
                compositeIndex(m, EXACT_NAME_INDEX, name, false, created);
                // and words and prefixes through composite indexes on keys that follow the name (NameKeys)
                PropertyKey word = key(m, NameKeys.WORD, String.class, Cardinality.SET, created);
                PropertyKey prefix = key(m, NameKeys.PREFIX, String.class, Cardinality.SET, created);
                compositeIndex(m, NameKeys.WORD_INDEX, word, false, created);
                compositeIndex(m, NameKeys.PREFIX_INDEX, prefix, false, created);
            }
            m.commit();
            return created;
        } catch (RuntimeException e) {
            if (m.isOpen()) {
                m.rollback();
            }
            throw e;
        }
    }

    private static VertexLabel label(JanusGraphManagement m, String name) {
        VertexLabel label = m.getVertexLabel(name);
        return label != null ? label : m.makeVertexLabel(name).make();
    }

    private static PropertyKey key(JanusGraphManagement m, String name, Class<?> type, Set<String> created) {
        return key(m, name, type, Cardinality.SINGLE, created);
    }

    private static PropertyKey key(JanusGraphManagement m, String name, Class<?> type, Cardinality cardinality,
                                   Set<String> created) {
        PropertyKey key = m.getPropertyKey(name);
        if (key != null) {
            return key;
        }
        created.add(name);
        return m.makePropertyKey(name).dataType(type).cardinality(cardinality).make();
    }

    private static void compositeIndex(JanusGraphManagement m, String index, PropertyKey key, boolean unique,
                                       Set<String> created) {
        if (m.containsGraphIndex(index) || !created.contains(key.name())) {
            return;
        }
        JanusGraphManagement.IndexBuilder b = m.buildIndex(index, Vertex.class).addKey(key);
        JanusGraphIndex i = unique ? b.unique().buildCompositeIndex() : b.buildCompositeIndex();
        if (unique) {
            m.setConsistency(i, ConsistencyModifier.LOCK);
        }
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

    /**
     * The schema as sorted lines: every vertex label, edge label (with its multiplicity), property key
     * (data type, cardinality) and graph index (its keys, element type, uniqueness and each key's status).
     */
    static java.util.List<String> describe(JanusGraph graph) {
        java.util.List<String> out = new java.util.ArrayList<>();
        JanusGraphManagement m = graph.openManagement();
        try {
            for (VertexLabel l : m.getVertexLabels()) {
                out.add("vertexLabel " + l.name());
            }
            for (EdgeLabel l : m.getRelationTypes(EdgeLabel.class)) {
                out.add("edgeLabel " + l.name() + " " + l.multiplicity());
            }
            for (PropertyKey k : m.getRelationTypes(PropertyKey.class)) {
                out.add("propertyKey " + k.name() + " " + k.dataType().getSimpleName() + " " + k.cardinality());
            }
            for (Class<? extends org.apache.tinkerpop.gremlin.structure.Element> type : java.util.List.of(
                    Vertex.class, org.apache.tinkerpop.gremlin.structure.Edge.class)) {
                for (JanusGraphIndex ix : m.getGraphIndexes(type)) {
                    StringBuilder b = new StringBuilder("index " + ix.name() + " " + type.getSimpleName()
                            + (ix.isUnique() ? " unique" : "") + (ix.isMixedIndex() ? " mixed" : " composite"));
                    for (PropertyKey k : ix.getFieldKeys()) {
                        b.append(' ').append(k.name()).append('=').append(ix.getIndexStatus(k));
                    }
                    out.add(b.toString());
                }
            }
        } finally {
            m.rollback();
        }
        out.sort(null);
        return out;
    }
}
