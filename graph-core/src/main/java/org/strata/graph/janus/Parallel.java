package org.strata.graph.janus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Runs the same worker on several threads of a pool and waits for all; the first failure is rethrown. */
final class Parallel {

    /** A worker that may throw. */
    @FunctionalInterface
    interface Worker {
        void run();
    }

    private Parallel() {
    }

    static void run(ExecutorService pool, int workers, Worker worker) {
        if (workers == 1) {
            worker.run();
            return;
        }
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            futures.add(pool.submit(() -> {
                worker.run();
                return null;
            }));
        }
        RuntimeException failure = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? new IllegalStateException("interrupted", e) : failure;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                RuntimeException re = cause instanceof RuntimeException r ? r
                        : cause instanceof Error err ? new IllegalStateException(err) : new IllegalStateException(cause);
                if (failure == null) {
                    failure = re;
                } else if (failure != re) {
                    failure.addSuppressed(re);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
