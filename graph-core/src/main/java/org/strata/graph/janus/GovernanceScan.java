package org.strata.graph.janus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.tinkerpop.gremlin.structure.Direction;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.apache.tinkerpop.gremlin.structure.Property;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.JanusGraphTransaction;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.projection.Dictionary;
import org.strata.graph.projection.IntList;
import org.strata.graph.store.CommunityRecord;
import org.strata.graph.store.FactRecord;
import org.strata.graph.store.FactSnapshot;
import org.strata.graph.store.LifecycleState;
import org.strata.graph.store.RuleStateRecord;

/** Reads what governance needs: facts with their states, communities with members, rules with states. */
final class GovernanceScan {

    private GovernanceScan() {
    }

    /** Every fact with its state and provenance: the fact half of {@link #snapshot}, whose scan it shares. */
    static List<FactRecord> facts(JanusGraph graph, ProgressListener progress) {
        return snapshot(graph, progress).facts();
    }

    /**
     * {@link FactScan#project} and {@link #facts} in one pass: the same projection (entities and relations
     * numbered in the sorted order of their names), every fact record as {@link #facts} reads it, sorted by
     * head, relation and tail, so that a cycle reads the same facts in the same order from any store that
     * holds them.
     */
    static FactSnapshot snapshot(JanusGraph graph, ProgressListener progress) {
        List<FactRecord> out = new ArrayList<>();
        Dictionary entities = new Dictionary(1 << 14);
        Dictionary relations = new Dictionary(256);
        Map<Object, Integer> dense = new HashMap<>();
        IntList heads = new IntList(1 << 14);
        IntList rels = new IntList(1 << 14);
        List<Object> tailIds = new ArrayList<>(1 << 14);
        JanusGraphTransaction tx = graph.buildTransaction().readOnly().start();
        progress.begin("read facts", -1, "entities");
        try {
            Map<Object, String> uids = new HashMap<>();
            for (Iterator<Vertex> it = tx.vertices(); it.hasNext(); ) {
                Vertex v = it.next();
                if (!Schema.ENTITY.equals(v.label())) {
                    continue;
                }
                String head = uids.computeIfAbsent(v.id(), id -> v.value(Schema.UID));
                int h = entities.add(head);
                dense.put(v.id(), h);
                for (Iterator<Edge> es = v.edges(Direction.OUT); es.hasNext(); ) {
                    Edge e = es.next();
                    if (!Schema.isFactLabel(e.label())) {
                        continue;
                    }
                    Vertex in = e.inVertex();
                    FactRecord r = record(e, head, uids.computeIfAbsent(in.id(), id -> in.value(Schema.UID)));
                    out.add(r);
                    if (r.state().believed()) {
                        heads.add(h);
                        rels.add(relations.add(r.relation()));
                        tailIds.add(in.id());
                    }
                }
                progress.advance(1);
            }
        } finally {
            tx.rollback();
            progress.end();
        }
        out.sort(java.util.Comparator.comparing(FactRecord::head).thenComparing(FactRecord::relation)
                .thenComparing(FactRecord::tail));
        return new FactSnapshot(FactScan.projection(entities, relations, dense, heads, rels, tailIds), out);
    }

    static List<CommunityRecord> communities(JanusGraph graph) {
        List<CommunityRecord> out = new ArrayList<>();
        JanusGraphTransaction tx = graph.buildTransaction().readOnly().start();
        try {
            for (Iterator<Vertex> it = tx.vertices(); it.hasNext(); ) {
                Vertex c = it.next();
                if (!Schema.COMMUNITY.equals(c.label())) {
                    continue;
                }
                List<String> members = new ArrayList<>();
                for (Iterator<Edge> es = c.edges(Direction.IN, Schema.MEMBER_OF, Schema.CHILD_OF); es.hasNext(); ) {
                    Vertex m = es.next().outVertex();
                    members.add(Schema.ENTITY.equals(m.label()) ? m.value(Schema.UID) : m.value(Schema.COMMUNITY_ID));
                }
                members.sort(Comparator.naturalOrder());
                out.add(new CommunityRecord(c.value(Schema.COMMUNITY_ID), c.<Integer>property(Schema.LEVEL).orElse(0),
                        c.<String>property(Schema.NAME).orElse(""), stateOf(c),
                        c.<Integer>property(Schema.FIRST_CYCLE).orElse(0), c.<Integer>property(Schema.LAST_CYCLE).orElse(0),
                        c.<Integer>property(Schema.CONFIRMATIONS).orElse(0), List.copyOf(members),
                        c.<String>property(Schema.PARTITION_KEY).orElse(null)));
            }
        } finally {
            tx.rollback();
        }
        out.sort(Comparator.comparingInt(CommunityRecord::level).thenComparing(CommunityRecord::id));
        return out;
    }

    static List<RuleStateRecord> rules(JanusGraph graph) {
        List<RuleStateRecord> out = new ArrayList<>();
        JanusGraphTransaction tx = graph.buildTransaction().readOnly().start();
        try {
            for (Iterator<Vertex> it = tx.vertices(); it.hasNext(); ) {
                Vertex r = it.next();
                if (!Schema.RULE.equals(r.label())) {
                    continue;
                }
                out.add(new RuleStateRecord(r.value(Schema.RULE_TEXT), r.value(Schema.RULE_HEAD),
                        stateOf(r),
                        r.<Integer>property(Schema.CONFIRMATIONS).orElse(0),
                        r.<Double>property(Schema.CONFIDENCE).orElse(0.0)));
            }
        } finally {
            tx.rollback();
        }
        return out;
    }

    /**
     * Words of a question worth searching for: its words as names are split into them ({@link NameKeys#words}),
     * at least three characters, no stop words.
     */
    static List<String> words(String text) {
        java.util.Set<String> stop = java.util.Set.of("the", "and", "for", "are", "what", "which", "who", "how", "does",
                "did", "with", "from", "that", "this", "into", "has", "have", "was", "were", "why", "when", "where");
        List<String> out = new ArrayList<>();
        for (String w : NameKeys.words(text)) {
            if (w.length() >= 3 && !stop.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    static List<String> findEntities(JanusGraph graph, String text, int limit, boolean useIndex) {
        List<String> words = words(text);
        java.util.Map<String, Integer> hits = new java.util.HashMap<>();
        java.util.Map<String, Integer> length = new java.util.HashMap<>();
        JanusGraphTransaction tx = graph.buildTransaction().readOnly().start();
        try {
            // without a search server the words of names are found through their composite index. Where the
            // full-text index splits names as JanusGraph's textContains does (Solr with Strata's schema, Lucene
            // with NameAnalyzer: stores made since), the query names the label, which the index holds alone, or
            // JanusGraph scans every vertex. An older Lucene index keeps "Barack_Obama" one word where
            // textContains splits it: there the predicate is evaluated on every vertex (2-10 s a question on
            // FB15k-237), which finds such names by their words. The uid is matched exactly
            boolean wordKeys = tx.containsPropertyKey(NameKeys.WORD);
            for (String w : words) {
                var named = wordKeys ? tx.traversal().V().has(NameKeys.WORD, w)
                        : (useIndex ? tx.traversal().V().hasLabel(Schema.ENTITY) : tx.traversal().V())
                        .has(Schema.NAME, org.janusgraph.core.attribute.Text.textContains(w));
                for (Iterator<Vertex> it = named.limit(500); it.hasNext(); ) {
                    Vertex v = it.next();
                    if (Schema.ENTITY.equals(v.label())) {
                        String uid = v.value(Schema.UID);
                        hits.merge(uid, 1, Integer::sum);
                        length.put(uid, v.<String>value(Schema.NAME).length());
                    }
                }
            }
            for (String candidate : uidCandidates(words)) {
                for (Iterator<Vertex> it = tx.traversal().V().has(Schema.UID, candidate); it.hasNext(); ) {
                    Vertex v = it.next();
                    if (Schema.ENTITY.equals(v.label())) {
                        hits.merge(candidate, candidate.split("_").length + 1, Integer::sum);
                        length.putIfAbsent(candidate, candidate.length());
                    }
                }
            }
        } finally {
            tx.rollback();
        }
        List<String> out = new ArrayList<>(hits.keySet());
        out.sort((a, b) -> !hits.get(a).equals(hits.get(b)) ? Integer.compare(hits.get(b), hits.get(a))
                : length.get(a) != length.get(b).intValue() ? Integer.compare(length.get(a), length.get(b))
                : a.compareTo(b));
        return out.subList(0, Math.min(limit, out.size()));
    }

    /** Single words and runs of up to three words joined by underscores: the usual uid shapes. */
    private static List<String> uidCandidates(List<String> words) {
        List<String> out = new ArrayList<>(words);
        for (int n = 2; n <= 3; n++) {
            for (int i = 0; i + n <= words.size(); i++) {
                out.add(String.join("_", words.subList(i, i + n)));
            }
        }
        return out;
    }

    static List<FactRecord> factsAround(JanusGraph graph, String uid, int limit) {
        List<FactRecord> out = new ArrayList<>();
        JanusGraphTransaction tx = graph.buildTransaction().readOnly().start();
        try {
            Iterator<Vertex> it = tx.traversal().V().has(Schema.UID, uid);
            if (!it.hasNext()) {
                return out;
            }
            Vertex v = it.next();
            // what the entity states first (up to half the budget), then what points at it
            for (Direction d : new Direction[] {Direction.OUT, Direction.IN}) {
                int cap = d == Direction.OUT ? (limit + 1) / 2 : limit;
                for (Iterator<Edge> es = v.edges(d); es.hasNext() && out.size() < cap; ) {
                    Edge e = es.next();
                    if (Schema.isFactLabel(e.label())) {
                        out.add(record(e));
                    }
                }
            }
        } finally {
            tx.rollback();
        }
        return out;
    }

    private static FactRecord record(Edge e) {
        return record(e, e.outVertex().value(Schema.UID), e.inVertex().value(Schema.UID));
    }

    /** A fact edge as a record; its properties are read in one pass rather than looked up one by one. */
    private static FactRecord record(Edge e, String head, String tail) {
        LifecycleState state = LifecycleState.STABLE;
        String provenance = null;
        int confirmations = 0;
        double confidence = 1.0;
        String counterEvidence = null;
        for (Iterator<? extends Property<Object>> ps = e.properties(); ps.hasNext(); ) {
            Property<Object> p = ps.next();
            switch (p.key()) {
                case Schema.STATE -> state = LifecycleState.of((String) p.value());
                case Schema.PROVENANCE -> provenance = (String) p.value();
                case Schema.CONFIRMATIONS -> confirmations = (Integer) p.value();
                case Schema.CONFIDENCE -> confidence = (Double) p.value();
                case Schema.COUNTER_EVIDENCE -> counterEvidence = (String) p.value();
                default -> {
                    // other edge properties are not part of the record
                }
            }
        }
        return new FactRecord(head, e.label(), tail, state, Provenance.entries(provenance), confirmations, confidence,
                counterEvidence);
    }

    /** A rule's or community's stored state; one stored without a state is a CANDIDATE. */
    private static LifecycleState stateOf(org.apache.tinkerpop.gremlin.structure.Element e) {
        org.apache.tinkerpop.gremlin.structure.Property<String> p = e.property(Schema.STATE);
        return p.isPresent() ? LifecycleState.of(p.value()) : LifecycleState.CANDIDATE;
    }
}
