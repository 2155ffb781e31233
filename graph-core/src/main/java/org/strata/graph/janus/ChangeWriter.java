package org.strata.graph.janus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.tinkerpop.gremlin.structure.Direction;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.apache.tinkerpop.gremlin.structure.VertexProperty;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.JanusGraphTransaction;
import org.janusgraph.core.JanusGraphVertex;
import org.strata.graph.store.LifecycleState;
import org.strata.graph.store.DeltaKind;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.store.ChangeSet;

/**
 * Applies a {@link ChangeSet} as one delta, in batches, journalling what each change replaces so that
 * {@link DeltaReverter} can restore it exactly. Checks everything it can before writing: facts and
 * rules to change must exist, new facts must join existing entities, new communities need a level,
 * membership edges must point at communities that will exist. A failure part-way reverts the delta.
 */
final class ChangeWriter {

    private static final int BATCH = 2_000;

    private final JanusGraph graph;
    private final DeltaLog log;
    private final DeltaReverter reverter;

    ChangeWriter(JanusGraph graph, DeltaLog log, DeltaReverter reverter) {
        this.graph = graph;
        this.log = log;
        this.reverter = reverter;
    }

    String apply(ChangeSet changes, DeltaKind kind, String command, ProgressListener progress) {
        Elements.Rules rules = new Elements.Rules(); // read for the check, used again by the write
        validate(changes, rules);
        Set<String> relations = new HashSet<>();
        changes.factAdditions().forEach(a -> relations.add(a.relation()));
        Set<String> toCreate = new java.util.TreeSet<>();
        for (String r : relations) {
            JanusGraphTransaction tx = graph.buildTransaction().readOnly().start();
            try {
                if (tx.getEdgeLabel(r) == null) {
                    if (!changes.newRelations().contains(r)) {
                        throw new IllegalArgumentException("a new fact uses relation '" + r + "', which the store does "
                                + "not have");
                    }
                    toCreate.add(r);
                }
            } finally {
                tx.rollback();
            }
        }
        if (!toCreate.isEmpty()) {
            org.janusgraph.core.schema.JanusGraphManagement m = graph.openManagement();
            try {
                for (String r : toCreate) {
                    String problem = Schema.relationNameProblem(m, r);
                    if (problem != null) {
                        throw new IllegalArgumentException(problem);
                    }
                }
            } finally {
                m.rollback();
            }
            Schema.ensureEdgeLabels(graph, toCreate);
        }
        List<String> sources = changes.sources();
        List<DeltaLog.SourceSpec> specs = new ArrayList<>();
        for (String s : sources) {
            specs.add(new DeltaLog.SourceSpec("proposer", s, "", 0));
        }
        String deltaId = log.open(kind, command, Instant.now(), specs, null);
        Map<String, String> sourceIds = new HashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            sourceIds.put(sources.get(i), Provenance.sourceId(deltaId, i + 1));
        }
        long total = changes.counts().values().stream().mapToLong(Long::longValue).sum();
        progress.begin("write " + kind.label(), total, "changes");
        Journal journal = new Journal(deltaId);
        try {
            Batches b = new Batches(journal, progress);
            try {
                writeEntities(changes, deltaId, b);
                writeAliases(changes, deltaId, b);
                writeCommunities(changes, deltaId, journal, b);
                if (changes.memberships() != null) {
                    writeMemberships(changes.memberships(), journal, b);
                }
                writeFactChanges(changes, journal, b);
                writeAdditions(changes, deltaId, sourceIds, b);
                writeEvidence(changes, sourceIds, b);
                writeRuleChanges(changes, journal, b, rules);
                writeRuleAdditions(changes, deltaId, b);
                if (changes.shortcuts() != null) {
                    writeShortcuts(changes.shortcuts(), journal, b);
                }
                b.finish();
            } finally {
                b.close();
            }
            log.commit(deltaId, changes.counts(), null);
            return deltaId;
        } catch (RuntimeException | Error e) {
            reverter.abandon(deltaId, e);
            throw e;
        } finally {
            progress.end();
        }
    }

    /** Transactions of at most BATCH changes, each carrying the journal entries of its own changes. */
    private final class Batches implements AutoCloseable {
        private final Journal journal;
        private final ProgressListener progress;
        private JanusGraphTransaction tx = graph.newTransaction();
        private int count;

        Batches(Journal journal, ProgressListener progress) {
            this.journal = journal;
            this.progress = progress;
        }

        JanusGraphTransaction tx() {
            return tx;
        }

        void changed() {
            changed(1);
        }

        /** Counts {@code n} changes; may commit, so no element read before it may be used after it. */
        void changed(int n) {
            progress.advance(n);
            count += n;
            if (count >= BATCH) {
                commit();
                tx = graph.newTransaction();
            }
        }

        private void commit() {
            journal.flush(tx);
            tx.commit();
            count = 0;
        }

        void finish() {
            commit();
        }

        @Override
        public void close() {
            DeltaLog.rollbackIfOpen(tx);
        }
    }

    private void validate(ChangeSet changes, Elements.Rules rules) {
        JanusGraphTransaction tx = graph.buildTransaction().readOnly().start();
        try {
            Set<String> communities = new HashSet<>();
            for (ChangeSet.CommunityChange c : changes.communities()) {
                communities.add(c.id());
                if (Elements.community(tx, c.id()) == null && !c.properties().containsKey(Schema.LEVEL)) {
                    throw new IllegalArgumentException("new community " + c.id() + " has no " + Schema.LEVEL);
                }
            }
            if (changes.memberships() != null) {
                for (Map.Entry<String, String> e : changes.memberships().entityCommunity().entrySet()) {
                    if (Elements.entity(tx, e.getKey()) == null) {
                        throw new IllegalArgumentException("membership of unknown entity " + e.getKey());
                    }
                    requireCommunity(tx, communities, e.getValue());
                }
                for (Map.Entry<String, String> e : changes.memberships().communityParent().entrySet()) {
                    requireCommunity(tx, communities, e.getKey());
                    requireCommunity(tx, communities, e.getValue());
                }
            }
            for (ChangeSet.FactChange f : changes.factChanges()) {
                if (Elements.fact(tx, f.head(), f.relation(), f.tail()) == null) {
                    throw new IllegalArgumentException("no fact " + f.head() + " " + f.relation() + " " + f.tail()
                            + " to change");
                }
            }
            for (ChangeSet.Evidence f : changes.evidence()) {
                if (Elements.fact(tx, f.head(), f.relation(), f.tail()) == null) {
                    throw new IllegalArgumentException("no fact " + f.head() + " " + f.relation() + " " + f.tail()
                            + " to add evidence to");
                }
            }
            Set<String> newEntities = new HashSet<>();
            for (ChangeSet.EntityAddition e : changes.entityAdditions()) {
                if (!newEntities.add(e.uid()) || Elements.entity(tx, e.uid()) != null) {
                    throw new IllegalArgumentException("entity " + e.uid() + " exists already or is added twice");
                }
            }
            for (ChangeSet.FactAddition a : changes.factAdditions()) {
                for (String uid : new String[] {a.head(), a.tail()}) {
                    if (!newEntities.contains(uid) && Elements.entity(tx, uid) == null) {
                        throw new IllegalArgumentException("a new fact names unknown entity " + uid);
                    }
                }
            }
            for (ChangeSet.RuleChange r : changes.ruleChanges()) {
                if (rules.find(tx, r.text()) == null) {
                    throw new IllegalArgumentException("no rule '" + r.text() + "' to change");
                }
            }
        } finally {
            tx.rollback();
        }
    }

    private static void requireCommunity(JanusGraphTransaction tx, Set<String> inChangeSet, String id) {
        if (!inChangeSet.contains(id) && Elements.community(tx, id) == null) {
            throw new IllegalArgumentException("membership names unknown community " + id);
        }
    }

    private static void setAll(org.apache.tinkerpop.gremlin.structure.Element el, Map<String, Object> properties) {
        for (Map.Entry<String, Object> p : properties.entrySet()) {
            if (el instanceof Vertex v) {
                v.property(VertexProperty.Cardinality.single, p.getKey(), p.getValue());
            } else {
                el.property(p.getKey(), p.getValue());
            }
        }
    }

    private void writeEntities(ChangeSet changes, String deltaId, Batches b) {
        for (ChangeSet.EntityAddition e : changes.entityAdditions()) {
            JanusGraphVertex v = b.tx().addVertex(Schema.ENTITY);
            v.property(Schema.UID, e.uid());
            v.property(Schema.CREATED_BY, deltaId);
            if (e.name() != null && !e.name().isBlank()) {
                v.property(Schema.NAME, e.name());
                v.property(Schema.NAMED_BY, deltaId);
            }
            if (e.type() != null && !e.type().isBlank()) {
                v.property(Schema.TYPE, e.type());
            }
            b.changed();
        }
    }

    private void writeAliases(ChangeSet changes, String deltaId, Batches b) {
        for (ChangeSet.AliasAddition a : changes.aliasAdditions()) {
            JanusGraphVertex entity = Elements.entity(b.tx(), a.uid());
            if (entity == null) {
                throw new IllegalArgumentException("an alias names unknown entity " + a.uid());
            }
            JanusGraphVertex v = b.tx().addVertex(Schema.ALIAS);
            v.property(Schema.NAME, a.alias());
            v.property(Schema.DERIVED, a.how());
            v.property(Schema.CREATED_BY, deltaId);
            v.addEdge(Schema.ALIAS_OF, entity);
            b.changed();
        }
    }

    private void writeCommunities(ChangeSet changes, String deltaId, Journal journal, Batches b) {
        for (ChangeSet.CommunityChange c : changes.communities()) {
            JanusGraphVertex v = Elements.community(b.tx(), c.id());
            if (v == null) {
                v = b.tx().addVertex(Schema.COMMUNITY);
                v.property(Schema.COMMUNITY_ID, c.id());
                v.property(Schema.CREATED_BY, deltaId);
            } else {
                journal.properties(Journal.community(c.id()), v, c.properties().keySet());
            }
            setAll(v, c.properties());
            b.changed();
        }
    }

    private void writeMemberships(ChangeSet.Memberships m, Journal journal, Batches b) {
        // remove every existing membership edge, journalled with its properties
        List<Object> ids = new ArrayList<>();
        JanusGraphTransaction read = graph.buildTransaction().readOnly().start();
        try {
            for (JanusGraphVertex c : read.query().has(Schema.LEVEL).vertices()) {
                if (Schema.COMMUNITY.equals(c.label())) {
                    ids.add(c.id());
                }
            }
        } finally {
            read.rollback();
        }
        for (Object id : ids) {
            JanusGraphVertex c = b.tx().getVertex(id);
            List<Edge> edges = new ArrayList<>();
            c.edges(Direction.IN, Schema.MEMBER_OF, Schema.CHILD_OF).forEachRemaining(edges::add);
            for (Edge e : edges) {
                Vertex out = e.outVertex();
                Map<String, Object> outRef = Schema.ENTITY.equals(out.label()) ? Journal.entity(out.value(Schema.UID))
                        : Journal.community(out.value(Schema.COMMUNITY_ID));
                Map<String, Object> props = new LinkedHashMap<>();
                e.properties().forEachRemaining(p -> props.put(p.key(), p.value()));
                journal.edgeRemoved(e.label(), outRef, Journal.community(c.value(Schema.COMMUNITY_ID)), props);
                e.remove();
            }
            b.changed(edges.size()); // after the loop: a commit would close the transaction the edges belong to
        }
        for (Map.Entry<String, String> e : m.entityCommunity().entrySet()) {
            Vertex out = Elements.entity(b.tx(), e.getKey());
            Vertex in = Elements.community(b.tx(), e.getValue());
            out.addEdge(Schema.MEMBER_OF, in);
            journal.edgeAdded(Schema.MEMBER_OF, Journal.entity(e.getKey()), Journal.community(e.getValue()));
            b.changed();
        }
        for (Map.Entry<String, String> e : m.communityParent().entrySet()) {
            Vertex out = Elements.community(b.tx(), e.getKey());
            Vertex in = Elements.community(b.tx(), e.getValue());
            out.addEdge(Schema.CHILD_OF, in);
            journal.edgeAdded(Schema.CHILD_OF, Journal.community(e.getKey()), Journal.community(e.getValue()));
            b.changed();
        }
    }

    private void writeFactChanges(ChangeSet changes, Journal journal, Batches b) {
        for (ChangeSet.FactChange f : changes.factChanges()) {
            Edge e = Elements.fact(b.tx(), f.head(), f.relation(), f.tail());
            journal.properties(Journal.fact(f.head(), f.relation(), f.tail()), e, f.properties().keySet());
            setAll(e, f.properties());
            b.changed();
        }
    }

    private void writeAdditions(ChangeSet changes, String deltaId, Map<String, String> sourceIds, Batches b) {
        Date now = new Date();
        int n = 0;
        for (ChangeSet.FactAddition a : changes.factAdditions()) {
            String entry = Provenance.entry(sourceIds.get(a.source()), ++n);
            Edge existing = Elements.fact(b.tx(), a.head(), a.relation(), a.tail());
            if (existing != null) {
                addEntry(existing, entry, now);
            } else {
                Vertex h = Elements.entity(b.tx(), a.head());
                Vertex t = Elements.entity(b.tx(), a.tail());
                Edge e = h.addEdge(a.relation(), t, Schema.SUPPORT, 1, Schema.CONFIDENCE, 1.0, Schema.STATE,
                        LifecycleState.CANDIDATE.name(),
                        Schema.PROVENANCE, entry, Schema.FIRST_SEEN, now, Schema.LAST_SEEN, now);
                setAll(e, a.properties());
            }
            b.changed();
        }
    }

    private void writeEvidence(ChangeSet changes, Map<String, String> sourceIds, Batches b) {
        Date now = new Date();
        int n = changes.factAdditions().size();
        for (ChangeSet.Evidence ev : changes.evidence()) {
            Edge e = Elements.fact(b.tx(), ev.head(), ev.relation(), ev.tail());
            addEntry(e, Provenance.entry(sourceIds.get(ev.source()), ++n), now);
            b.changed();
        }
    }

    private static void addEntry(Edge e, String entry, Date now) {
        List<String> entries = Provenance.entries(e.<String>property(Schema.PROVENANCE).orElse(null));
        entries.add(entry);
        e.property(Schema.PROVENANCE, Provenance.join(entries));
        e.property(Schema.SUPPORT, entries.size());
        e.property(Schema.LAST_SEEN, now);
    }

    private void writeRuleChanges(ChangeSet changes, Journal journal, Batches b, Elements.Rules rules) {
        for (ChangeSet.RuleChange r : changes.ruleChanges()) {
            JanusGraphVertex v = rules.find(b.tx(), r.text());
            journal.properties(Journal.rule(r.text(), Elements.ruleHead(r.text())), v, r.properties().keySet());
            setAll(v, r.properties());
            b.changed();
        }
    }

    private void writeRuleAdditions(ChangeSet changes, String deltaId, Batches b) {
        for (org.strata.graph.store.RuleRecord r : changes.ruleAdditions()) {
            RuleWriter.addRule(b.tx(), r, deltaId).property(Schema.CONFIRMATIONS, 1);
            b.changed();
        }
    }

    private void writeShortcuts(List<ChangeSet.Shortcut> shortcuts, Journal journal, Batches b) {
        List<Object> ids = new ArrayList<>();
        JanusGraphTransaction read = graph.buildTransaction().readOnly().start();
        try {
            for (Iterator<Edge> it = read.traversal().E().hasLabel(Schema.SHORTCUT); it.hasNext(); ) {
                ids.add(it.next().id());
            }
        } finally {
            read.rollback();
        }
        for (Object id : ids) {
            Iterator<Edge> it = b.tx().edges(id);
            if (!it.hasNext()) {
                continue;
            }
            Edge e = it.next();
            Map<String, Object> props = new LinkedHashMap<>();
            e.properties().forEachRemaining(p -> props.put(p.key(), p.value()));
            journal.edgeRemoved(Schema.SHORTCUT, Journal.entity(e.outVertex().value(Schema.UID)),
                    Journal.entity(e.inVertex().value(Schema.UID)), props);
            e.remove();
            b.changed();
        }
        for (ChangeSet.Shortcut s : shortcuts) {
            Vertex h = Elements.entity(b.tx(), s.head());
            Vertex t = Elements.entity(b.tx(), s.tail());
            if (h == null || t == null) {
                throw new IllegalArgumentException("a shortcut names an unknown entity: " + s);
            }
            h.addEdge(Schema.SHORTCUT, t, Schema.DERIVED, s.rule(), Schema.RULE_HEAD, s.relation());
            journal.edgeAdded(Schema.SHORTCUT, Journal.entity(s.head()), Journal.entity(s.tail()));
            b.changed();
        }
    }

    /** Undoes the journalled changes of {@code deltaId}, newest first; safe to run twice. */
    static long revertJournal(JanusGraph graph, String deltaId) {
        JanusGraphTransaction tx = graph.newTransaction();
        long n = 0;
        try {
            List<Map<String, Object>> entries = Journal.read(tx, deltaId);
            Elements.Rules rules = new Elements.Rules();
            for (Map<String, Object> e : entries) {
                n += revertEntry(tx, e, rules) ? 1 : 0;
            }
            for (Iterator<JanusGraphVertex> it = tx.query().has(Schema.CREATED_BY, deltaId).vertices().iterator();
                 it.hasNext(); ) {
                JanusGraphVertex v = it.next();
                if (Schema.JOURNAL.equals(v.label()) || Schema.COMMUNITY.equals(v.label())
                        || Schema.ALIAS.equals(v.label())) {
                    v.remove();
                }
            }
            tx.commit();
        } finally {
            DeltaLog.rollbackIfOpen(tx);
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    private static boolean revertEntry(JanusGraphTransaction tx, Map<String, Object> e, Elements.Rules rules) {
        switch ((String) e.get("op")) {
            case "props" -> {
                var el = Elements.byRef(tx, (Map<String, Object>) e.get("ref"), rules);
                if (el == null) {
                    return false;
                }
                for (Map.Entry<String, Object> p : ((Map<String, Object>) e.get("before")).entrySet()) {
                    Journal.restore(el, p.getKey(), p.getValue());
                }
                return true;
            }
            case "edgeAdded" -> {
                Vertex out = (Vertex) Elements.byRef(tx, (Map<String, Object>) e.get("out"), rules);
                Vertex in = (Vertex) Elements.byRef(tx, (Map<String, Object>) e.get("in"), rules);
                if (out == null || in == null) {
                    return false;
                }
                for (Iterator<Edge> it = out.edges(Direction.OUT, (String) e.get("label")); it.hasNext(); ) {
                    Edge edge = it.next();
                    if (edge.inVertex().id().equals(in.id())) {
                        edge.remove();
                        return true;
                    }
                }
                return false;
            }
            case "edgeRemoved" -> {
                Vertex out = (Vertex) Elements.byRef(tx, (Map<String, Object>) e.get("out"), rules);
                Vertex in = (Vertex) Elements.byRef(tx, (Map<String, Object>) e.get("in"), rules);
                if (out == null || in == null) {
                    return false;
                }
                String label = (String) e.get("label");
                for (Iterator<Edge> it = out.edges(Direction.OUT, label); it.hasNext(); ) {
                    if (it.next().inVertex().id().equals(in.id())) {
                        return false; // already back
                    }
                }
                Edge edge = out.addEdge(label, in);
                for (Map.Entry<String, Object> p : ((Map<String, Object>) e.get("props")).entrySet()) {
                    edge.property(p.getKey(), Journal.decode(p.getValue()));
                }
                return true;
            }
            case "entityRemoved" -> {
                String uid = (String) e.get("uid");
                if (Elements.entity(tx, uid) != null) {
                    return false; // already back
                }
                JanusGraphVertex v = tx.addVertex(Schema.ENTITY);
                for (Map.Entry<String, Object> p : ((Map<String, Object>) e.get("props")).entrySet()) {
                    v.property(p.getKey(), Journal.decode(p.getValue()));
                }
                return true;
            }
            default -> throw new IllegalStateException("unknown journal entry " + e.get("op"));
        }
    }
}
