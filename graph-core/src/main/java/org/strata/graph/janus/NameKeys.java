package org.strata.graph.janus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.apache.tinkerpop.gremlin.structure.VertexProperty;
import org.apache.tinkerpop.gremlin.structure.VertexProperty.Cardinality;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.JanusGraphTransaction;
import org.janusgraph.core.JanusGraphVertex;
import org.janusgraph.core.PropertyKey;
import org.janusgraph.graphdb.internal.InternalRelation;
import org.janusgraph.graphdb.internal.InternalVertex;
import org.janusgraph.graphdb.transaction.StandardJanusGraphTx;

/**
 * Name search for a store without a search server (a CQL store without Elasticsearch): every entity name is
 * also kept as its lower-case words ({@value #WORD}) and the lower-case prefixes of the whole name up to
 * {@value #PREFIX_MAX} characters ({@value #PREFIX}), two multi-valued keys under composite indexes. Gremlin
 * finds them by equality: {@code has('nameWord', 'virus')}, {@code has('namePrefix', 'vir')} (a longer prefix:
 * its first {@value #PREFIX_MAX} characters, then {@code textPrefix} on {@code name} filters the few found).
 *
 * <p>The keys follow the name in every transaction the store commits, whoever set the name (import, undo,
 * a Gremlin client): {@link #follow} runs just before the changes are written. They exist only in stores
 * without a search server; a store with one answers {@code textContains} and {@code textPrefix} itself.
 */
final class NameKeys {

    /** The key holding a name's lower-case words (letters and digits). */
    static final String WORD = "nameWord";
    /** The key holding a name's lower-case prefixes. */
    static final String PREFIX = "namePrefix";
    /** The composite index on {@link #WORD}. */
    static final String WORD_INDEX = "entityByNameWord";
    /** The composite index on {@link #PREFIX}. */
    static final String PREFIX_INDEX = "entityByNamePrefix";
    /** The longest prefix kept. */
    static final int PREFIX_MAX = 6;
    /** Entities per transaction when a store's names gain their keys. */
    static final int BACKFILL_BATCH = 1_000;

    private NameKeys() {
    }

    /**
     * What a commit writes and removes.
     *
     * @param added   the relations to write
     * @param deleted the relations to remove
     */
    record Changes(Collection<InternalRelation> added, Collection<InternalRelation> deleted) {
    }

    /** The lower-case words of a name: runs of letters and digits. */
    static Set<String> words(String name) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : name.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** The lower-case prefixes of a name, of 1 to {@link #PREFIX_MAX} characters (whole code points). */
    static Set<String> prefixes(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        Set<String> out = new LinkedHashSet<>();
        int end = 0;
        for (int n = 0; n < PREFIX_MAX && end < lower.length(); n++) {
            end = lower.offsetByCodePoints(end, 1);
            out.add(lower.substring(0, end));
        }
        return out;
    }

    /**
     * Brings the word and prefix keys of every entity whose name {@code added} or {@code deleted} touch in
     * line with its name, in {@code tx}; a no-op in a store without these keys.
     *
     * @return the changes to write: the given ones, the keys' new values added and their old ones removed
     */
    static Changes follow(Collection<InternalRelation> added, Collection<InternalRelation> deleted,
                          StandardJanusGraphTx tx) {
        Changes given = new Changes(added, deleted);
        if (!tx.containsPropertyKey(WORD)) {
            return given;
        }
        PropertyKey name = tx.getPropertyKey(Schema.NAME);
        Set<InternalVertex> renamed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Collection<InternalRelation> side : List.of(added, deleted)) {
            for (InternalRelation r : side) {
                if (!r.isProperty() || !r.getType().equals(name)) {
                    continue;
                }
                InternalVertex v = r.getVertex(0);
                // a removed vertex takes its properties with it (and has no label left to read)
                if (!v.isRemoved() && Schema.ENTITY.equals(v.label())) {
                    renamed.add(v);
                }
            }
        }
        if (renamed.isEmpty()) {
            return given;
        }
        PropertyKey word = tx.getPropertyKey(WORD);
        PropertyKey prefix = tx.getPropertyKey(PREFIX);
        // copies: the transaction's own collection of removals may be replaced when the first one is made
        Changes out = new Changes(new ArrayList<>(added), new ArrayList<>(deleted));
        for (InternalVertex v : renamed) {
            String current = v.<String>property(Schema.NAME).orElse(null);
            replace(tx, v, word, current == null ? Set.of() : words(current), out);
            replace(tx, v, prefix, current == null ? Set.of() : prefixes(current), out);
        }
        return out;
    }

    /** Makes {@code key}'s values on {@code v} exactly {@code wanted}. */
    private static void replace(StandardJanusGraphTx tx, InternalVertex v, PropertyKey key, Set<String> wanted,
                                Changes out) {
        Set<String> missing = new LinkedHashSet<>(wanted);
        List<VertexProperty<String>> stale = new ArrayList<>();
        for (Iterator<VertexProperty<String>> it = v.properties(key.name()); it.hasNext(); ) {
            VertexProperty<String> p = it.next();
            if (!missing.remove(p.value())) {
                stale.add(p);
            }
        }
        for (VertexProperty<String> p : stale) {
            InternalRelation r = (InternalRelation) p;
            boolean isNew = r.isNew();
            p.remove();
            if (isNew) {
                out.added().remove(r);
            } else {
                out.deleted().add(r);
            }
        }
        for (String value : missing) {
            out.added().add((InternalRelation) tx.addProperty(Cardinality.set, v, key, value));
        }
    }

    /**
     * Gives every named entity of {@code graph} its word and prefix keys, for a store whose names were set
     * before the keys existed; commits every {@value #BACKFILL_BATCH} entities.
     *
     * @return how many entities gained them
     */
    static long backfill(JanusGraph graph) {
        List<Object> named = new ArrayList<>();
        JanusGraphTransaction read = graph.buildTransaction().readOnly().start();
        try {
            for (Iterator<Vertex> it = read.traversal().V().hasLabel(Schema.ENTITY).has(Schema.NAME); it.hasNext(); ) {
                named.add(it.next().id());
            }
        } finally {
            read.rollback();
        }
        for (int from = 0; from < named.size(); from += BACKFILL_BATCH) {
            JanusGraphTransaction tx = graph.newTransaction();
            try {
                for (Object id : named.subList(from, Math.min(named.size(), from + BACKFILL_BATCH))) {
                    JanusGraphVertex v = tx.getVertex(id);
                    String name = v == null ? null : v.<String>property(Schema.NAME).orElse(null);
                    if (name != null) {
                        for (String w : words(name)) {
                            v.property(Cardinality.set, WORD, w);
                        }
                        for (String p : prefixes(name)) {
                            v.property(Cardinality.set, PREFIX, p);
                        }
                    }
                }
                tx.commit();
            } finally {
                DeltaLog.rollbackIfOpen(tx);
            }
        }
        return named.size();
    }
}
