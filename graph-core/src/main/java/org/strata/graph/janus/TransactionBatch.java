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

    TransactionBatch(JanusGraph graph, int size) {
        this.graph = graph;
        this.size = size;
        this.tx = graph.newTransaction();
    }

    JanusGraphTransaction tx() {
        return tx;
    }

    /** Counts changes; commits and opens a new transaction once the batch is full. */
    void changed(int count) {
        changes += count;
        if (changes >= size) {
            tx.commit();
            tx = graph.newTransaction();
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
