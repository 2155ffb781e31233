package org.strata.graph.store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.apache.tinkerpop.gremlin.structure.Graph;
import org.apache.tinkerpop.gremlin.structure.Vertex;

/**
 * A full, id-free dump of a store for exact comparisons: its schema, every vertex with its label and
 * properties, every edge with its label, its ends (by key) and properties. The entries form a multiset
 * (kept as a sorted list), so a duplicated vertex or edge shows as a second entry rather than collapsing
 * into the first. The delta log's own vertices (Delta, Source) are left out, since an undo adds to the
 * log by design. Reads the whole graph: for tests and for checking undo on small stores.
 *
 * @param schema   the store's schema lines ({@link GraphStore#schema()})
 * @param elements one line per vertex and edge, sorted
 */
public record StoreDump(List<String> schema, List<String> elements) {

    public StoreDump {
        schema = List.copyOf(schema);
        elements = List.copyOf(elements);
    }

    /** The dump of a store. */
    public static StoreDump of(GraphStore store) {
        Graph g = store.graph();
        List<String> out = new ArrayList<>();
        try {
            for (Iterator<Vertex> it = g.vertices(); it.hasNext(); ) {
                Vertex v = it.next();
                if (v.label().equals("Delta") || v.label().equals("Source")) {
                    continue;
                }
                out.add("V " + v.label() + " " + props(v.properties()));
            }
            for (Iterator<Edge> it = g.edges(); it.hasNext(); ) {
                Edge e = it.next();
                out.add("E " + key(e.outVertex()) + " -" + e.label() + "-> " + key(e.inVertex()) + " "
                        + props(e.properties()));
            }
        } finally {
            if (g.tx().isOpen()) {
                g.tx().rollback();
            }
        }
        out.sort(null);
        return new StoreDump(store.schema(), out);
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

    /** How many entries there are: vertices and edges. */
    public int size() {
        return elements.size();
    }

    /**
     * What differs, as lines: {@code - x} in this dump and not (as often) in {@code other}, {@code + x} the
     * other way round; schema lines first. Empty when the dumps are equal.
     */
    public List<String> diff(StoreDump other) {
        List<String> d = new ArrayList<>();
        multisetDiff("schema ", schema, other.schema, d);
        multisetDiff("", elements, other.elements, d);
        return d;
    }

    /** {@code a.diff(b)}. */
    public static List<String> diff(StoreDump a, StoreDump b) {
        return a.diff(b);
    }

    private static void multisetDiff(String prefix, List<String> a, List<String> b, List<String> out) {
        TreeMap<String, Integer> count = new TreeMap<>();
        a.forEach(x -> count.merge(x, 1, Integer::sum));
        b.forEach(x -> count.merge(x, -1, Integer::sum));
        count.forEach((x, n) -> {
            for (int i = 0; i < Math.abs(n); i++) {
                out.add((n > 0 ? "- " : "+ ") + prefix + x);
            }
        });
    }
}
