package org.strata.graph.janus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.tinkerpop.gremlin.structure.Direction;
import org.janusgraph.core.JanusGraphEdge;
import org.janusgraph.core.JanusGraphVertex;
import org.janusgraph.core.PropertyKey;
import org.janusgraph.core.VertexLabel;
import org.janusgraph.graphdb.internal.InternalRelation;
import org.janusgraph.graphdb.internal.InternalVertex;
import org.janusgraph.graphdb.transaction.StandardJanusGraphTx;
import org.janusgraph.graphdb.types.system.BaseKey;
import org.janusgraph.graphdb.types.system.BaseLabel;
import org.janusgraph.graphdb.types.system.SystemRelationType;
import org.strata.graph.store.DeltaKind;
import org.strata.graph.store.LifecycleState;
import org.strata.graph.store.ClientWriteMode;
import org.strata.graph.store.ClientWriteRefusedException;
import org.strata.graph.store.DeltaState;

/**
 * Governs the writes clients make through the store's TinkerPop graph: every committed thread-bound
 * transaction is checked and, if allowed, recorded as one delta of kind {@code gremlin} in the same
 * transaction, so the change and its record commit together or not at all.
 *
 * <p>What a client may do: create {@code Entity} vertices (with a {@code uid}, optionally {@code name} and
 * {@code type}), set or clear the {@code name} and {@code type} of entities, remove entities (their facts
 * and membership edges go with them), add facts between entities (without properties: the store gives them
 * provenance pointing at the delta's source, support 1 and state STABLE, like an import), and remove facts.
 * Everything else is governance and refused: any other property ({@code state}, {@code confidence},
 * {@code support}, {@code source}, ...), an entity's {@code uid}, and the Delta, Source, Journal, Rule,
 * Community and Alias vertices with their edges.
 *
 * <p>Undo: added facts and entities are reverted as an import's are (by provenance and
 * {@code createdByDelta}); what the transaction removed or renamed is in the delta's journal, with every
 * property value, and comes back exactly.
 *
 * <p>Thread-safe: each commit runs in its client's thread; recording takes the store's write lock, so
 * client deltas interleave with the store's jobs one at a time.
 */
final class ClientWrites implements StrataJanusGraph.CommitHook {

    /** Most relations (properties and edges) one client transaction may change. */
    static final int MAX_CHANGES = 100_000;
    private static final int JOURNAL_CHUNK = 2_000;
    private static final long LOCK_WAIT_SECONDS = 30;
    private static final Set<String> NEW_ENTITY_KEYS = Set.of(Schema.UID, Schema.NAME, Schema.TYPE);
    private static final Set<String> ENTITY_KEYS = Set.of(Schema.NAME, Schema.TYPE);
    private static final String FACT_STATE = LifecycleState.STABLE.name();

    private final DeltaLog log;
    private final ReentrantLock writeLock;
    private volatile ClientWriteMode mode = ClientWriteMode.GOVERNED;
    private final ThreadLocal<String> who = new ThreadLocal<>();

    ClientWrites(DeltaLog log, ReentrantLock writeLock) {
        this.log = log;
        this.writeLock = writeLock;
    }

    ClientWriteMode mode() {
        return mode;
    }

    void mode(ClientWriteMode mode) {
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
    }

    void attribute(String client) {
        who.set(client);
    }

    @Override
    public Collection<InternalRelation> beforeCommit(Collection<InternalRelation> added, Collection<InternalRelation> deleted,
                                                     StandardJanusGraphTx tx) {
        if (mode == ClientWriteMode.READ_ONLY) {
            throw new ClientWriteRefusedException("this store is read-only to clients (strata serve without --writes); "
                    + "nothing was written");
        }
        Change change = new Change(added, deleted);
        change.check();
        if (change.isEmpty()) {
            return added;
        }
        try {
            if (!writeLock.tryLock(LOCK_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new ClientWriteRefusedException("the store is busy with another write (an import, undo or evolve "
                        + "step) for more than " + LOCK_WAIT_SECONDS + " s; nothing was written, try again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientWriteRefusedException("interrupted while waiting for the store; nothing was written");
        }
        try {
            return record(change, added, tx);
        } catch (RuntimeException | Error e) {
            writeLock.unlock();
            throw e;
        }
    }

    @Override
    public void afterCommit(boolean written) {
        if (writeLock.isHeldByCurrentThread()) {
            writeLock.unlock();
        }
    }

    /** Writes the delta, its source and journal into {@code tx} and completes the new facts and entities. */
    private Collection<InternalRelation> record(Change c, Collection<InternalRelation> added, StandardJanusGraphTx tx) {
        long seq = 1 + log.list().stream().mapToLong(org.strata.graph.store.DeltaRecord::sequence).max().orElse(0);
        String deltaId = "d" + seq;
        String sourceId = Provenance.sourceId(deltaId, 1);
        Date now = Date.from(Instant.now());
        String client = who.get() == null ? "embedded caller" : who.get();
        List<JanusGraphVertex> touched = new ArrayList<>();

        int line = 0;
        for (InternalRelation r : c.factsAdded) {
            JanusGraphEdge e = (JanusGraphEdge) r;
            e.property(Schema.PROVENANCE, Provenance.entry(sourceId, ++line));
            e.property(Schema.SUPPORT, 1);
            e.property(Schema.STATE, FACT_STATE);
            e.property(Schema.FIRST_SEEN, now);
            e.property(Schema.LAST_SEEN, now);
        }
        for (InternalVertex v : c.created) {
            v.property(Schema.CREATED_BY, deltaId);
            touched.add(v);
        }

        Journal journal = new Journal(deltaId);
        int entries = 0;
        for (InternalRelation r : c.edgesRemoved) {
            journal.edgeRemoved(r.getType().name(), c.ref(r.getVertex(0)), c.ref(r.getVertex(1)), edgeProperties(r));
            entries = flushEvery(journal, ++entries, tx, touched);
        }
        for (Map.Entry<InternalVertex, Map<String, Object>> e : c.renamedBefore.entrySet()) {
            journal.before(Journal.entity(c.uid(e.getKey())), e.getValue());
            entries = flushEvery(journal, ++entries, tx, touched);
        }
        for (InternalVertex v : c.removed) {
            journal.entityRemoved(c.uid(v), c.removedProperties.get(v));
            entries = flushEvery(journal, ++entries, tx, touched);
        }
        JanusGraphVertex last = journal.flush(tx);
        if (last != null) {
            touched.add(last);
        }

        Map<String, Long> counts = c.counts();
        JanusGraphVertex d = tx.addVertex(Schema.DELTA);
        d.property(Schema.DELTA_ID, deltaId);
        d.property(Schema.DELTA_SEQ, seq);
        d.property(Schema.DELTA_STATE, DeltaState.COMMITTED.name());
        d.property(Schema.DELTA_KIND, DeltaKind.GREMLIN.label());
        d.property(Schema.DELTA_COMMAND, "gremlin write by " + client);
        d.property(Schema.DELTA_TIME, now);
        d.property(Schema.DELTA_COUNTS, DeltaLog.toJson(counts));
        touched.add(d);
        JanusGraphVertex s = tx.addVertex(Schema.SOURCE);
        s.property(Schema.SOURCE_ID, sourceId);
        s.property(Schema.SOURCE_KIND, DeltaKind.GREMLIN.label());
        s.property(Schema.SOURCE_PATH, "gremlin:" + client);
        s.property(Schema.SOURCE_SHA256, "");
        s.property(Schema.SOURCE_LINES, (long) c.factsAdded.size());
        s.property(Schema.CREATED_BY, deltaId);
        touched.add(s);

        Set<InternalRelation> known = Collections.newSetFromMap(new IdentityHashMap<>());
        known.addAll(added);
        List<InternalRelation> all = new ArrayList<>(added);
        for (JanusGraphVertex v : touched) {
            for (InternalRelation r : ((InternalVertex) v).getAddedRelations(x -> true)) {
                if (known.add(r)) {
                    all.add(r);
                }
            }
        }
        return all;
    }

    private static int flushEvery(Journal journal, int entries, StandardJanusGraphTx tx, List<JanusGraphVertex> touched) {
        if (entries % JOURNAL_CHUNK == 0) {
            JanusGraphVertex v = journal.flush(tx);
            if (v != null) {
                touched.add(v);
            }
        }
        return entries;
    }

    private static Map<String, Object> edgeProperties(InternalRelation r) {
        Map<String, Object> props = new TreeMap<>();
        for (PropertyKey k : r.getPropertyKeysDirect()) {
            props.put(k.name(), r.getValueDirect(k));
        }
        return props;
    }

    private static ClientWriteRefusedException refused(String why) {
        return new ClientWriteRefusedException("refused by the store's governance: " + why + "; nothing was written");
    }

    /** One transaction's changes, sorted into what the governance rules speak about. */
    private static final class Change {
        final Set<InternalVertex> created = identitySet();
        final Set<InternalVertex> removed = identitySet();
        final Map<InternalVertex, String> labels = new IdentityHashMap<>();
        final Map<InternalVertex, Map<String, Object>> removedProperties = new IdentityHashMap<>();
        final Map<InternalVertex, Map<String, Object>> renamedBefore = new IdentityHashMap<>();
        final List<InternalRelation> propertiesAdded = new ArrayList<>();
        final List<InternalRelation> propertiesDeleted = new ArrayList<>();
        final List<InternalRelation> factsAdded = new ArrayList<>();
        final List<InternalRelation> edgesAdded = new ArrayList<>();
        final List<InternalRelation> edgesRemoved = new ArrayList<>();
        private int changes;

        Change(Collection<InternalRelation> added, Collection<InternalRelation> deleted) {
            for (InternalRelation r : added) {
                sort(r, true);
            }
            for (InternalRelation r : deleted) {
                sort(r, false);
            }
        }

        private static <T> Set<T> identitySet() {
            return Collections.newSetFromMap(new IdentityHashMap<>());
        }

        private void sort(InternalRelation r, boolean add) {
            InternalVertex owner = r.getVertex(0);
            if (r.getType() instanceof SystemRelationType) {
                if (r.getType() == BaseKey.VertexExists) {
                    (add ? created : removed).add(owner);
                } else if (r.getType() == BaseLabel.VertexLabelEdge) {
                    labels.put(owner, ((VertexLabel) r.getVertex(1)).name());
                } else {
                    throw refused("schema changes are not allowed");
                }
                return;
            }
            if (++changes > MAX_CHANGES) {
                throw refused("a client transaction may change at most " + MAX_CHANGES + " properties and edges (use "
                        + "'strata import' and 'strata undo' for bulk changes)");
            }
            if (r.isProperty()) {
                (add ? propertiesAdded : propertiesDeleted).add(r);
            } else {
                (add ? edgesAdded : edgesRemoved).add(r);
            }
        }

        String label(InternalVertex v) {
            String l = labels.get(v);
            if (l == null) {
                l = removed.contains(v) ? "vertex" : v.label();
                labels.put(v, l);
            }
            return l;
        }

        /** Applies the rules; throws at the first broken one. */
        void check() {
            for (InternalVertex v : created) {
                if (!Schema.ENTITY.equals(label(v))) {
                    throw refused("clients may create Entity vertices only, not '" + label(v) + "'");
                }
            }
            for (InternalVertex v : removed) {
                if (!Schema.ENTITY.equals(label(v))) {
                    throw refused("clients may not remove " + label(v) + " vertices (they hold the store's history and "
                            + "governance)");
                }
            }
            for (InternalRelation r : propertiesDeleted) {
                InternalVertex v = r.getVertex(0);
                String key = r.getType().name();
                if (removed.contains(v)) {
                    removedProperties.computeIfAbsent(v, x -> new TreeMap<>()).put(key, value(r));
                    continue;
                }
                checkEntityKey(v, key, false);
                renamedBefore.computeIfAbsent(v, x -> new TreeMap<>()).put(key, value(r));
            }
            for (InternalRelation r : propertiesAdded) {
                InternalVertex v = r.getVertex(0);
                String key = r.getType().name();
                boolean isNew = created.contains(v);
                checkEntityKey(v, key, isNew);
                if (!isNew) {
                    renamedBefore.computeIfAbsent(v, x -> new TreeMap<>()).putIfAbsent(key, null);
                }
            }
            for (InternalVertex v : created) {
                Object uid = v.property(Schema.UID).orElse(null);
                if (!(uid instanceof String s) || s.isBlank()) {
                    throw refused("a new Entity needs a non-empty uid");
                }
            }
            for (InternalRelation r : edgesAdded) {
                String label = r.getType().name();
                if (!Schema.isFactLabel(label)) {
                    throw refused("clients may not add '" + label + "' edges (they are the store's governance)");
                }
                for (int i = 0; i < 2; i++) {
                    InternalVertex end = r.getVertex(i);
                    if (!Schema.ENTITY.equals(label(end)) || removed.contains(end)) {
                        throw refused("a fact joins two entities; '" + label + "' here ends at a " + label(end) + " vertex");
                    }
                }
                if (r.getPropertyKeysDirect().iterator().hasNext()) {
                    throw refused("the properties of a fact (" + edgeProperties(r).keySet() + ") are governance: clients "
                            + "add facts without properties and the store sets their provenance, support and state");
                }
                if (duplicates(r)) {
                    throw refused("the fact " + uid(r.getVertex(0)) + " " + label + " " + uid(r.getVertex(1))
                            + " exists already; clients add new facts (evidence for known ones comes through import)");
                }
                factsAdded.add(r);
            }
            for (InternalRelation r : edgesRemoved) {
                String label = r.getType().name();
                boolean cascade = removed.contains(r.getVertex(0)) || removed.contains(r.getVertex(1));
                if (!Schema.isFactLabel(label) && !cascade) {
                    throw refused("clients may not remove '" + label + "' edges (they are the store's governance)");
                }
            }
        }

        private void checkEntityKey(InternalVertex v, String key, boolean isNew) {
            if (!Schema.ENTITY.equals(label(v))) {
                throw refused("clients may not change " + label(v) + " vertices (they are the store's governance)");
            }
            if (isNew ? !NEW_ENTITY_KEYS.contains(key) : !ENTITY_KEYS.contains(key)) {
                throw refused(key.equals(Schema.UID) ? "an entity's uid is its identity and cannot change"
                        : "property '" + key + "' of an entity is governance; clients set uid (on new entities), name and type");
            }
        }

        /** Whether another live edge with the same label joins the same two vertices. */
        private boolean duplicates(InternalRelation r) {
            InternalVertex out = r.getVertex(0);
            Object in = r.getVertex(1).id();
            for (Iterator<org.apache.tinkerpop.gremlin.structure.Edge> it = out.edges(Direction.OUT, r.getType().name());
                 it.hasNext(); ) {
                var e = it.next();
                if (e != r && e.inVertex().id().equals(in)) {
                    return true;
                }
            }
            return false;
        }

        private static Object value(InternalRelation property) {
            return ((org.janusgraph.core.JanusGraphVertexProperty<?>) property).value();
        }

        String uid(InternalVertex v) {
            Map<String, Object> gone = removedProperties.get(v);
            if (gone != null && gone.get(Schema.UID) != null) {
                return (String) gone.get(Schema.UID);
            }
            return (String) v.property(Schema.UID).orElse(null);
        }

        /** A journal reference to a vertex: by uid for entities, by id for communities and the rest. */
        Map<String, Object> ref(InternalVertex v) {
            String label = label(v);
            if (Schema.ENTITY.equals(label)) {
                return Journal.entity(uid(v));
            }
            if (Schema.COMMUNITY.equals(label)) {
                return Journal.community((String) v.value(Schema.COMMUNITY_ID));
            }
            return Map.of("vid", v.id());
        }

        boolean isEmpty() {
            return created.isEmpty() && removed.isEmpty() && propertiesAdded.isEmpty() && propertiesDeleted.isEmpty()
                    && edgesAdded.isEmpty() && edgesRemoved.isEmpty();
        }

        Map<String, Long> counts() {
            long factsRemoved = edgesRemoved.stream().filter(r -> Schema.isFactLabel(r.getType().name())).count();
            Map<String, Long> c = new LinkedHashMap<>();
            c.put("entitiesAdded", (long) created.size());
            c.put("entitiesRemoved", (long) removed.size());
            c.put("entitiesChanged", (long) renamedBefore.size());
            c.put("factsAdded", (long) factsAdded.size());
            c.put("factsRemoved", factsRemoved);
            return c;
        }
    }
}
