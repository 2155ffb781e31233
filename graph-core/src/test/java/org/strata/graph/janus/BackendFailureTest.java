package org.strata.graph.janus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.janusgraph.core.JanusGraphException;
import org.janusgraph.diskstorage.IDAuthority;
import org.janusgraph.diskstorage.IDBlock;
import org.janusgraph.diskstorage.TemporaryBackendException;
import org.janusgraph.diskstorage.keycolumnvalue.KeyRange;
import org.janusgraph.graphdb.database.idassigner.IDBlockSizer;
import org.janusgraph.graphdb.database.idassigner.StandardIDPool;
import org.junit.jupiter.api.Test;

/** Which failures count as the backend's: the ones an import answers with "the backend failed". */
class BackendFailureTest {

    /** An id authority whose backend never answers: every request waits until it is cancelled. */
    private static final class SilentAuthority implements IDAuthority {
        private final CountDownLatch never = new CountDownLatch(1);

        @Override
        public IDBlock getIDBlock(int partition, int namespace, Duration timeout) throws TemporaryBackendException {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new TemporaryBackendException("cancelled");
        }

        @Override
        public List<KeyRange> getLocalIDPartition() {
            return List.of();
        }

        @Override
        public void setIDBlockSizer(IDBlockSizer sizer) {
        }

        @Override
        public void close() {
        }

        @Override
        public String getUniqueID() {
            return "silent";
        }

        @Override
        public boolean supportsInterruption() {
            return true;
        }
    }

    @Test
    void anIdBlockTheBackendDoesNotHandOutInTime_isABackendFailure() {
        // JanusGraph's own id pool, as an import's new vertex or edge meets it when Cassandra has gone away:
        // its exception carries a TimeoutException and no BackendException
        StandardIDPool pool = new StandardIDPool(new SilentAuthority(), 0, 1, 1_000, Duration.ofMillis(200), 0.3);
        JanusGraphException e;
        try {
            e = assertThrows(JanusGraphException.class, pool::nextID);
        } finally {
            pool.close();
        }
        String described = BackendFailure.describe(new IllegalStateException("wrapped by a writer", e));
        assertTrue(described != null && described.startsWith("JanusGraphException: " + BackendFailure.ID_BLOCK_PREFIX)
                && described.contains("timed out"), "described as the backend's failure: " + described);
    }

    @Test
    void aBackendExceptionInTheChain_isDescribedByItsDeepestCause() {
        RuntimeException e = new JanusGraphException("could not commit", new TemporaryBackendException("lost",
                new java.io.IOException("connection refused\nsecond line")));
        assertEquals("IOException: connection refused", BackendFailure.describe(e));
    }

    @Test
    void otherFailures_areNotTheBackends() {
        assertNull(BackendFailure.describe(new JanusGraphException("Vertex with id 4 was removed")));
        assertNull(BackendFailure.describe(new IllegalArgumentException("bad line", new RuntimeException())));
    }
}
