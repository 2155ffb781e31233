package org.strata.graph.janus;

import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.janusgraph.core.Cardinality;
import org.janusgraph.core.JanusGraphTransaction;
import org.janusgraph.core.Multiplicity;
import org.janusgraph.core.schema.JanusGraphManagement;
import org.strata.graph.store.GraphStore;

/**
 * Loads TinkerPop's "modern" toy graph (six people and programs, six edges) into a Strata store, with the
 * labels and keys it needs, through an explicit transaction of the store's own (not a governed client
 * write): for tests that run TinkerPop's feature traversals against the store.
 */
public final class ModernGraph {

    private ModernGraph() {
    }

    public static void load(GraphStore store) {
        StrataJanusGraph graph = (StrataJanusGraph) store.graph();
        JanusGraphManagement m = graph.openManagement();
        m.makeVertexLabel("person").make();
        m.makeVertexLabel("software").make();
        m.makeEdgeLabel("knows").multiplicity(Multiplicity.MULTI).make();
        m.makeEdgeLabel("created").multiplicity(Multiplicity.MULTI).make();
        m.makePropertyKey("age").dataType(Integer.class).cardinality(Cardinality.SINGLE).make();
        m.makePropertyKey("lang").dataType(String.class).cardinality(Cardinality.SINGLE).make();
        m.makePropertyKey("weight").dataType(Double.class).cardinality(Cardinality.SINGLE).make();
        m.commit();
        JanusGraphTransaction tx = graph.newTransaction();
        Vertex marko = tx.addVertex("person");
        marko.property("name", "marko");
        marko.property("age", 29);
        Vertex vadas = tx.addVertex("person");
        vadas.property("name", "vadas");
        vadas.property("age", 27);
        Vertex lop = tx.addVertex("software");
        lop.property("name", "lop");
        lop.property("lang", "java");
        Vertex josh = tx.addVertex("person");
        josh.property("name", "josh");
        josh.property("age", 32);
        Vertex ripple = tx.addVertex("software");
        ripple.property("name", "ripple");
        ripple.property("lang", "java");
        Vertex peter = tx.addVertex("person");
        peter.property("name", "peter");
        peter.property("age", 35);
        marko.addEdge("knows", vadas, "weight", 0.5d);
        marko.addEdge("knows", josh, "weight", 1.0d);
        marko.addEdge("created", lop, "weight", 0.4d);
        josh.addEdge("created", ripple, "weight", 1.0d);
        josh.addEdge("created", lop, "weight", 0.4d);
        peter.addEdge("created", lop, "weight", 0.2d);
        tx.commit();
    }
}
