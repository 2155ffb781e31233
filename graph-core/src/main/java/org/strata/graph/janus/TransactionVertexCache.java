package org.strata.graph.janus;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.janusgraph.graphdb.internal.InternalVertex;
import org.janusgraph.graphdb.transaction.StandardJanusGraphTx;
import org.janusgraph.graphdb.transaction.TransactionConfiguration;
import org.janusgraph.graphdb.transaction.vertexcache.VertexCache;
import org.janusgraph.util.datastructures.Retriever;

/**
 * A transaction's vertex cache, in place of JanusGraph's Caffeine one: the vertices a transaction has met,
 * by id, so that each is one object within the transaction. Caffeine's bookkeeping (a buffer write, a
 * frequency sketch and a maintenance pass per insert) took about 40 % of a 2-hop count on the server's
 * threads, where a traversal inserts every vertex it meets; this cache is a plain concurrent map.
 *
 * <p>The same rules as JanusGraph's cache: new vertices and those with added relations are kept on a side
 * map from the start; when the cache outgrows its size, the vertices modified or removed since are moved to
 * that map too, and the rest are dropped (met again, they are read again, as after a Caffeine eviction). The
 * side map is never cleared before the transaction closes, and {@link #getAllNew()} lists its new vertices.
 * The size is JanusGraph's: {@code cache.tx-cache-size}, at least 100 for a transaction that may write.
 */
final class TransactionVertexCache implements VertexCache {

    /** The smallest size JanusGraph gives the cache of a transaction that may write. */
    private static final int MIN_WRITABLE_SIZE = 100;
    private static final Field VERTEX_CACHE = vertexCacheField();

    private final Map<Object, InternalVertex> cache = new ConcurrentHashMap<>(64);
    private final Map<Object, InternalVertex> volatileVertices;
    private final long maxSize;

    TransactionVertexCache(long maxSize, int dirtySize) {
        this.maxSize = maxSize;
        this.volatileVertices = new ConcurrentHashMap<>(Math.max(16, dirtySize));
    }

    /** Puts a new cache of the configured size in place of the one the transaction was built with. */
    static void install(StandardJanusGraphTx tx, TransactionConfiguration configuration) {
        long size = configuration.getVertexCacheSize();
        if (!configuration.isReadOnly()) {
            size = Math.max(MIN_WRITABLE_SIZE, size);
        }
        try {
            VertexCache built = (VertexCache) VERTEX_CACHE.get(tx);
            VERTEX_CACHE.set(tx, new TransactionVertexCache(size, configuration.getDirtyVertexSize()));
            built.close();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot replace JanusGraph's transaction vertex cache", e);
        }
    }

    private static Field vertexCacheField() {
        try {
            Field f = StandardJanusGraphTx.class.getDeclaredField("vertexCache");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this JanusGraph's StandardJanusGraphTx has no vertexCache field: the "
                    + "transaction vertex cache cannot be replaced", e);
        }
    }

    @Override
    public boolean contains(Object id) {
        return cache.containsKey(id) || volatileVertices.containsKey(id);
    }

    @Override
    public InternalVertex get(Object id, Retriever<Object, InternalVertex> retriever) {
        InternalVertex v = cache.get(id);
        if (v != null) {
            return v;
        }
        v = volatileVertices.get(id);
        if (v == null) {
            v = retriever.get(id);
        }
        InternalVertex earlier = cache.putIfAbsent(id, v);
        if (earlier != null) {
            return earlier;
        }
        trim();
        return v;
    }

    @Override
    public void add(InternalVertex vertex, Object id) {
        if (vertex == null || id instanceof Number n && n.longValue() == 0) {
            throw new IllegalArgumentException("a vertex and its id (not 0), got " + vertex + " and " + id);
        }
        cache.put(id, vertex);
        if (vertex.isNew() || vertex.hasAddedRelations()) {
            volatileVertices.put(id, vertex);
        }
        trim();
    }

    /** Past its size: keeps the modified and removed vertices on the side map, drops the rest. */
    private void trim() {
        if (cache.size() <= maxSize) {
            return;
        }
        for (Map.Entry<Object, InternalVertex> e : cache.entrySet()) {
            InternalVertex v = e.getValue();
            if (v.isModified() || v.isRemoved()) {
                volatileVertices.putIfAbsent(e.getKey(), v);
            }
        }
        cache.clear();
    }

    @Override
    public List<InternalVertex> getAllNew() {
        List<InternalVertex> vertices = new ArrayList<>();
        for (InternalVertex v : volatileVertices.values()) {
            if (v.isNew()) {
                vertices.add(v);
            }
        }
        return vertices;
    }

    @Override
    public synchronized void close() {
        volatileVertices.clear();
        cache.clear();
    }
}
