package org.strata.graph.store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.apache.tinkerpop.gremlin.structure.Graph;
import org.apache.tinkerpop.gremlin.structure.Vertex;

/**
 * A full, id-free dump of a store's graph for exact comparisons: every vertex with its label and
 * properties, every edge with its label, its ends (by key) and properties. The delta log's own vertices
 * (Delta, Source) are left out, since an undo adds to the log by design. Reads the whole graph: for
 * tests and for checking undo on small stores.
 */
public final class StoreDump {

    private StoreDump() {
    }

    public static Set<String> of(GraphStore store) {
        Graph g = store.graph();
        Set<String> out = new TreeSet<>();
        for (Iterator<Vertex> it = g.vertices(); it.hasNext(); ) {
            Vertex v = it.next();
            if (v.label().equals("Delta") || v.label().equals("Source")) {
                continue;
            }
            out.add("V " + v.label() + " " + props(v.properties()));
        }
        for (Iterator<Edge> it = g.edges(); it.hasNext(); ) {
            Edge e = it.next();
            out.add("E " + key(e.outVertex()) + " -" + e.label() + "-> " + key(e.inVertex()) + " " + props(e.properties()));
        }
        if (g.tx().isOpen()) {
            g.tx().rollback();
        }
        return out;
    }

    private static String key(Vertex v) {
        return v.property("uid").isPresent() ? "e:" + v.value("uid")
                : v.property("communityId").isPresent() ? "c:" + v.value("communityId") : v.label();
    }

    private static String props(Iterator<? extends org.apache.tinkerpop.gremlin.structure.Property<Object>> it) {
        TreeMap<String, String> m = new TreeMap<>();
        while (it.hasNext()) {
            var p = it.next();
            Object v = p.value();
            m.put(p.key(), v instanceof java.util.Date d ? "date:" + d.getTime() : v.getClass().getSimpleName() + ":" + v);
        }
        return m.toString();
    }

    public static List<String> diff(Set<String> a, Set<String> b) {
        List<String> d = new ArrayList<>();
        for (String x : a) {
            if (!b.contains(x)) {
                d.add("- " + x);
            }
        }
        for (String x : b) {
            if (!a.contains(x)) {
                d.add("+ " + x);
            }
        }
        return d;
    }
}
