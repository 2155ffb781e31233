package org.strata.graph.janus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.tinkerpop.gremlin.structure.Direction;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.JanusGraphTransaction;
import org.strata.graph.store.LifecycleState;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.projection.Dictionary;
import org.strata.graph.projection.IntList;
import org.strata.graph.projection.Projection;
import org.strata.graph.projection.TripleList;

/**
 * Projects the store's facts: one scan over all vertices, reading each entity's uid and outgoing fact
 * edges. Entities and relations get dense ids in the sorted order of their names; edges to vertices that
 * are not entities are skipped.
 */
final class FactScan {

    private FactScan() {
    }

    /** The name of every entity that has one, by uid. */
    static Map<String, String> names(JanusGraph graph) {
        return entityValues(graph, Schema.NAME);
    }

    /** The value of an entity property ({@code name}, {@code type}) on every entity that has it, by uid. */
    static Map<String, String> entityValues(JanusGraph graph, String key) {
        Map<String, String> names = new HashMap<>();
        JanusGraphTransaction tx = graph.buildTransaction().readOnly().start();
        try {
            for (Iterator<Vertex> it = tx.vertices(); it.hasNext(); ) {
                Vertex v = it.next();
                if (Schema.ENTITY.equals(v.label())) {
                    v.<String>property(key).ifPresent(n -> names.put(v.value(Schema.UID), n));
                }
            }
        } finally {
            tx.rollback();
        }
        return names;
    }

    /** Whether a fact in this lifecycle state is part of what the store believes (and so of projections). */
    static boolean believed(String state) {
        return LifecycleState.of(state).believed();
    }

    static Projection project(JanusGraph graph, ProgressListener progress) {
        Dictionary entities = new Dictionary(1 << 14);
        Dictionary relations = new Dictionary(256);
        Map<Object, Integer> dense = new HashMap<>();
        IntList heads = new IntList(1 << 14);
        IntList rels = new IntList(1 << 14);
        List<Object> tailIds = new ArrayList<>(1 << 14);
        JanusGraphTransaction tx = graph.buildTransaction().readOnly().start();
        progress.begin("project", -1, "entities");
        try {
            for (Iterator<Vertex> it = tx.vertices(); it.hasNext(); ) {
                Vertex v = it.next();
                if (!Schema.ENTITY.equals(v.label())) {
                    continue;
                }
                int h = entities.add(v.value(Schema.UID));
                dense.put(v.id(), h);
                for (Iterator<Edge> es = v.edges(Direction.OUT); es.hasNext(); ) {
                    Edge e = es.next();
                    String label = e.label();
                    if (!Schema.isFactLabel(label) || !believed(e.<String>property(Schema.STATE).orElse(null))) {
                        continue;
                    }
                    heads.add(h);
                    rels.add(relations.add(label));
                    tailIds.add(e.inVertex().id());
                }
                progress.advance(1);
            }
        } finally {
            tx.rollback();
            progress.end();
        }
        return projection(entities, relations, dense, heads, rels, tailIds);
    }

    /**
     * The projection of facts read as (dense head, relation, tail vertex id): tails resolved to their dense
     * ids; a fact whose tail is no entity of the scan is left out. Entities and relations are numbered in
     * the sorted order of their names, not in the order of the scan (which follows the store's vertex ids,
     * drawn differently by every import): the same facts give the same projection in every store, so a job
     * with a fixed amount of work and a seed gives the same result on each.
     */
    static Projection projection(Dictionary entities, Dictionary relations, Map<Object, Integer> dense, IntList heads,
                                 IntList rels, List<Object> tailIds) {
        Dictionary sortedEntities = new Dictionary(entities.size());
        int[] entity = entities.sortedInto(sortedEntities);
        Dictionary sortedRelations = new Dictionary(relations.size());
        int[] relation = relations.sortedInto(sortedRelations);
        IntList h2 = new IntList(heads.size());
        IntList r2 = new IntList(heads.size());
        IntList t2 = new IntList(heads.size());
        for (int i = 0; i < heads.size(); i++) {
            Integer t = dense.get(tailIds.get(i));
            if (t != null) {
                h2.add(entity[heads.get(i)]);
                r2.add(relation[rels.get(i)]);
                t2.add(entity[t]);
            }
        }
        return Projection.of(sortedEntities, sortedRelations, new TripleList(h2.toArray(), r2.toArray(), t2.toArray()));
    }
}
