package org.strata.graph.server.budget;

import java.lang.management.ManagementFactory;

/**
 * The budget check that Gremlin scripts make before every statement (the sandbox inserts the call): it
 * ends the script when its request was stopped (interrupted by the timeout or by {@link RequestBudgets})
 * or has allocated more than its budget. Straight-line code has no loop for Groovy's own interrupt checks
 * to hook into, so without this a script of many statements that each double a string would run to the
 * end of the heap whatever the timeout.
 *
 * <p>Costs one read of the thread's allocation counter (tens of nanoseconds).
 */
public final class RequestBudget {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** The request the current thread runs, if it is accounted. */
    static final ThreadLocal<Running> CURRENT = new ThreadLocal<>();

    private RequestBudget() {
    }

    /**
     * Throws when the calling thread's request must stop.
     *
     * @throws InterruptedException          when the request was interrupted (timeout, or stopped by the server)
     * @throws RequestBudgetExceededException when it allocated more than its budget
     */
    public static void check() throws InterruptedException {
        Running r = CURRENT.get();
        if (r != null && !r.finished) {
            long used = THREADS.getCurrentThreadAllocatedBytes() - r.startBytes;
            if (used > r.limitBytes) {
                String reason = r.owner.overLimit();
                r.stop(reason);
                Thread.interrupted(); // the reason travels in the exception; the flag would only confuse the pool
                throw new RequestBudgetExceededException(reason);
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("request stopped");
        }
    }

    /** One accounted request. */
    static final class Running {
        final RequestBudgets owner;
        final Thread thread;
        final Object requestId;
        final long startBytes;
        final long limitBytes;
        final long startMillis;
        private volatile boolean finished;
        private String stopReason;

        Running(RequestBudgets owner, Thread thread, Object requestId, long startBytes, long limitBytes, long startMillis) {
            this.owner = owner;
            this.thread = thread;
            this.requestId = requestId;
            this.startBytes = startBytes;
            this.limitBytes = limitBytes;
            this.startMillis = startMillis;
        }

        /** Interrupts the request's thread, unless it already finished; the first reason wins. */
        synchronized void stop(String reason) {
            if (finished || stopReason != null) {
                return;
            }
            stopReason = reason;
            owner.stopped(this, reason);
            thread.interrupt();
        }

        synchronized void finish() {
            finished = true;
        }
    }
}
