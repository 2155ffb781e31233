package org.strata.graph.janus;

import java.util.Collection;
import java.util.List;
import org.apache.tinkerpop.gremlin.process.traversal.TraversalStrategies;
import org.janusgraph.diskstorage.BackendException;
import org.janusgraph.graphdb.configuration.GraphDatabaseConfiguration;
import org.janusgraph.graphdb.database.StandardJanusGraph;
import org.janusgraph.graphdb.internal.InternalRelation;
import org.janusgraph.graphdb.internal.InternalRelationType;
import org.janusgraph.graphdb.types.CompositeIndexType;
import org.janusgraph.graphdb.types.IndexType;
import org.janusgraph.graphdb.types.indextype.IndexReferenceType;
import org.janusgraph.graphdb.transaction.StandardJanusGraphTx;
import org.janusgraph.graphdb.transaction.TransactionConfiguration;

/**
 * JanusGraph's standard graph with two additions: its transactions cache vertices in a plain map
 * ({@link TransactionVertexCache}), and the changes of a <em>thread-bound</em> transaction (the
 * one {@code graph.tx()} and every TinkerPop traversal on the graph use: Gremlin Server requests, embedded
 * callers) pass a {@link CommitHook} before they are written. The store's own jobs write through explicit
 * transactions ({@code newTransaction()}, {@code buildTransaction()}) and never pass it.
 *
 * <p>The hook sees every added and deleted relation (JanusGraph stores properties, edges and a vertex's
 * existence all as relations), so whatever built the change (any traversal step, a script, a session) it
 * is judged on what it does, and what the hook adds to the transaction commits atomically with it.
 */
final class StrataJanusGraph extends StandardJanusGraph {

    /** Judges and records the changes of a thread-bound transaction. */
    interface CommitHook {
        /**
         * Called before the changes are written, in the committing thread, with the transaction still open.
         *
         * @return the relations to write: {@code added} and whatever the hook added to the transaction
         * @throws RuntimeException to refuse the commit; the transaction is then rolled back
         */
        Collection<InternalRelation> beforeCommit(Collection<InternalRelation> added,
                                                  Collection<InternalRelation> deleted, StandardJanusGraphTx tx);

        /** Called after the write, whether it succeeded or not, when {@link #beforeCommit} returned. */
        void afterCommit(boolean written);
    }

    static {
        // TinkerPop finds a graph's strategies by its exact class: without this, traversals on this subclass
        // would lose JanusGraph's own (index lookups, vertex-centric queries, batching) and scan instead
        TraversalStrategies.GlobalCache.registerStrategies(StrataJanusGraph.class,
                TraversalStrategies.GlobalCache.getStrategies(StandardJanusGraph.class).clone());
    }

    private volatile CommitHook hook;

    StrataJanusGraph(GraphDatabaseConfiguration configuration) {
        super(configuration);
    }

    void hook(CommitHook hook) {
        this.hook = hook;
    }

    /**
     * Removes the shutdown hook that JanusGraph's constructor installs (it closes the graph when the JVM
     * begins to exit, synchronously and before other hooks may have finished their work). JanusGraph has
     * no public switch for it; its own {@code close()} removes the hook the same way, through this private
     * method, which handles a hook already removed.
     */
    void removeExitHook() {
        try {
            java.lang.reflect.Method remove = StandardJanusGraph.class.getDeclaredMethod("removeHook");
            remove.setAccessible(true);
            remove.invoke(this);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JanusGraph has no StandardJanusGraph.removeHook(): its exit hook"
                    + " cannot be removed", e);
        }
    }

    /** Every transaction gets Strata's vertex cache ({@link TransactionVertexCache}) in place of Caffeine's. */
    @Override
    public StandardJanusGraphTx newTransaction(TransactionConfiguration configuration) {
        StandardJanusGraphTx tx = super.newTransaction(configuration);
        TransactionVertexCache.install(tx, configuration);
        return tx;
    }

    @Override
    public void commit(Collection<InternalRelation> added, Collection<InternalRelation> deleted, StandardJanusGraphTx tx)
            throws BackendException {
        CommitHook h = hook;
        if (h == null || !tx.getConfiguration().isThreadBound()) {
            NameKeys.Changes c = NameKeys.follow(added, deleted, tx);
            readIndexDefinitions(c.added(), c.deleted());
            super.commit(c.added(), c.deleted(), tx);
            return;
        }
        Collection<InternalRelation> toWrite = h.beforeCommit(added, deleted, tx);
        boolean written = false;
        try {
            // after the hook: the name keys are the store's own, which the hook refuses from clients
            NameKeys.Changes c = NameKeys.follow(toWrite, deleted, tx);
            readIndexDefinitions(c.added(), c.deleted());
            super.commit(c.added(), c.deleted(), tx);
            written = true;
        } finally {
            h.afterCommit(written);
        }
    }

    /**
     * Reads, on the committing thread, every index definition that the commit's changed properties lead
     * to. JanusGraph 1.1 computes a commit's vertex index updates in a parallel stream (always: no setting
     * turns it off) that reads the transaction's schema objects, and those build their index lists and
     * field arrays lazily and publish them without synchronisation; two tasks of the stream filling them
     * at once made a commit fail now and then with a NullPointerException in
     * {@code IndexRecordUtil.indexMatches} ("fields[pos] is null", JanusGraph issue 4889; seen here in an
     * import's entity batch). Filled here first, the stream's tasks, forked after, only read them.
     */
    static void readIndexDefinitions(Collection<InternalRelation> added, Collection<InternalRelation> deleted) {
        java.util.Set<InternalRelationType> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Collection<InternalRelation> changes : List.of(added, deleted)) {
            for (InternalRelation r : changes) {
                if (r.isProperty() && r.getType() instanceof InternalRelationType type && seen.add(type)) {
                    for (IndexReferenceType ref : type.getKeyIndexesReferences()) {
                        IndexType index = ref.getIndexType();
                        index.getFieldKeys();
                        index.getElement();
                        if (index.hasSchemaTypeConstraint()) {
                            index.getSchemaTypeConstraint();
                        }
                        if (index instanceof CompositeIndexType composite) {
                            composite.getInlineFieldKeys();
                        }
                    }
                }
            }
        }
    }
}
