package org.strata.graph.janus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.tinkerpop.gremlin.structure.Direction;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.JanusGraphTransaction;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.store.CommunityRecord;
import org.strata.graph.store.FactRecord;
import org.strata.graph.store.RuleStateRecord;

/** Reads what governance needs: facts with their states, communities with members, rules with states. */
final class GovernanceScan {

    private GovernanceScan() {
    }

    static List<FactRecord> facts(JanusGraph graph, ProgressListener progress) {
        List<FactRecord> out = new ArrayList<>();
        JanusGraphTransaction tx = graph.buildTransaction().readOnly().start();
        progress.begin("read facts", -1, "entities");
        try {
            for (Iterator<Vertex> it = tx.vertices(); it.hasNext(); ) {
                Vertex v = it.next();
                if (!Schema.ENTITY.equals(v.label())) {
                    continue;
                }
                String head = v.value(Schema.UID);
                for (Iterator<Edge> es = v.edges(Direction.OUT); es.hasNext(); ) {
                    Edge e = es.next();
                    if (!Schema.isFactLabel(e.label())) {
                        continue;
                    }
                    out.add(new FactRecord(head, e.label(), e.inVertex().value(Schema.UID),
                            e.<String>property(Schema.STATE).orElse("STABLE"),
                            Provenance.entries(e.<String>property(Schema.PROVENANCE).orElse(null)),
                            e.<Integer>property(Schema.CONFIRMATIONS).orElse(0),
                            e.<Double>property(Schema.CONFIDENCE).orElse(1.0),
                            e.<String>property(Schema.COUNTER_EVIDENCE).orElse(null)));
                }
                progress.advance(1);
            }
        } finally {
            tx.rollback();
            progress.end();
        }
        return out;
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
                        c.<String>property(Schema.NAME).orElse(""), c.<String>property(Schema.STATE).orElse("CANDIDATE"),
                        c.<Integer>property(Schema.FIRST_CYCLE).orElse(0), c.<Integer>property(Schema.LAST_CYCLE).orElse(0),
                        c.<Integer>property(Schema.CONFIRMATIONS).orElse(0), List.copyOf(members)));
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
                        r.<String>property(Schema.STATE).orElse("CANDIDATE"),
                        r.<Integer>property(Schema.CONFIRMATIONS).orElse(0),
                        r.<Double>property(Schema.CONFIDENCE).orElse(0.0)));
            }
        } finally {
            tx.rollback();
        }
        return out;
    }
}
