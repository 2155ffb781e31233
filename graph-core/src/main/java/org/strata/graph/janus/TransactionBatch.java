package org.strata.graph.janus;

import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.JanusGraphTransaction;

/**
 * A write transaction that commits and starts afresh every {@code size} changes, so that a long job
 * writes in bounded batches. Elements read from {@link #tx()} are valid until the next
 * {@link #changed(int)} that commits. Not thread-safe.
 */
final class TransactionBatch implements AutoCloseable {

    private final JanusGraph graph;
    private final int size;
    private JanusGraphTransaction tx;
    private int changes;

    private final boolean unlocked;

    TransactionBatch(JanusGraph graph, int size) {
        this(graph, size, false);
    }

    /**
     * With {@code unlocked}, the transactions take no locks and make no consistency checks (JanusGraph's
     * batch loading): for removals under the store's own write lock, where a unique index's lock would
     * otherwise cost a locking round trip per removed entity on a remote backend.
     */
    TransactionBatch(JanusGraph graph, int size, boolean unlocked) {
        this.graph = graph;
        this.size = size;
        this.unlocked = unlocked;
        this.tx = open();
    }

    private JanusGraphTransaction open() {
        return unlocked ? graph.buildTransaction().enableBatchLoading().consistencyChecks(false).start()
                : graph.newTransaction();
    }

    JanusGraphTransaction tx() {
        return tx;
    }

    /** Counts changes; commits and opens a new transaction once the batch is full. */
    void changed(int count) {
        changes += count;
        if (changes >= size) {
            tx.commit();
            tx = open();
            changes = 0;
        }
    }

    /** Commits what is left. */
    void commit() {
        tx.commit();
    }

    @Override
    public void close() {
        DeltaLog.rollbackIfOpen(tx);
    }
}
