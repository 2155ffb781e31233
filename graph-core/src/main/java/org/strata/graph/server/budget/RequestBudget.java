package org.strata.graph.server.budget;

import java.lang.management.ManagementFactory;

/**
 * The checks a running Gremlin request makes on itself: scripts before every statement and at the start
 * of every loop turn (the sandbox inserts the calls), traversals at every traverser that leaves a step
 * which can multiply them (a strategy inserts the checks). A check ends the request, by throwing
 * {@link RequestStoppedException}, when {@link RequestBudgets} stopped it (its time is up, the server is
 * stopping, the heap is nearly full and it allocated most), or when it has allocated more than its budget.
 *
 * <p>Requests are stopped this way, never by interrupting their thread: an interrupt that reaches
 * BerkeleyJE in the middle of an I/O or a latch wait invalidates the whole embedded store until it is
 * reopened. Costs a volatile read per check, and a read of the thread's allocation counter every
 * {@value #MEMORY_EVERY} checks.
 */
public final class RequestBudget {

    static final int MEMORY_EVERY = 256;
    /** Heap in use (garbage included) above which a request that allocated a quarter of the heap stops. */
    static final double HEAP_FULL = 0.90;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** The request the current thread runs, if it is accounted. */
    static final ThreadLocal<Running> CURRENT = new ThreadLocal<>();

    private RequestBudget() {
    }

    /**
     * Throws when the calling thread's request must stop; does nothing on a thread that runs none.
     *
     * @throws RequestStoppedException with the reason
     */
    public static void check() {
        Running r = CURRENT.get();
        if (r == null || r.finished) {
            return;
        }
        String reason = r.stopReason;
        if (reason == null && ++r.checks % MEMORY_EVERY == 0) {
            reason = r.memoryProblem();
        }
        if (reason != null) {
            r.stop(reason, r.kind == null ? StopKind.MEMORY : r.kind);
            throw new RequestStoppedException(r.stopReason, r.kind == StopKind.TIMEOUT);
        }
    }

    /** Why the server stopped a request. */
    enum StopKind { TIMEOUT, MEMORY, SHUTDOWN }

    /** One accounted request. */
    static final class Running {
        final RequestBudgets owner;
        final Thread thread;
        final Object requestId;
        final long startBytes;
        final long limitBytes;
        final long startMillis;
        final long timeoutMillis;
        volatile boolean finished;
        volatile String stopReason;
        volatile StopKind kind;
        private int checks;

        Running(RequestBudgets owner, Thread thread, Object requestId, long startBytes, long limitBytes, long startMillis,
                long timeoutMillis) {
            this.owner = owner;
            this.thread = thread;
            this.requestId = requestId;
            this.startBytes = startBytes;
            this.limitBytes = limitBytes;
            this.startMillis = startMillis;
            this.timeoutMillis = timeoutMillis;
        }

        long allocated() {
            return thread == Thread.currentThread() ? THREADS.getCurrentThreadAllocatedBytes() - startBytes
                    : THREADS.getThreadAllocatedBytes(thread.threadId()) - startBytes;
        }

        /** The reason to stop for memory, checked from the request's own thread, or null. */
        String memoryProblem() {
            long used = allocated();
            if (used > limitBytes) {
                return owner.overLimit();
            }
            Runtime rt = Runtime.getRuntime();
            long max = rt.maxMemory();
            long inUse = rt.totalMemory() - rt.freeMemory();
            if (inUse > HEAP_FULL * max && used > max / 4) {
                return "request stopped: the server's memory was nearly full (" + (inUse >> 20) + " of " + (max >> 20)
                        + " MiB) and this request had allocated " + (used >> 20) + " MiB";
            }
            return null;
        }

        /** Marks the request stopped (it stops at its next check); the first reason wins. */
        synchronized void stop(String reason, StopKind why) {
            if (finished || stopReason != null) {
                return;
            }
            kind = why;
            stopReason = reason;
            owner.stopped(this);
        }

        synchronized void finish() {
            finished = true;
        }
    }
}
